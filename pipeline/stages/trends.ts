// Stage trends: papers per topic per period (ISO week, or month/quarter over long spans), shares, upvotes, and rising/fading flags.
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { Paper } from '../paper.ts';
import type { TopicsFile } from './label.ts';
import { topicSeries } from '../trends/series.ts';
import { periodOf } from '../trends/buckets.ts';
import { topicTrends, type TrendFlag } from '../trends/rateTest.ts';

export interface TopicTrendRow {
  /** Cluster index (position in topics.json) and the topic's id. */
  index: number;
  id: number;
  name: string;
  counts: number[];
  shares: number[];
  upvotes: number[];
  undated: number;
  /** The last period against the trailing window. */
  count: number;
  windowCount: number;
  rateRatio: number;
  pUp: number;
  pDown: number;
  flag: TrendFlag;
}

export interface TrendsFile {
  period: 'week' | 'month' | 'quarter';
  periods: string[];
  totals: number[];
  undated: number;
  /** The period tested and the window it is compared with. */
  target: string | null;
  window: string[];
  test: { method: string; alpha: number; minCount: number };
  topics: TopicTrendRow[];
}

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  const papers = ctx.read.jsonl<Paper>('papers.jsonl');
  const { topics } = ctx.read.json<TopicsFile>('topics.json');
  const labels = ctx.read.arrays('clusters').arrays.labels as Int32Array;
  const series = topicSeries(
    { dates: papers.map((p) => p.date), topics: labels, upvotes: papers.map((p) => p.upvotes) },
    {
      period: s.period,
      nTopics: topics.length,
      // A run with a window (weekly runs) keeps its empty periods, and its last period is the target.
      ...(s.start !== null && s.end !== null && s.period !== 'auto'
        ? { first: periodOf(s.start, s.period), last: periodOf(s.end, s.period) }
        : {}),
    },
  );
  const P = series.periods.length;
  const tested = P >= 2;
  const report = tested
    ? topicTrends(series, { window: s.trendWindow, alpha: s.trendAlpha, minCount: s.trendMinCount })
    : null;
  const rows: TopicTrendRow[] = topics.map((t, c) => {
    const tr = report?.topics[c];
    return {
      index: c,
      id: t.id,
      name: t.name,
      counts: Array.from(series.counts.subarray(c * P, (c + 1) * P)),
      shares: Array.from(series.shares.subarray(c * P, (c + 1) * P), r6),
      upvotes: Array.from(series.upvotes.subarray(c * P, (c + 1) * P)),
      undated: series.undatedByTopic[c],
      count: tr?.count ?? 0,
      windowCount: tr?.windowCount ?? 0,
      rateRatio: r6(tr?.rateRatio ?? 1),
      pUp: r6(tr?.pUp ?? 1),
      pDown: r6(tr?.pDown ?? 1),
      flag: tr?.flag ?? 'steady',
    };
  });
  const file: TrendsFile = {
    period: series.period,
    periods: series.periods,
    totals: Array.from(series.totals),
    undated: series.undated,
    target: report ? series.periods[report.target] : null,
    window: report ? series.periods.slice(report.windowStart, report.target) : [],
    test: { method: 'exact conditional binomial test of two Poisson rates, one-sided', alpha: s.trendAlpha, minCount: s.trendMinCount },
    topics: rows,
  };
  const flagged = rows.filter((r) => r.flag !== 'steady');
  const count = (f: TrendFlag): number => rows.filter((r) => r.flag === f).length;
  return {
    outputs: { 'trends.json': JSON.stringify(file) + '\n' },
    counts: { periods: P, undated: series.undated, rising: count('rising'), emerging: count('emerging'), fading: count('fading') },
    summary: tested
      ? `${P} ${series.period}s ${series.periods[0]}..${series.periods[P - 1]}; ${file.target} against the ${file.window.length} before: ` +
        `${count('emerging')} emerging, ${count('rising')} rising, ${count('fading')} fading; ${series.undated} undated`
      : `${P} ${series.period}(s): too short a span to test trends; ${series.undated} undated`,
    details: flagged.map((r) => `  ${r.flag.padEnd(9)} ${r.name}: ${r.count} papers in ${file.target} against ${r.windowCount} in the window`),
  };
}

export const trends: Stage = {
  name: 'trends',
  about: 'papers per topic per week, rising and fading topics',
  reads: ['papers.jsonl', 'topics.json', 'clusters.json', 'clusters.bin'],
  run,
};
