// Calibration of the rising/fading flags (`npm run bench -- --trends`): the false-flag rate on real Daily Papers with dates permuted, and the detection rate of a planted subject.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isoWeek, isoWeekMonday, dayNumber, dayString } from '../../pipeline/dates.ts';
import { mulberry32 } from '../../pipeline/math/random.ts';
import { artifactReader } from '../../pipeline/runner.ts';
import type { TrendsFile } from '../../pipeline/artifacts/trends.ts';
import { shiftPeriod } from '../../pipeline/trends/buckets.ts';
import { clopperPearson, topicTrends } from '../../pipeline/trends/rateTest.ts';
import { topicSeries } from '../../pipeline/trends/series.ts';
import { table } from './format.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = resolve(ROOT, '..', 'shared');
const DAILY = join(SHARED, 'data', 'hf-daily-papers', 'hf_daily_papers.jsonl');
const ARXIV = join(SHARED, 'data', 'arxiv-cs-labelled', 'arxiv_cs_labelled.jsonl');
const WORK = join(ROOT, 'data', 'bench', 'trends');

export interface TrendsBenchOptions {
  /** Target weeks of the null part (spread over the corpus). */
  weeks: number;
  /** Date permutations per null week. */
  perms: number;
  /** Seeds per planted size. */
  seeds: number;
  /** Planted sizes m. */
  planted: number[];
  /** The arXiv category planted. */
  category: string;
  /** Weeks of history before each target week (as `papermap weekly --history`). */
  history: number;
  /** Null weeks also run end to end (permuted dates in the input, every stage re-run). */
  endToEnd: number;
  json: string | null;
}

export const TRENDS_DEFAULTS: TrendsBenchOptions = {
  weeks: 20,
  perms: 10,
  seeds: 10,
  planted: [5, 10, 15, 20, 30],
  category: 'cs.IT',
  history: 12,
  endToEnd: 5,
  json: null,
};

export const TRENDS_HELP = [
  'npm run bench -- --trends [--weeks 20] [--perms 10] [--seeds 10] [--planted 5,10,15,20,30] [--category cs.IT] [--json FILE]',
  '',
  'null:    for each of --weeks target weeks of the real Daily Papers, one `papermap run` of the week and its',
  '         --history weeks (to trends); then the dates are permuted among the window\'s papers (--perms times)',
  '         and the trends test is run on the permuted dates with the run\'s topics: topics no longer depend on',
  '         time, so every flag is a false alarm. Prints the fraction of null weeks with any flag, with its 95% CI;',
  '         the first 5 weeks are also run end to end, dates permuted in the input and every stage re-run.',
  'planted: m papers of one arXiv category (absent from Daily Papers) dated into a target week, the whole',
  '         pipeline run on the window (--seeds runs per m, each another week and sample); detected when the',
  '         topic holding most of them is flagged rising or emerging. Also how often they form a topic of their own.',
].join('\n');

interface Row {
  id: string;
  title: string;
  abstract: string;
  date: string | null;
  [k: string]: unknown;
}

function readJsonl(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
}

/** Fisher-Yates with the seeded generator. */
function shuffle<T>(a: T[], rand: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function window(week: string, history: number): { start: string; end: string } {
  return { start: isoWeekMonday(shiftPeriod(week, -history, 'week')), end: dayString(dayNumber(isoWeekMonday(week)) + 6) };
}

/** Runs papermap to the trends stage on one input file; throws with its stderr when it fails. */
function runPipeline(run: string, input: string, start: string, end: string): void {
  const args = ['bin/papermap.js', 'run', '--input', input, '--run', run, '--start', start, '--end', end, '--period', 'week', '--to', 'trends', '--quiet', '--force'];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`papermap ${args.slice(1).join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-600)}`);
}

/** What a run holds for the test: each paper's date and topic (cluster index), and the trends file. */
function runResult(run: string): { ids: string[]; dates: (string | null)[]; labels: Int32Array; trends: TrendsFile } {
  const read = artifactReader(ROOT, run);
  const papers = read.jsonl<{ id: string; date: string | null }>('papers.jsonl');
  return {
    ids: papers.map((p) => p.id),
    dates: papers.map((p) => p.date),
    labels: read.arrays('clusters').arrays.labels as Int32Array,
    trends: read.json<TrendsFile>('trends.json'),
  };
}

function ci(k: number, n: number): string {
  const [lo, hi] = clopperPearson(k, n);
  return `${(k / n).toFixed(3)} (95% CI ${lo.toFixed(3)} to ${hi.toFixed(3)})`;
}

const log = (line: string): void => {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
};

