// `papermap fetch`: runs a source fetcher, prints the summary, and sets the run's input to the fetched files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../config.ts';
import { isIsoDay, today as realToday } from '../dates.ts';
import { mulberry32 } from '../math/random.ts';
import { resolveSettings } from '../runSettings.ts';
import { fetchArxiv } from '../fetch/arxiv.ts';
import type { FetchContext } from '../fetch/context.ts';
import { fetchHfDaily } from '../fetch/hfDaily.ts';
import { createPacer, type HttpOptions } from '../fetch/http.ts';
import { FETCH_HELP, parseFetchArgs } from '../fetch/options.ts';
import { summaryLines, type ItemReport } from '../fetch/plan.ts';
import { FETCH_RECORD, type FetchRecord } from '../fetch/record.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { runDir } from '../workspace.ts';

/** Longest Retry-After honoured (a server asking for more is waited on this long, then retried). */
const MAX_RETRY_AFTER_MS = 300_000;

function userAgent(): string {
  const v = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return `papermap/${v} (research topic maps)`;
}

/** Today, or PAPERMAP_TODAY (YYYY-MM-DD) when set: the day the cache rule measures ages against. */
export function fetchToday(env: NodeJS.ProcessEnv = process.env): string {
  const t = env.PAPERMAP_TODAY;
  if (t === undefined || t === '') return realToday();
  if (!isIsoDay(t)) throw new UsageError(`PAPERMAP_TODAY must be a day written YYYY-MM-DD; got '${t}'`);
  return t;
}

function writeFetchRecord(cwd: string, run: string, r: { source: string; start: string; end: string; items: ItemReport[] }): void {
  const record: FetchRecord = {
    source: r.source,
    start: r.start,
    end: r.end,
    items: r.items.map((i) => ({
      item: i.item,
      outcome: i.outcome,
      ...(i.papers !== undefined ? { papers: i.papers } : {}),
      ...(i.reason !== undefined ? { reason: i.reason } : {}),
    })),
  };
  writeFileAtomic(join(runDir(cwd, run), FETCH_RECORD), JSON.stringify(record, null, 1) + '\n');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Run `papermap fetch` with the arguments after the command; returns the exit code (UsageError is thrown). */
export async function runFetch(cwd: string, argv: string[]): Promise<number> {
  const today = fetchToday();
  const parsed = parseFetchArgs(argv, today);
  if (parsed.help) {
    process.stdout.write(FETCH_HELP + '\n');
    return 0;
  }
  const o = parsed.options;
  const configPath = o.config === null ? undefined : join(cwd, o.config);
  const seedFlag = o.seed === null ? {} : { seed: o.seed };
  const seed = resolveSettings(cwd, o.run, seedFlag, configPath).settings.seed;
  const http: HttpOptions = {
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    backoffMs: o.backoffMs,
    maxRetryAfterMs: MAX_RETRY_AFTER_MS,
    maxBytes: o.maxResponseMb * 1_000_000,
    userAgent: userAgent(),
    random: mulberry32(seed),
    sleep,
    pace: createPacer(o.delayMs, sleep, Date.now),
    now: Date.now,
  };
  const out = (line: string): void => {
    if (!o.quiet) process.stdout.write(line + '\n');
  };
  const ctx: FetchContext = { cwd, options: o, http, today, log: (l) => out(`  ${l}`) };
  const what = o.source === 'arxiv' ? `arXiv query '${o.query}'` : 'Hugging Face daily papers';
  out(`papermap fetch: ${what}, ${o.start}..${o.end}${o.week ? ` (${o.week})` : ''} from ${o.baseUrl}, run ${o.run}`);
  const result = o.source === 'arxiv' ? await fetchArxiv(ctx) : await fetchHfDaily(ctx);
  const lines = summaryLines(result.reports);
  for (const l of lines) out(l);
  if (result.note) out(`note: ${result.note}`);
  const failed = result.reports.filter((r) => r.outcome === 'failed');
  if (o.quiet && failed.length) process.stderr.write(`papermap: fetch ${lines[3]}\n`);
  if (failed.length > 0 && result.files.length === 0) {
    process.stderr.write(`papermap: fetch: every ${o.source === 'arxiv' ? 'page' : 'day'} failed; the run's input is unchanged\n`);
    return 1;
  }
  // The run reads the fetched files; an arXiv run also keeps only the window (its pages run past --start).
  const flags: Record<string, unknown> = { input: result.files, ...seedFlag };
  if (o.source === 'arxiv') Object.assign(flags, { start: o.start, end: o.end });
  resolveSettings(cwd, o.run, flags, configPath).save();
  writeFetchRecord(cwd, o.run, { source: o.source, start: o.start, end: o.end, items: result.reports });
  out(`run ${o.run}: input set to ${result.files.length} files (data/runs/${o.run}/settings.json); next: papermap run --run ${o.run}`);
  return 0;
}
