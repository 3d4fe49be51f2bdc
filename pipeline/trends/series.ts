// Topic time series: papers, share and upvotes per topic per period over a range with no gaps; undated papers counted apart.
import { choosePeriod, periodOf, periodRange, type Period } from './buckets.ts';

export interface SeriesInput {
  /** Each paper's `YYYY-MM-DD` day, or null when unknown. */
  dates: readonly (string | null)[];
  /** Each paper's topic id, 0..nTopics-1; a negative id (an outlier) counts in the period totals but in no topic. */
  topics: Int32Array;
  /** Each paper's upvotes (null counts as 0); optional. */
  upvotes?: readonly (number | null)[];
}

export interface SeriesOptions {
  /** Bucket size, or 'auto' (default): `choosePeriod` over the dates. */
  period?: Period | 'auto';
  /** Number of topics (rows); default the largest topic id + 1. */
  nTopics?: number;
  /** First and last period labels of the range; default those of the earliest and latest dates. Papers outside count in `outside`. */
  first?: string;
  last?: string;
}

/** Dense topic-by-period matrices, row-major: row t is topic t, column j is `periods[j]`. */
export interface TopicSeries {
  period: Period;
  /** Every period of the range, oldest first, no gaps. */
  periods: string[];
  nTopics: number;
  /** Papers per topic per period (nTopics x periods.length). */
  counts: Int32Array;
  /** Each topic's share of its period's papers: counts / totals (0 where a period has no papers). */
  shares: Float64Array;
  /** Summed upvotes per topic per period. */
  upvotes: Float64Array;
  /** Dated papers per period, all topics (and outliers) together. */
  totals: Int32Array;
  /** Papers with no date: never in the series. */
  undated: number;
  /** Undated papers per topic. */
  undatedByTopic: Int32Array;
  /** Dated papers before `first` or after `last` when the range was given. */
  outside: number;
}

/** Counts, shares and upvotes per topic per period; see `TopicSeries`. */
export function topicSeries(input: SeriesInput, options: SeriesOptions = {}): TopicSeries {
  const { dates, topics, upvotes } = input;
  const n = dates.length;
  if (topics.length !== n) throw new Error(`topics has ${topics.length} entries for ${n} papers`);
  if (upvotes && upvotes.length !== n) throw new Error(`upvotes has ${upvotes.length} entries for ${n} papers`);
  let maxTopic = -1;
  for (let i = 0; i < n; i++) if (topics[i] > maxTopic) maxTopic = topics[i];
  const nTopics = options.nTopics ?? maxTopic + 1;
  if (maxTopic >= nTopics) throw new Error(`topic id ${maxTopic} is outside 0..${nTopics - 1}`);

  const period = !options.period || options.period === 'auto' ? choosePeriod(dates) : options.period;
  const labels = dates.map((d) => (d === null ? null : periodOf(d, period)));
  let first = options.first ?? null;
  let last = options.last ?? null;
  for (const l of labels) {
    if (l === null) continue;
    if (options.first === undefined && (first === null || l < first)) first = l;
    if (options.last === undefined && (last === null || l > last)) last = l;
  }
  const periods = first !== null && last !== null ? periodRange(first, last, period) : [];
  const column = new Map(periods.map((p, j) => [p, j]));
  const m = periods.length;

  const counts = new Int32Array(nTopics * m);
  const votes = new Float64Array(nTopics * m);
  const totals = new Int32Array(m);
  const undatedByTopic = new Int32Array(nTopics);
  let undated = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const t = topics[i];
    const l = labels[i];
    if (l === null) {
      undated++;
      if (t >= 0) undatedByTopic[t]++;
      continue;
    }
    const j = column.get(l);
    if (j === undefined) {
      outside++;
      continue;
    }
    totals[j]++;
    if (t < 0) continue;
    counts[t * m + j]++;
    votes[t * m + j] += upvotes?.[i] ?? 0;
  }
  const shares = new Float64Array(nTopics * m);
  for (let t = 0; t < nTopics; t++) {
    for (let j = 0; j < m; j++) if (totals[j] > 0) shares[t * m + j] = counts[t * m + j] / totals[j];
  }
  return { period, periods, nTopics, counts, shares, upvotes: votes, totals, undated, undatedByTopic, outside };
}

/** Topic t's row of a topic-by-period matrix of the series (a view, not a copy). */
export function topicRow<T extends Int32Array | Float64Array>(series: TopicSeries, matrix: T, t: number): T {
  const m = series.periods.length;
  return matrix.subarray(t * m, (t + 1) * m) as T;
}