interface NullResult {
  weeks: string[];
  nullWeeks: number;
  withFlag: number;
  flags: number;
  /** The rule before this issue (each topic one-sided at 0.05, no correction) on the same permutations. */
  oldRuleWithFlag: number;
  /** The real (unpermuted) weeks, for reference: flags with the real dates. */
  realWithFlag: number;
  /** Whole-pipeline null runs: the window written with permuted dates and run by the CLI (topics re-made too). */
  endToEnd: { weeks: number; withFlag: number };
}

function nullPart(o: TrendsBenchOptions, daily: Row[], targets: string[]): NullResult {
  let nullWeeks = 0;
  let withFlag = 0;
  let flags = 0;
  let oldRuleWithFlag = 0;
  let realWithFlag = 0;
  targets.forEach((week, wi) => {
    const { start, end } = window(week, o.history);
    const input = join(WORK, `null-${week}.jsonl`);
    writeFileSync(input, daily.filter((p) => p.date !== null && p.date >= start && p.date <= end).map((p) => JSON.stringify(p)).join('\n') + '\n');
    const run = `bench-trends-null-${week}`;
    runPipeline(run, input, start, end);
    const r = runResult(run);
    if (r.trends.topics.some((t) => t.trend !== 'steady')) realWithFlag++;
    const nTopics = r.trends.topics.length;
    const { trendWindow, trendFdr, trendMinCount } = JSON.parse(readFileSync(join(ROOT, 'data', 'runs', run, 'manifest.json'), 'utf8')).stages.trends.settings as Record<string, number>;
    const rand = mulberry32(1000 + wi);
    for (let k = 0; k < o.perms; k++) {
      const dates = shuffle([...r.dates], rand);
      const series = topicSeries({ dates, topics: r.labels }, { period: 'week', nTopics, first: isoWeek(start), last: week });
      const rep = topicTrends(series, { window: trendWindow, fdr: trendFdr, minCount: trendMinCount });
      const f = rep.topics.filter((t) => t.trend !== 'steady').length;
      nullWeeks++;
      flags += f;
      if (f > 0) withFlag++;
      const old = rep.topics.some(
        (t) => (t.pUp < 0.05 && t.count >= trendMinCount) || (t.pDown < 0.05 && t.windowMean >= trendMinCount),
      );
      if (old) oldRuleWithFlag++;
    }
    log(`null ${wi + 1}/${targets.length}: ${week}, ${r.dates.length} papers, ${nTopics} topics; ${withFlag} of ${nullWeeks} null weeks flagged so far`);
  });
  // A few null weeks through the whole product: dates permuted in the input file, every stage re-run on it.
  const endToEnd = { weeks: 0, withFlag: 0 };
  targets.slice(0, o.endToEnd).forEach((week, wi) => {
    const { start, end } = window(week, o.history);
    const rows = daily.filter((p) => p.date !== null && p.date >= start && p.date <= end);
    const dates = shuffle(rows.map((p) => p.date), mulberry32(5000 + wi));
    const input = join(WORK, `null-e2e-${week}.jsonl`);
    writeFileSync(input, rows.map((p, i) => JSON.stringify({ ...p, date: dates[i] })).join('\n') + '\n');
    const run = `bench-trends-null-e2e-${week}`;
    runPipeline(run, input, start, end);
    const flagged = runResult(run).trends.topics.filter((t) => t.trend !== 'steady').length;
    endToEnd.weeks++;
    if (flagged > 0) endToEnd.withFlag++;
    log(`null end to end ${wi + 1}/${o.endToEnd}: ${week}, ${flagged} flags`);
  });
  return { weeks: targets, nullWeeks, withFlag, flags, oldRuleWithFlag, realWithFlag, endToEnd };
}

interface PlantedRun {
  m: number;
  seed: number;
  week: string;
  detected: boolean;
  ownTopic: boolean;
  /** Planted papers in their majority topic, and that topic's size and trend. */
  inTopic: number;
  topicSize: number;
  trend: string;
  q: number;
}

