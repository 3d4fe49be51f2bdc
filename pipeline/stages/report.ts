// Stage report: assembles the report model from the run's artifacts and writes reports/<run>/index.html and digest.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stage, StageContext, StageResult } from './stage.ts';
import { runPath } from '../workspace.ts';
import type { Paper } from '../paper.ts';
import type { Topic, TopicsFile } from '../artifacts/topics.ts';
import type { TrendsFile } from '../artifacts/trends.ts';
import type { ReportModel, ReportPaper, ReportTopic, TopicFlag, MapPoint } from '../report/model.ts';
import { periodOf, periodStart, shiftPeriod } from '../trends/buckets.ts';
import { dayNumber, dayString } from '../dates.ts';
import { readClusters } from '../artifacts/clusters.ts';
import { readLayout } from '../artifacts/layouts.ts';
import { tooFewNote } from './smallRun.ts';
import { baselineOf, testSentence } from '../trends/baseline.ts';
import { FETCH_RECORD, type FetchRecord } from '../fetch/record.ts';

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

/** A topic's lineage for the report: the previous names it comes from. */
function lineageOf(t: Topic, prevNames: Map<number, string>): NonNullable<ReportTopic['lineage']> {
  const m = t.match as NonNullable<Topic['match']>;
  const name = (id: number): string => prevNames.get(id) ?? `topic ${id}`;
  const from = m.status === 'merged' ? [m.previousId as number, ...m.mergedFrom].map(name) : m.previousId !== null ? [name(m.previousId)] : [];
  return { status: m.status, from };
}

/** The items of the run's last fetch that failed (fetch.json), when its input was fetched. */
function failedFetches(ctx: StageContext): Pick<ReportModel['coverage'], 'failedFetches'> {
  if (!ctx.read.has(FETCH_RECORD)) return {};
  const record = ctx.read.json<FetchRecord>(FETCH_RECORD);
  const failed = record.items.filter((i) => i.outcome === 'failed');
  return { failedFetches: failed.map((i) => ({ item: i.item, reason: i.reason ?? 'failed' })) };
}

/** Runs of the history a report shows (the `previous` chain), as in `history`. */
const HISTORY_DEPTH = 8;

/**
 * The topics.json files of the runs a report's history reads: the chain of `previous` runs from
 * this one, as far as `history` goes (the first missing one included: its arrival changes the report).
 */
function historyFiles(cwd: string, run: string, previous: string | null): string[] {
  const out: string[] = [];
  const seen = new Set([run]);
  let prev = previous;
  while (prev && !seen.has(prev) && out.length < HISTORY_DEPTH) {
    seen.add(prev);
    const rel = runPath(prev, 'topics.json');
    out.push(rel);
    try {
      prev = (JSON.parse(readFileSync(join(cwd, rel), 'utf8')) as TopicsFile).previous;
    } catch {
      break; // missing or unreadable: hashed as it is, so a later fix re-runs the report
    }
  }
  return out;
}

/** The topics.json of the weeks before and after a week-named run: the report links to them when they exist. */
function weekNeighbourFiles(run: string): string[] {
  if (!/^\d{4}-W\d{2}$/.test(run)) return [];
  return [runPath(shiftPeriod(run, -1, 'week'), 'topics.json'), runPath(shiftPeriod(run, 1, 'week'), 'topics.json')];
}

