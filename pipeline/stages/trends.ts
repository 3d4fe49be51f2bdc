// Stage trends: papers per topic per period (ISO week, or month/quarter over long spans), shares, upvotes, and rising/fading flags.
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { Paper } from '../paper.ts';
import type { TopicsFile } from '../artifacts/topics.ts';
import type { TopicTrendRow, TrendsFile } from '../artifacts/trends.ts';
import { topicSeries } from '../trends/series.ts';
import { periodOf } from '../trends/buckets.ts';
import { CI_LEVEL, topicTrends, type TrendFlag } from '../trends/rateTest.ts';
import { baselineOf, baselineText } from '../trends/baseline.ts';


/** Six significant digits, so small p-values survive; non-finite values as null. */
const sig = (x: number): number => Number(x.toPrecision(6));
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? sig(x) : null);
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function baselineLine(r: TopicTrendRow, file: TrendsFile): string {
  const b = baselineOf(file);
  return b ? baselineText(r, b) : `${r.count} papers`;
}

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
    ? topicTrends(series, { window: s.trendWindow, fdr: s.trendFdr, minCount: s.trendMinCount })
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
      expected: tr && Number.isFinite(tr.expected) ? sig(tr.expected) : 0,
      rateRatio: tr ? finiteOrNull(tr.rateRatio) : null,
      ci: tr && Number.isFinite(tr.ciLow) ? [sig(tr.ciLow), finiteOrNull(tr.ciHigh)] : null,
      pUp: sig(tr?.pUp ?? 1),
      pDown: sig(tr?.pDown ?? 1),
      p: sig(tr?.p ?? 1),
      q: sig(tr?.q ?? 1),
      tested: tr?.tested ?? false,
      trend: tr?.trend ?? 'steady',
    };
  });
  const file: TrendsFile = {
    period: series.period,
    periods: series.periods,
    totals: Array.from(series.totals),
    undated: series.undated,
    target: report ? series.periods[report.target] : null,
    window: report ? series.periods.slice(report.windowStart, report.target) : [],
    targetTotal: report?.exposure ?? 0,
    windowTotal: report?.windowExposure ?? 0,
    test: {
      method: 'exact conditional test of two Poisson rates (two-sided), Benjamini-Hochberg q-values over the tested topics',
      fdr: s.trendFdr,
      minCount: s.trendMinCount,
      ciLevel: CI_LEVEL,
      tested: report?.tested ?? 0,
    },
    topics: rows,
  };
  const flagged = rows.filter((r) => r.trend !== 'steady');
  const count = (f: TrendFlag): number => rows.filter((r) => r.trend === f).length;
  return {
    outputs: { 'trends.json': JSON.stringify(file) + '\n' },
    counts: { periods: P, undated: series.undated, rising: count('rising'), emerging: count('emerging'), fading: count('fading') },
    summary: tested
      ? `${P} ${series.period}s ${series.periods[0]}..${series.periods[P - 1]}; ${file.target} against the ${file.window.length} before: ` +
        `${count('emerging')} emerging, ${count('rising')} rising, ${count('fading')} fading; ${series.undated} undated`
      : `${P} ${series.period}(s): too short a span to test trends; ${series.undated} undated`,
    details: flagged.map((r) => `  ${r.trend.padEnd(9)} ${r.name}: ${baselineLine(r, file)}`),
  };
}

export const trends: Stage = {
  name: 'trends',
  about: 'papers per topic per week, rising and fading topics',
  reads: ['papers.jsonl', 'topics.json', 'clusters.json', 'clusters.bin'],
  run,
};