function plantedPart(o: TrendsBenchOptions, daily: Row[], targets: string[]): PlantedRun[] {
  const pool = readJsonl(ARXIV).filter((p) => p.label === o.category);
  const out: PlantedRun[] = [];
  for (const m of o.planted) {
    for (let seed = 1; seed <= o.seeds; seed++) {
      const week = targets[(seed - 1) % targets.length];
      const { start, end } = window(week, o.history);
      const monday = dayNumber(isoWeekMonday(week));
      const chosen = shuffle([...pool], mulberry32(seed * 7919 + m)).slice(0, m);
      const planted = chosen.map((p, j) => ({
        id: `planted-${p.id}`,
        title: p.title,
        abstract: p.abstract,
        date: dayString(monday + (j % 5)),
        authors: p.authors ?? [],
        upvotes: 0,
      }));
      const rows = [...daily.filter((p) => p.date !== null && p.date >= start && p.date <= end), ...planted];
      const input = join(WORK, `planted-${m}-${seed}.jsonl`);
      writeFileSync(input, rows.map((p) => JSON.stringify(p)).join('\n') + '\n');
      const run = `bench-trends-planted-${m}-${seed}`;
      runPipeline(run, input, start, end);
      const r = runResult(run);
      const isPlanted = r.ids.map((id) => id.startsWith('planted-'));
      const perTopic = new Map<number, number>();
      r.labels.forEach((c, i) => {
        if (isPlanted[i]) perTopic.set(c, (perTopic.get(c) ?? 0) + 1);
      });
      const [topic, inTopic] = [...perTopic.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      const size = r.labels.reduce((s, c) => s + (c === topic ? 1 : 0), 0);
      const t = r.trends.topics[topic];
      const run1: PlantedRun = {
        m,
        seed,
        week,
        detected: t.trend === 'rising' || t.trend === 'emerging',
        ownTopic: inTopic * 2 > size && inTopic * 2 >= m,
        inTopic,
        topicSize: size,
        trend: t.trend,
        q: t.q,
      };
      out.push(run1);
      log(`planted m=${m} seed ${seed} (${week}): ${inTopic} of ${m} in a topic of ${size}, ${t.trend}, q ${t.q}`);
    }
  }
  return out;
}

/** Runs the calibration and prints its tables; returns the exit code. */
export async function trendsBench(o: TrendsBenchOptions): Promise<number> {
  if (!existsSync(DAILY) || !existsSync(ARXIV)) {
    process.stdout.write(`bench --trends: needs ${DAILY} and ${ARXIV}; not found, nothing to run\n`);
    return 0;
  }
  mkdirSync(WORK, { recursive: true });
  const daily = readJsonl(DAILY);
  const weeks = [...new Set(daily.map((p) => p.date).filter((d): d is string => d !== null).map(isoWeek))].sort();
  const usable = weeks.slice(o.history);
  const step = Math.max(1, Math.floor(usable.length / o.weeks));
  const targets = usable.filter((_, i) => (usable.length - 1 - i) % step === 0).slice(-o.weeks);
  log(`trends calibration: ${targets.length} null weeks x ${o.perms} permutations; planted ${o.category} m = ${o.planted.join(', ')} x ${o.seeds} seeds`);

  const nul = nullPart(o, daily, targets);
  const planted = plantedPart(o, daily, targets);

  const lines: string[] = ['', `Null: Daily Papers, dates permuted among each window's papers (${nul.weeks[0]}..${nul.weeks[nul.weeks.length - 1]}, ${nul.weeks.length} weeks x ${o.perms} permutations)`];
  lines.push(
    ...table(
      ['rule', 'null weeks', 'weeks with any flag', 'fraction (95% CI)', 'flags per week'],
      [
        ['q <= fdr (Benjamini-Hochberg, this release)', String(nul.nullWeeks), String(nul.withFlag), ci(nul.withFlag, nul.nullWeeks), (nul.flags / nul.nullWeeks).toFixed(3)],
        ['p < 0.05 one-sided per topic (before)', String(nul.nullWeeks), String(nul.oldRuleWithFlag), ci(nul.oldRuleWithFlag, nul.nullWeeks), '-'],
      ],
    ),
  );
  lines.push(`  end to end (permuted input, every stage re-run): ${nul.endToEnd.withFlag} of ${nul.endToEnd.weeks} weeks have a flag`);
  lines.push(`  real dates, same weeks: ${nul.realWithFlag} of ${nul.weeks.length} weeks have a flag`);
  lines.push('', `Planted: m ${o.category} papers dated into one week (${o.seeds} seeds per m, each another week)`);
  lines.push(
    ...table(
      ['m', 'runs', 'detected (rising/emerging)', 'detection rate (95% CI)', 'own topic', 'median in topic'],
      o.planted.map((m) => {
        const rs = planted.filter((r) => r.m === m);
        const det = rs.filter((r) => r.detected).length;
        const own = rs.filter((r) => r.ownTopic).length;
        const inT = rs.map((r) => r.inTopic).sort((a, b) => a - b)[Math.floor(rs.length / 2)];
        return [String(m), String(rs.length), String(det), ci(det, rs.length), `${own} of ${rs.length}`, String(inT)];
      }),
    ),
  );
  process.stdout.write(lines.join('\n') + '\n');
  if (o.json) writeFileSync(resolve(ROOT, o.json), JSON.stringify({ options: o, null: nul, planted }, null, 1) + '\n');
  return 0;
}
