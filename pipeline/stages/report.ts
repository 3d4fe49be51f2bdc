// Stage report: assembles the report model from the run's artifacts and writes reports/<run>/index.html and digest.md.
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { Paper } from '../paper.ts';
import type { TopicsFile } from './label.ts';
import type { TrendsFile } from './trends.ts';
import type { ReportModel, ReportPaper, ReportTopic, TopicFlag, MapPoint } from '../report/model.ts';
import { periodOf, periodStart, shiftPeriod } from '../trends/buckets.ts';
import { dayNumber, dayString } from '../dates.ts';
import { readClusters } from './cluster.ts';
import { readLayout } from './project.ts';

interface IngestFile {
  counts: { read: number; kept: number; merged: number; rejected: number; undated: number };
}

function asReportPaper(p: Paper): ReportPaper {
  return { id: p.id, title: p.title, url: p.url, date: p.date, upvotes: p.upvotes };
}

/** Days of the target period that no paper is dated on. */
function emptyDays(trends: TrendsFile, papers: Paper[]): string[] {
  if (trends.target === null || trends.period !== 'week') return [];
  const first = dayNumber(periodStart(trends.target, 'week'));
  const last = dayNumber(periodStart(shiftPeriod(trends.target, 1, 'week'), 'week')) - 1;
  const seen = new Set(papers.map((p) => p.date));
  const out: string[] = [];
  for (let d = first; d <= last; d++) if (!seen.has(dayString(d))) out.push(dayString(d));
  return out;
}

/** Earlier runs this one descends from through `previous`, newest first (at most `depth`). */
function history(ctx: StageContext, depth = 8): { run: string; sizes: Map<number, number> }[] {
  const out: { run: string; sizes: Map<number, number> }[] = [];
  let prev = ctx.read.json<TopicsFile>('topics.json').previous;
  const seen = new Set([ctx.run]);
  while (prev && !seen.has(prev) && out.length < depth) {
    seen.add(prev);
    const r = ctx.readRun(prev);
    if (!r.has('topics.json')) break;
    const f = r.json<TopicsFile>('topics.json');
    out.push({ run: prev, sizes: new Map(f.topics.map((t) => [t.id, t.size])) });
    prev = f.previous;
  }
  return out;
}

