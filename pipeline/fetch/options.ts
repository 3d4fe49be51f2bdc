// `papermap fetch` arguments: parsing and validation into FetchOptions, with defaults and the help text.
import { UsageError, checkValue, specForFlag, type SettingSpec } from '../config.ts';
import { argTokens, editDistance } from '../commands/parse.ts';
import { isIsoDay } from '../dates.ts';
import { checkRunName } from '../workspace.ts';
import { weekWindow } from '../weekly.ts';

export const SOURCES = ['hf-daily', 'arxiv'] as const;
export type FetchSource = (typeof SOURCES)[number];

export interface FetchOptions {
  source: FetchSource;
  start: string;
  end: string;
  /** The ISO week the window came from (--week), if any. */
  week: string | null;
  query: string | null;
  baseUrl: string;
  /** Least time between two requests; null: the source's default. */
  delayMs: number;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxAgeDays: number;
  /** Largest response accepted, in MB (10^6 bytes). */
  maxResponseMb: number;
  refresh: boolean;
  weekends: boolean;
  pageSize: number;
  maxPages: number;
  /** Seed of the back-off jitter; null: the run's seed setting. */
  seed: number | null;
  run: string;
  config: string | null;
  quiet: boolean;
}

export const DEFAULT_BASE: Record<FetchSource, string> = {
  'hf-daily': 'https://huggingface.co',
  arxiv: 'https://export.arxiv.org',
};

/** The whole-number options of fetch: their flag, default and allowed range, defined once for the parser and the help. */
export const FETCH_NUMBERS = {
  timeoutMs: { flag: 'timeout-ms', dflt: 30_000, min: 1, max: 600_000 },
  retries: { flag: 'retries', dflt: 4, min: 0, max: 20 },
  backoffMs: { flag: 'backoff-ms', dflt: 1000, min: 0, max: 600_000 },
  maxAgeDays: { flag: 'max-age-days', dflt: 7, min: 0, max: 3650 },
  maxResponseMb: { flag: 'max-response-mb', dflt: 64, min: 1, max: 100_000 },
  pageSize: { flag: 'page-size', dflt: 200, min: 1, max: 2000 },
  maxPages: { flag: 'max-pages', dflt: 50, min: 1, max: 10_000 },
} as const;
const N = FETCH_NUMBERS;

/** arXiv asks for one request every 3 seconds; the daily papers API gets a short courtesy pause. */
export const DEFAULT_DELAY_MS: Record<FetchSource, number> = { 'hf-daily': 250, arxiv: 3000 };

export const FETCH_HELP = [
  'papermap fetch: download a window of papers into the shared cache data/raw/ and make them the run\'s input',
  '',
  'Usage: papermap fetch --source hf-daily (--start DAY --end DAY | --week 2025-W48) [--run NAME] [options]',
  "       papermap fetch --source arxiv --query 'cat:cs.CL' (--start DAY --end DAY | --week W) --run NAME [options]",
  '',
  '  --source S          hf-daily (Hugging Face daily papers API) or arxiv (the arXiv API)',
  '  --start DAY         first day of the window (YYYY-MM-DD)',
  '  --end DAY           last day of the window (YYYY-MM-DD)',
  '  --week W            the window of an ISO week (2025-W48, or last) instead of --start/--end',
  '  --run NAME          the run whose input becomes the fetched files (default: the week, with --week)',
  "  --query Q           arXiv search query, e.g. 'cat:cs.CL' (arxiv only)",
  '  --base-url URL      API base URL [https://huggingface.co | https://export.arxiv.org] (a mirror, or a test server)',
  '  --max-age-days N    a cached day is final (not asked for again) when it was more than N days old at the time',
  `                      it was fetched [${N.maxAgeDays.dflt}]: a young listing still changes (late papers, upvotes), so it is re-fetched`,
  `  --max-response-mb N refuse (and never cache) a response larger than N MB [${N.maxResponseMb.dflt}]`,
  '  --refresh           fetch again even what the cache holds as final',
  '  --weekends          hf-daily: also ask for Saturdays and Sundays (the listing has none: only Mon-Fri by default)',
  `  --timeout-ms N      time-out of one request, body included [${N.timeoutMs.dflt}]`,
  `  --retries N         retries of a request after a time-out, a network error, 429 or 5xx [${N.retries.dflt}]`,
  `  --backoff-ms N      first back-off before a retry, doubled each time, with jitter [${N.backoffMs.dflt}]; Retry-After wins`,
  '  --delay-ms N        least time between two requests [250 for hf-daily, 3000 for arxiv, as arXiv asks]',
  `  --page-size N       arxiv: results per page [${N.pageSize.dflt}]`,
  `  --max-pages N       arxiv: stop after N pages [${N.maxPages.dflt}]`,
  '  --seed N            seed of the back-off jitter (default: the run\'s seed setting)',
  '  --config FILE       settings file (default ./papermap.config.json)',
  '  --quiet             print nothing but failures',
  '',
  'Responses are stored raw: data/raw/hf-daily/<day>.json, data/raw/arxiv/<query key>/<page>.xml. A response is',
  'written only once its whole body parsed; a malformed one is kept aside under rejected/ with the reason, and the',
  'other days go on. Beside each stored response, <file>.meta records when and from where it came (the cache rule',
  'reads its day). An interrupted fetch resumes: final cached days are skipped. The run\'s saved settings',
  '(data/runs/<run>/settings.json) get input = the fetched files that arrived, so `papermap run --run NAME` ingests',
  'them; the days that failed are recorded in data/runs/<run>/fetch.json and shown in the report and digest.',
  'Exit 0 when at least one day (or page) is usable, 1 when every one failed, 2 on bad arguments.',
].join('\n');

