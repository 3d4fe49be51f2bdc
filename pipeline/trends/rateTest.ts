// Rising, fading and emerging topics: an exact conditional test of two Poisson rates (target period against a trailing window).
//
// The test. For one topic, x = its papers in the target period and y = its papers in the w periods
// before it (the window). Treat them as Poisson counts with rates proportional to the exposures
// E_t = all papers in the target period and E_w = all papers in the window, so a topic holding its
// share of a growing or shrinking listing is not a change. Conditional on n = x + y,
//   x ~ Binomial(n, p),  and under H0 (same rate per paper in both) p = p0 = E_t / (E_t + E_w)
// (p0 = 1 / (1 + w) when every period has as many papers). One-sided exact p-values:
//   p_up   = P(X >= x | n, p0)     (more papers than the share predicts)
//   p_down = P(X <= x | n, p0)     (fewer)
// summed term by term in log space from ln C(n, k) + k ln p0 + (n - k) ln(1 - p0): no normal
// approximation, exact for small counts.
//   rising:   p_up < alpha   and x >= minCount            (a few papers never flag)
//   fading:   p_down < alpha and y / w >= minCount        (it had papers to fade from)
//   emerging: rising and y <= emergingMax                 (from near nothing)
// No flag comes from raw growth alone. Each topic is tested on its own (no correction for testing
// many topics; minCount keeps the small ones quiet). The displayed change is the rate ratio with a
// +0.5 continuity correction, ((x + 0.5) / E_t) / ((y + 0.5) / E_w), finite when y = 0.
// Without a window (the first period) or without papers in the target period nothing is tested
// (p-values 1, no flags).

export const trendDefaults = {
  /** Periods before the target in the trailing window. */
  window: 4,
  /** Significance level of each one-sided test. */
  alpha: 0.05,
  /** Least target count to rise, least window mean to fade. */
  minCount: 3,
  /** Most papers in the window for a rising topic to be emerging. */
  emergingMax: 1,
};

export type TrendSettings = typeof trendDefaults;

export type TrendFlag = 'emerging' | 'rising' | 'fading' | 'steady';

export interface RateTest {
  /** H0 probability that a paper of the topic falls in the target period: E_t / (E_t + E_w). */
  p0: number;
  pUp: number;
  pDown: number;
  /** ((x + 0.5) / E_t) / ((y + 0.5) / E_w); NaN when an exposure is 0. */
  rateRatio: number;
}

export interface TopicTrend {
  topic: number;
  /** x: papers in the target period. */
  count: number;
  /** y: papers in the window. */
  windowCount: number;
  /** y / w: the window's papers per period. */
  windowMean: number;
  /** x / E_t. */
  share: number;
  /** y / E_w. */
  windowShare: number;
  rateRatio: number;
  pUp: number;
  pDown: number;
  rising: boolean;
  fading: boolean;
  emerging: boolean;
  /** The one word for a report: emerging before rising; steady when unflagged. */
  flag: TrendFlag;
}

export interface TrendReport {
  /** Index (into the series' periods) of the target period and of the window's first period. */
  target: number;
  windowStart: number;
  /** w: periods in the window (fewer than asked when the series is short). */
  window: number;
  /** E_t and E_w. */
  exposure: number;
  windowExposure: number;
  settings: TrendSettings;
  topics: TopicTrend[];
}

const logFactorialCache: number[] = [0];

/** ln k! for k = 0..n, from a running sum of logs (exact up to rounding; cached across calls). */
function logFactorial(k: number): number {
  for (let i = logFactorialCache.length; i <= k; i++) logFactorialCache.push(logFactorialCache[i - 1] + Math.log(i));
  return logFactorialCache[k];
}

/** ln P(X = k) for X ~ Binomial(n, p). */
export function logBinomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (p <= 0) return k === 0 ? 0 : -Infinity;
  if (p >= 1) return k === n ? 0 : -Infinity;
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** ln of the sum of P(X = k) for k = from..to, by log-sum-exp. */
function logPmfSum(from: number, to: number, n: number, p: number): number {
  const terms: number[] = [];
  let max = -Infinity;
  for (let k = Math.max(0, from); k <= Math.min(n, to); k++) {
    const l = logBinomialPmf(k, n, p);
    terms.push(l);
    if (l > max) max = l;
  }
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const l of terms) s += Math.exp(l - max);
  return max + Math.log(s);
}