/** Earlier runs this one descends from through `previous`, newest first (at most `depth`). */
function history(ctx: StageContext, depth = HISTORY_DEPTH): { run: string; sizes: Map<number, number> }[] {
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
  const { topics, quality, gone, mergedInto: merged } = ctx.read.json<TopicsFile>('topics.json');
  const trends = ctx.read.json<TrendsFile>('trends.json');
  const clusters = readClusters(ctx);
  const map = readLayout(ctx, 'map');
  const byId = new Map(papers.map((p) => [p.id, p]));
  const earlier = history(ctx).reverse();
  const lookup = (ids: string[]): ReportPaper[] =>
    ids.map((id) => byId.get(id)).filter((p): p is Paper => p !== undefined).map(asReportPaper);

  const prevNames = new Map<number, string>();
  for (const t of topics) if (t.match?.previousId != null && t.match.previousName) prevNames.set(t.match.previousId, t.match.previousName);
  for (const g of merged ?? []) prevNames.set(g.id, g.name);
  const reportTopics: ReportTopic[] = topics.map((t, c) => {
    const tr = trends.topics[c];
    const flags: TopicFlag[] = tr && tr.trend !== 'steady' ? [tr.trend] : [];
    if (t.match?.status === 'new') flags.push('new');
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
              count: tr.count,
              expected: tr.expected,
              windowCount: tr.windowCount,
              rateRatio: tr.rateRatio,
              ci: tr.ci,
              p: tr.p,
              q: tr.q,
              tested: tr.tested,
            },
      ...(t.match ? { lineage: lineageOf(t, prevNames) } : {}),
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
    id: p.id,
    authors: p.authors.join(', '),
    abstract: p.abstract,
    upvotes: p.upvotes,
    url: p.url,
  }));
  const dates = papers.map((p) => p.date).filter((d): d is string => d !== null).sort();
  const from = dates[0] ?? '';
  const to = dates[dates.length - 1] ?? '';
  const target = trends.target;
  const baseline = baselineOf(trends);
  const targetIndex = target === null ? -1 : trends.periods.indexOf(target);
  const targetPapers =
    target === null
      ? undefined
      : papers
          .map((p, i) => ({ p, i }))
          .filter(({ p }) => p.date !== null && periodOf(p.date, trends.period) === target)
          .sort((a, b) => (b.p.upvotes ?? 0) - (a.p.upvotes ?? 0) || a.i - b.i)
          .map(({ p, i }) => ({ ...asReportPaper(p), topic: topics[clusters.labels[i]].id }));
  return {
    run: ctx.run,
    period: {
      from,
      to,
      label: target ?? (from && to ? (from === to ? from : `${from} to ${to}`) : 'undated papers'),
      papers: trends.totals.reduce((a, b) => a + b, 0),
    },
    periods: trends.periods,
    ...(target !== null
      ? {
          targetPeriod: target,
          target: {
            label: target,
            from: periodStart(target, trends.period),
            to: dayString(dayNumber(periodStart(shiftPeriod(target, 1, trends.period), trends.period)) - 1),
            papers: trends.totals[targetIndex] ?? 0,
          },
        }
      : {}),
    ...(baseline
      ? { trendBaseline: baseline, trendTest: testSentence(baseline, trends.test) }
      : { trendTest: 'Too short a span to test trends: rising and fading need a period and at least one before it.' }),
    coverage: {
      read: ingest.counts.read,
      kept: ingest.counts.kept,
      merged: ingest.counts.merged,
      rejected: ingest.counts.rejected,
      undated: ingest.counts.undated,
      daysWithoutPapers: emptyDays(trends, papers),
      ...failedFetches(ctx),
    },
    quality,
    topics: reportTopics,
    ...(gone?.length ? { gone } : {}),
    map: { points },
    kCurve: {
      points: clusters.curve,
      chosenK: clusters.k,
      how: clusters.tooFew
        ? tooFewNote(papers.length)
        : (clusters.how ?? (clusters.curve.length ? 'k chosen by silhouette' : 'k given in the settings')),
    },
    ...(targetPapers ? { targetPapers } : {}),
    ...(clusters.tooFew ? { tooFewToCluster: true } : {}),
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
  const digest = renderDigest(model, ctx.settings.reportUrl ? { reportUrl: ctx.settings.reportUrl } : {});
  return {
    outputs: { 'reports/index.html': html, 'reports/digest.md': digest },
    counts: { topics: model.topics.length, points: model.map.points.length, bytes: Buffer.byteLength(html) },
    summary: `reports/${ctx.run}/index.html (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, ${model.map.points.length} papers on the map) and reports/${ctx.run}/digest.md`,
  };
}

export const report: Stage = {
  name: 'report',
  externalInputs: (s, run, cwd) => [...historyFiles(cwd, run, s.previous), ...weekNeighbourFiles(run), runPath(run, FETCH_RECORD)],
  about: 'self-contained HTML report and a Markdown digest',
  reads: ['papers.jsonl', 'ingest.json', 'topics.json', 'trends.json', 'clusters.json', 'clusters.bin', 'map.json', 'map.bin'],
  run,
};
