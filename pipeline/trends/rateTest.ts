// Rising, fading and emerging topics: an exact conditional test of two Poisson rates per topic, flags at a controlled false discovery rate.
//
// The test. For one topic, x = its papers in the target period and y = its papers in the w periods
// before it (the window). Treat them as Poisson counts with rates proportional to the exposures
// E_t = all papers in the target period and E_w = all papers in the window, so a topic holding its
// share of a growing or shrinking listing is not a change. Conditional on n = x + y,
//   x ~ Binomial(n, p),  and under H0 (same rate per paper in both) p = p0 = E_t / (E_t + E_w)
// (p0 = 1 / (1 + w) when every period has as many papers). Exact tails, summed in log space:
//   p_up   = P(X >= x | n, p0),   p_down = P(X <= x | n, p0),
//   p      = min(1, 2 min(p_up, p_down))     (two-sided, the central test)
// The baseline a reader sees is the same everywhere: E = y E_t / E_w papers expected in the target
// period from the window's rate, the rate ratio r = (x / E_t) / (y / E_w) = x / E, and its exact 95%
// interval from the Clopper-Pearson interval of p, mapped through r = p / (1 - p) * E_w / E_t. The
// interval excludes 1 exactly when p < 0.05.
//
// Many topics are tested each period, so the flags control the false discovery rate over them: the
// Benjamini-Hochberg q-values of the p-values of every topic with a paper in the target period or
// its window, and a topic is flagged only when q <= fdr:
//   rising:   q <= fdr, x > E, x >= minCount           (a few papers never flag)
//   emerging: rising with y = 0                        (no papers in the window)
//   fading:   q <= fdr, x < E, y / w >= minCount       (it had papers to fade from)
// Without a window (the first period) or without papers in the target period nothing is tested
// (p = q = 1, no flags).

export const trendDefaults = {
  /** Periods before the target in the trailing window. */
  window: 4,
  /** False discovery rate the flags control over all topics of the period (Benjamini-Hochberg). */
  fdr: 0.1,
  /** Least target count to rise, least window mean to fade. */
  minCount: 3,
};

export type TrendSettings = typeof trendDefaults;

export type TrendFlag = 'emerging' | 'rising' | 'fading' | 'steady';

/** Confidence level of the rate ratio's interval. */
export const CI_LEVEL = 0.95;

export interface RateTest {
  /** H0 probability that a paper of the topic falls in the target period: E_t / (E_t + E_w). */
  p0: number;
  pUp: number;
  pDown: number;
  /** Two-sided: min(1, 2 min(pUp, pDown)). */
  p: number;
  /** Papers expected in the target period at the window's rate: y E_t / E_w. */
  expected: number;
  /** (x / E_t) / (y / E_w): Infinity when y = 0 < x, NaN when x = y = 0 or an exposure is 0. */
  rateRatio: number;
  /** Exact 95% interval of the rate ratio (upper Infinity when y = 0). */
  ciLow: number;
  ciHigh: number;
}

export interface TopicTrend {
  topic: number;
  /** x: papers in the target period. */
  count: number;
  /** y: papers in the window. */
  windowCount: number;
  /** y / w: the window's papers per period. */
  windowMean: number;
  /** E = y E_t / E_w. */
  expected: number;
  /** x / E_t. */
  share: number;
  /** y / E_w. */
  windowShare: number;
  rateRatio: number;
  ciLow: number;
  ciHigh: number;
  pUp: number;
  pDown: number;
  p: number;
  /** Benjamini-Hochberg q-value among the period's tested topics (1 when not tested). */
  q: number;
  /** Whether the topic was among the tested (a paper in the target period or the window). */
  tested: boolean;
  trend: TrendFlag;
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
  /** Topics that entered the Benjamini-Hochberg step (m). */
  tested: number;
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

/** The p in [0, 1] where a tail that falls (or rises) monotonically in p crosses `level`, by bisection. */
function solveMonotone(f: (p: number) => number, level: number, increasing: boolean): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    const above = f(mid) > level;
    if (above === increasing) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact (Clopper-Pearson) interval of a binomial proportion, x of n, at `level`: the lower end is
 * the p with P(X >= x | p) = (1 - level) / 2, the upper the p with P(X <= x | p) = (1 - level) / 2.
 */
export function clopperPearson(x: number, n: number, level = CI_LEVEL): [number, number] {
  if (!(n >= 0) || x < 0 || x > n) throw new Error(`clopperPearson needs 0 <= x <= n, got x = ${x}, n = ${n}`);
  const a = (1 - level) / 2;
  const low = x === 0 ? 0 : solveMonotone((p) => binomialUpperTail(x, n, p), a, true);
  const high = x === n ? 1 : solveMonotone((p) => binomialLowerTail(x, n, p), a, false);
  return [low, high];
}

/** The conditional binomial test of x papers against exposure eTarget versus y papers against eWindow. */
export function poissonRateTest(x: number, y: number, eTarget: number, eWindow: number, level = CI_LEVEL): RateTest {
  if (eTarget <= 0 || eWindow <= 0) {
    return { p0: NaN, pUp: 1, pDown: 1, p: 1, expected: NaN, rateRatio: NaN, ciLow: NaN, ciHigh: NaN };
  }
  const p0 = eTarget / (eTarget + eWindow);
  const n = x + y;
  const pUp = binomialUpperTail(x, n, p0);
  const pDown = binomialLowerTail(x, n, p0);
  const expected = (y * eTarget) / eWindow;
  const toRatio = (p: number): number => (p >= 1 ? Infinity : (p / (1 - p)) * (eWindow / eTarget));
  const [lo, hi] = n > 0 ? clopperPearson(x, n, level) : [0, 1];
  return {
    p0,
    pUp,
    pDown,
    p: n > 0 ? Math.min(1, 2 * Math.min(pUp, pDown)) : 1,
    expected,
    rateRatio: n === 0 ? NaN : y === 0 ? Infinity : x / expected,
    ciLow: n > 0 ? toRatio(lo) : NaN,
    ciHigh: n > 0 ? toRatio(hi) : NaN,
  };
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), step-up: sort the m p-values, q_(i) = min over
 * j >= i of m p_(j) / j, at most 1, returned in the input's order. Flagging q <= f controls the false
 * discovery rate at f for independent (or positively dependent) tests.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  for (const v of p) if (!(v >= 0 && v <= 1)) throw new Error(`p-values must lie in [0, 1], got ${v}`);
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const q = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    running = Math.min(running, (p[i] * m) / (r + 1));
    q[i] = running;
  }
  return q;
}