/** P(X >= x) for X ~ Binomial(n, p), exact. */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  return Math.min(1, Math.exp(logPmfSum(x, n, n, p)));
}

/** P(X <= x) for X ~ Binomial(n, p), exact. */
export function binomialLowerTail(x: number, n: number, p: number): number {
  if (x >= n) return 1;
  return Math.min(1, Math.exp(logPmfSum(0, x, n, p)));
}

/** The conditional binomial test of x papers against exposure eTarget versus y papers against eWindow. */
export function poissonRateTest(x: number, y: number, eTarget: number, eWindow: number): RateTest {
  if (eTarget <= 0 || eWindow <= 0) return { p0: NaN, pUp: 1, pDown: 1, rateRatio: NaN };
  const p0 = eTarget / (eTarget + eWindow);
  const n = x + y;
  return {
    p0,
    pUp: binomialUpperTail(x, n, p0),
    pDown: binomialLowerTail(x, n, p0),
    rateRatio: (x + 0.5) / eTarget / ((y + 0.5) / eWindow),
  };
}

/** Counts per topic per period (row-major nTopics x periods) and papers per period, as `topicSeries` gives. */
export interface CountSeries {
  nTopics: number;
  periods: readonly string[];
  counts: Int32Array;
  totals: Int32Array;
}

/**
 * Trend flags of every topic for the target period (default the last) against the `window`
 * periods before it. See the module comment for the test.
 */
export function topicTrends(series: CountSeries, options: Partial<TrendSettings> & { target?: number } = {}): TrendReport {
  const { target: targetOption, ...given } = options;
  const settings: TrendSettings = { ...trendDefaults, ...given };
  for (const [k, v] of Object.entries(settings)) {
    if (!Number.isFinite(v) || v < 0) throw new Error(`trend setting ${k} must be a number >= 0, got ${v}`);
  }
  if (!(settings.alpha > 0 && settings.alpha < 1)) throw new Error(`alpha must be between 0 and 1, got ${settings.alpha}`);
  if (!Number.isInteger(settings.window) || settings.window < 1) throw new Error(`window must be a whole number >= 1, got ${settings.window}`);
  const m = series.periods.length;
  const target = targetOption ?? m - 1;
  if (m === 0) return { target: -1, windowStart: -1, window: 0, exposure: 0, windowExposure: 0, settings, topics: [] };
  if (!Number.isInteger(target) || target < 0 || target >= m) throw new Error(`target period ${target} is outside 0..${m - 1}`);
  const windowStart = Math.max(0, target - settings.window);
  const w = target - windowStart;
  const eT = series.totals[target];
  let eW = 0;
  for (let j = windowStart; j < target; j++) eW += series.totals[j];

  const topics: TopicTrend[] = [];
  for (let t = 0; t < series.nTopics; t++) {
    const row = series.counts.subarray(t * m, (t + 1) * m);
    const x = row[target];
    let y = 0;
    for (let j = windowStart; j < target; j++) y += row[j];
    const test = poissonRateTest(x, y, eT, eW);
    const windowMean = w > 0 ? y / w : 0;
    const rising = test.pUp < settings.alpha && x >= settings.minCount;
    const fading = w > 0 && test.pDown < settings.alpha && windowMean >= settings.minCount;
    const emerging = rising && y <= settings.emergingMax;
    topics.push({
      topic: t,
      count: x,
      windowCount: y,
      windowMean,
      share: eT > 0 ? x / eT : 0,
      windowShare: eW > 0 ? y / eW : 0,
      rateRatio: test.rateRatio,
      pUp: test.pUp,
      pDown: test.pDown,
      rising,
      fading,
      emerging,
      flag: emerging ? 'emerging' : rising ? 'rising' : fading ? 'fading' : 'steady',
    });
  }
  return { target, windowStart, window: w, exposure: eT, windowExposure: eW, settings, topics };
}