/** The report model of a run, from its artifacts. */
export function buildModel(ctx: StageContext): ReportModel {
  const papers = ctx.read.jsonl<Paper>('papers.jsonl');
  const ingest = ctx.read.json<IngestFile>('ingest.json');
  const { topics, quality, gone } = ctx.read.json<TopicsFile>('topics.json');
  const trends = ctx.read.json<TrendsFile>('trends.json');
  const clusters = readClusters(ctx);
  const map = readLayout(ctx, 'map');
  const byId = new Map(papers.map((p) => [p.id, p]));
  const earlier = history(ctx).reverse();
  const lookup = (ids: string[]): ReportPaper[] =>
    ids.map((id) => byId.get(id)).filter((p): p is Paper => p !== undefined).map(asReportPaper);

  const reportTopics: ReportTopic[] = topics.map((t, c) => {
    const tr = trends.topics[c];
    const flags: TopicFlag[] = tr && tr.flag !== 'steady' ? [tr.flag] : [];
    if (t.match && t.match.previous === null) flags.push('new');
    return {
      id: t.id,
      name: t.name,
      size: t.size,
      terms: t.terms,
      flags,
      counts: tr?.counts ?? [],
      trend:
        trends.target === null || !tr
          ? null
          : {
              // "grew from 4 to 11 papers": the period before the target against the target; the flag's test uses the whole window
              from: tr.counts[trends.periods.indexOf(trends.target) - 1] ?? 0,
              to: tr.count,
              rateRatio: tr.windowCount > 0 ? tr.rateRatio : null,
              pValue: tr.flag === 'fading' ? tr.pDown : tr.pUp,
            },
      representatives: lookup(t.representatives),
      mostUpvoted: lookup(t.mostUpvoted),
      ...(earlier.length
        ? { history: [...earlier.filter((h) => h.sizes.has(t.id)).map((h) => ({ run: h.run, size: h.sizes.get(t.id) as number })), { run: ctx.run, size: t.size }] }
        : {}),
    };
  });
  const points: MapPoint[] = papers.map((p, i) => ({
    x: map.coords[2 * i],
    y: map.coords[2 * i + 1],
    topic: topics[clusters.labels[i]].id,
    title: p.title,
    date: p.date,
    index: i,
  }));
  const dates = papers.map((p) => p.date).filter((d): d is string => d !== null).sort();
  const from = dates[0] ?? '';
  const to = dates[dates.length - 1] ?? '';
  const target = trends.target;
  const targetPapers =
    target === null
      ? []
      : papers
          .map((p, i) => ({ p, i }))
          .filter(({ p }) => p.date !== null && periodOf(p.date, trends.period) === target)
          .sort((a, b) => (b.p.upvotes ?? 0) - (a.p.upvotes ?? 0) || a.i - b.i)
          .map(({ p, i }) => ({ ...asReportPaper(p), topic: topics[clusters.labels[i]].id }));
  return {
    run: ctx.run,
    period: { from, to, label: target ?? (from && to ? `${from} to ${to}` : 'undated papers') },
    periods: trends.periods,
    ...(target !== null ? { targetPeriod: target } : {}),
    trendTest: `${trends.test.method}: ${target ?? 'the last period'} against the ${trends.window.length} before it, alpha ${trends.test.alpha}, at least ${trends.test.minCount} papers`,
    coverage: {
      read: ingest.counts.read,
      kept: ingest.counts.kept,
      merged: ingest.counts.merged,
      rejected: ingest.counts.rejected,
      undated: ingest.counts.undated,
      daysWithoutPapers: emptyDays(trends, papers),
    },
    quality,
    topics: reportTopics,
    ...(gone && gone.length ? { gone } : {}),
    map: { points },
    kCurve: {
      points: clusters.curve,
      chosenK: clusters.k,
      how: clusters.curve.length ? 'k chosen by the highest silhouette' : 'k given in the settings',
    },
    targetPapers,
    ...weekNav(ctx),
  };
}

/** Links to the neighbouring weekly reports, for a run named after its ISO week. */
function weekNav(ctx: StageContext): Pick<ReportModel, 'nav'> {
  if (!/^\d{4}-W\d{2}$/.test(ctx.run)) return {};
  const nav: NonNullable<ReportModel['nav']> = { index: { label: 'all weeks', href: '../index.html' } };
  const prev = shiftPeriod(ctx.run, -1, 'week');
  const next = shiftPeriod(ctx.run, 1, 'week');
  if (ctx.readRun(prev).has('topics.json')) nav.previous = { label: prev, href: `../${prev}/index.html` };
  if (ctx.readRun(next).has('topics.json')) nav.next = { label: next, href: `../${next}/index.html` };
  return { nav };
}

async function run(ctx: StageContext): Promise<StageResult> {
  const model = buildModel(ctx);
  // Plot and jsdom load in about a second: only when a report is made, not for every command.
  const { renderReport } = await import('../report/page.ts');
  const { renderDigest } = await import('../report/digest.ts');
  const html = renderReport(model);
  const digest = renderDigest(model);
  return {
    outputs: { 'reports/index.html': html, 'reports/digest.md': digest },
    counts: { topics: model.topics.length, points: model.map.points.length, bytes: Buffer.byteLength(html) },
    summary: `reports/${ctx.run}/index.html (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, ${model.map.points.length} papers on the map) and reports/${ctx.run}/digest.md`,
  };
}

export const report: Stage = {
  name: 'report',
  externalInputs: (s) => (s.previous === null ? [] : [`data/runs/${s.previous}/topics.json`]),
  about: 'self-contained HTML report and a Markdown digest',
  reads: ['papers.jsonl', 'ingest.json', 'topics.json', 'trends.json', 'clusters.json', 'clusters.bin', 'map.json', 'map.bin'],
  run,
};