/** Counts per topic per period (row-major nTopics x periods) and papers per period, as `topicSeries` gives. */
export interface CountSeries {
  nTopics: number;
  periods: readonly string[];
  counts: Int32Array;
  totals: Int32Array;
}

function checkSettings(settings: TrendSettings): void {
  if (!(settings.fdr > 0 && settings.fdr < 1)) throw new Error(`fdr must be between 0 and 1, got ${settings.fdr}`);
  if (!Number.isInteger(settings.window) || settings.window < 1) throw new Error(`window must be a whole number >= 1, got ${settings.window}`);
  if (!(settings.minCount >= 0)) throw new Error(`minCount must be a number >= 0, got ${settings.minCount}`);
}

/**
 * Trend flags of every topic for the target period (default the last) against the `window`
 * periods before it, at false discovery rate `fdr`. See the module comment for the test.
 */
export function topicTrends(series: CountSeries, options: Partial<TrendSettings> & { target?: number } = {}): TrendReport {
  const { target: targetOption, ...given } = options;
  const settings: TrendSettings = { ...trendDefaults, ...given };
  checkSettings(settings);
  const m = series.periods.length;
  const target = targetOption ?? m - 1;
  if (m === 0) return { target: -1, windowStart: -1, window: 0, exposure: 0, windowExposure: 0, tested: 0, settings, topics: [] };
  if (!Number.isInteger(target) || target < 0 || target >= m) throw new Error(`target period ${target} is outside 0..${m - 1}`);
  const windowStart = Math.max(0, target - settings.window);
  const w = target - windowStart;
  const eT = series.totals[target];
  let eW = 0;
  for (let j = windowStart; j < target; j++) eW += series.totals[j];

  const rows = [];
  for (let t = 0; t < series.nTopics; t++) {
    const row = series.counts.subarray(t * m, (t + 1) * m);
    const x = row[target];
    let y = 0;
    for (let j = windowStart; j < target; j++) y += row[j];
    const test = poissonRateTest(x, y, eT, eW);
    rows.push({ t, x, y, test, tested: w > 0 && eT > 0 && eW > 0 && x + y > 0 });
  }
  const testedRows = rows.filter((r) => r.tested);
  const qs = benjaminiHochberg(testedRows.map((r) => r.test.p));
  const qOf = new Map(testedRows.map((r, i) => [r.t, qs[i]]));

  const topics: TopicTrend[] = rows.map(({ t, x, y, test, tested }) => {
    const q = qOf.get(t) ?? 1;
    const windowMean = w > 0 ? y / w : 0;
    const significant = tested && q <= settings.fdr;
    const rising = significant && x > test.expected && x >= settings.minCount;
    const fading = significant && x < test.expected && windowMean >= settings.minCount;
    const trend: TrendFlag = rising ? (y === 0 ? 'emerging' : 'rising') : fading ? 'fading' : 'steady';
    return {
      topic: t,
      count: x,
      windowCount: y,
      windowMean,
      expected: test.expected,
      share: eT > 0 ? x / eT : 0,
      windowShare: eW > 0 ? y / eW : 0,
      rateRatio: test.rateRatio,
      ciLow: test.ciLow,
      ciHigh: test.ciHigh,
      pUp: tested ? test.pUp : 1,
      pDown: tested ? test.pDown : 1,
      p: tested ? test.p : 1,
      q,
      tested,
      trend,
    };
  });
  return { target, windowStart, window: w, exposure: eT, windowExposure: eW, tested: testedRows.length, settings, topics };
}
