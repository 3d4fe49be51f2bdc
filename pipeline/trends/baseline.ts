// The one wording of a topic's trend figures ("N this week against E expected from the W weeks before: rate ratio r (95% CI a to b), q = …"), shared by the stage summary, the report, its chart and the digest.

/** What a trend line states for one topic (from trends.json). */
export interface TrendFigures {
  /** Papers in the target period. */
  count: number;
  /** Papers expected in the target period at the window's rate. */
  expected: number;
  /** x / E; null when infinite (no papers in the window). */
  rateRatio: number | null;
  /** Exact interval of the rate ratio; the upper end null when infinite. */
  ci: [number, number | null] | null;
  q: number;
}

/** The comparison every figure of a run refers to. */
export interface TrendBaseline {
  /** The target period's label (`2026-W34`). */
  target: string;
  period: 'week' | 'month' | 'quarter';
  /** Periods in the window before the target. */
  window: number;
  /** Confidence level of the interval (0.95). */
  ciLevel: number;
}

/** The baseline of a trends file (target, period, window, interval level); null when nothing was tested. */
export function baselineOf(file: {
  target: string | null;
  period: TrendBaseline['period'];
  window: readonly string[];
  test: { ciLevel: number };
}): TrendBaseline | null {
  if (file.target === null || file.window.length === 0) return null;
  return { target: file.target, period: file.period, window: file.window.length, ciLevel: file.test.ciLevel };
}

/** The sentence that says how flags are decided, shown under the trends chart and in the digest. */
export function testSentence(b: TrendBaseline, test: { fdr: number; minCount: number; tested: number }): string {
  return (
    `Each topic's papers ${thisPeriod(b)} (${b.target}) are tested against ${windowPhrase(b)} by an exact test of two ` +
    `Poisson rates; a topic is flagged when its q-value (Benjamini-Hochberg over the ${test.tested} topics tested) is at ` +
    `most ${test.fdr} and it has at least ${test.minCount} papers, so on average at most ${Math.round(test.fdr * 100)}% of ` +
    'the flags are false alarms.'
  );
}

/** A count or an expectation: whole numbers as they are, else one decimal (two below 1). */
export function formatCount(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return x < 1 ? x.toFixed(2) : x.toFixed(1);
}

/** A ratio: two significant digits below 10, whole above; ∞ for infinity. */
export function formatRatio(r: number | null): string {
  if (r === null || r === Infinity) return '∞';
  if (r === 0) return '0';
  if (r >= 10) return r.toFixed(0);
  return r >= 1 ? r.toFixed(1) : r.toPrecision(2);
}

/** A q- or p-value: "< 0.001" below, else two significant digits. */
export function formatQ(q: number): string {
  if (q < 0.001) return '< 0.001';
  return String(Number(q.toPrecision(2)));
}

/** "this week", "this month", "this quarter". */
export function thisPeriod(b: Pick<TrendBaseline, 'period'>): string {
  return `this ${b.period}`;
}

/** "the 4 weeks before", "the week before". */
export function windowPhrase(b: TrendBaseline): string {
  return b.window === 1 ? `the ${b.period} before` : `the ${b.window} ${b.period}s before`;
}

/** "rate ratio 6.2 (95% CI 2.0 to 19)". */
export function ratioPhrase(t: TrendFigures, b: TrendBaseline): string {
  const ci = t.ci ? ` (${Math.round(b.ciLevel * 100)}% CI ${formatRatio(t.ci[0])} to ${formatRatio(t.ci[1])})` : '';
  return `rate ratio ${formatRatio(t.rateRatio)}${ci}`;
}

/** The full line: "5 this week against 0.8 expected from the 4 weeks before: rate ratio 6.2 (95% CI 2.0 to 19), q = 0.031". */
export function baselineText(t: TrendFigures, b: TrendBaseline): string {
  return `${t.count} ${thisPeriod(b)} against ${formatCount(t.expected)} expected from ${windowPhrase(b)}: ${ratioPhrase(t, b)}, q = ${formatQ(t.q)}`;
}

/** The short form a chart prints beside a point: "5 vs 0.8 expected · q 0.031". */
export function baselineShort(t: TrendFigures): string {
  return `${t.count} vs ${formatCount(t.expected)} expected · q ${formatQ(t.q)}`;
}