const VALUE_FLAGS = new Set([
  'source', 'start', 'end', 'week', 'query', 'base-url', 'delay-ms', 'timeout-ms', 'retries', 'backoff-ms',
  'max-age-days', 'max-response-mb', 'page-size', 'max-pages', 'seed', 'run', 'config',
]);
const BOOL_FLAGS = new Set(['refresh', 'weekends', 'quiet', 'help']);

function intFlag(values: Map<string, string>, name: string, dflt: number, min: number, max: number): number {
  const v = values.get(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got '${v}'`);
  }
  return n;
}

function dayFlag(values: Map<string, string>, name: string): string | null {
  const v = values.get(name);
  if (v === undefined) return null;
  if (!isIsoDay(v)) throw new UsageError(`--${name} must be a day written YYYY-MM-DD; got '${v}'`);
  return v;
}

/** Parse the arguments after `fetch`; returns null options with `help` when help was asked for. */
export function parseFetchArgs(argv: string[], today: string): { help: true } | { help: false; options: FetchOptions } {
  const values = new Map<string, string>();
  const bools = new Set<string>();
  for (const tok of argTokens(argv)) {
    if (tok.kind === 'help') {
      bools.add('help');
      continue;
    }
    if (tok.kind === 'positional') throw new UsageError(`fetch takes no positional argument; got '${tok.text}' (see papermap fetch --help)`);
    const name = tok.name;
    if (VALUE_FLAGS.has(name)) {
      values.set(name, tok.value());
    } else if (BOOL_FLAGS.has(name)) {
      const v = tok.inline ?? 'true';
      if (v !== 'true' && v !== 'false') throw new UsageError(`--${name} takes no value (or true/false); got '${v}'`);
      if (v === 'true') bools.add(name);
      else bools.delete(name);
    } else {
      const near = [...VALUE_FLAGS, ...BOOL_FLAGS].filter((f) => editDistance(f, name) <= Math.max(1, Math.floor(f.length / 4)));
      throw new UsageError(`unknown option --${name} for fetch${near.length ? ` (did you mean --${near.join(', --')}?)` : ''}; see papermap fetch --help`);
    }
  }
  if (bools.has('help')) return { help: true };
  const source = values.get('source');
  if (source === undefined) throw new UsageError('fetch needs --source (hf-daily or arxiv)');
  if (!(SOURCES as readonly string[]).includes(source)) throw new UsageError(`--source must be hf-daily or arxiv; got '${source}'`);
  const src = source as FetchSource;
  let start = dayFlag(values, 'start');
  let end = dayFlag(values, 'end');
  const weekArg = values.get('week');
  let week: string | null = null;
  if (weekArg !== undefined) {
    if (start !== null || end !== null) throw new UsageError('give either --week or --start/--end, not both');
    const w = weekWindow(weekArg, 0, today);
    week = w.week;
    start = w.start;
    end = w.end;
  }
  if (start === null || end === null) throw new UsageError('fetch needs --start DAY and --end DAY (YYYY-MM-DD), or --week 2025-W48');
  if (start > end) throw new UsageError(`--start ${start} is after --end ${end}`);
  const query = values.get('query') ?? null;
  if (src === 'arxiv' && (query === null || query.trim() === '')) throw new UsageError("--source arxiv needs --query, e.g. --query 'cat:cs.CL'");
  if (src === 'hf-daily' && query !== null) throw new UsageError('--query goes with --source arxiv');
  const baseUrl = values.get('base-url') ?? DEFAULT_BASE[src];
  let parsedBase: URL;
  try {
    parsedBase = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url must be an http(s) URL; got '${baseUrl}'`);
  }
  if (parsedBase.protocol !== 'http:' && parsedBase.protocol !== 'https:') throw new UsageError(`--base-url must be an http(s) URL; got '${baseUrl}'`);
  const runArg = values.get('run') ?? week;
  if (runArg === null) throw new UsageError('fetch needs --run NAME (the run whose input the fetched files become)');
  const seedArg = values.get('seed');
  const num = (o: { flag: string; dflt: number; min: number; max: number }): number => intFlag(values, o.flag, o.dflt, o.min, o.max);
  return {
    help: false,
    options: {
      source: src,
      start,
      end,
      week,
      query,
      baseUrl,
      delayMs: intFlag(values, 'delay-ms', DEFAULT_DELAY_MS[src], 0, 600_000),
      timeoutMs: num(N.timeoutMs),
      retries: num(N.retries),
      backoffMs: num(N.backoffMs),
      maxAgeDays: num(N.maxAgeDays),
      maxResponseMb: num(N.maxResponseMb),
      refresh: bools.has('refresh'),
      weekends: bools.has('weekends'),
      pageSize: num(N.pageSize),
      maxPages: num(N.maxPages),
      // the seed is a setting of the run: checked by the settings table, as papermap run checks it
      seed: seedArg === undefined ? null : (checkValue(specForFlag('seed') as SettingSpec, seedArg) as number),
      run: checkRunName(runArg),
      config: values.get('config') ?? null,
      quiet: bools.has('quiet'),
    },
  };
}
