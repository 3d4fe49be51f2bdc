// Command-line options of the benchmark harness (`npm run bench -- ...`): parsing, defaults and help.
import { existsSync } from 'node:fs';
import { TRENDS_DEFAULTS, TRENDS_HELP, type TrendsBenchOptions } from './trends.ts';
import { VECTORS_DEFAULTS, VECTORS_HELP, type VectorsBenchOptions } from './vectors.ts';

export interface BenchOptions {
  /** Sizes of the synthetic corpora (documents). */
  sizes: number[];
  /** Include the real corpora of ../shared/data when present. */
  real: boolean;
  /** Last stage to time; null means the last built stage. */
  to: string | null;
  /** Also run the Python anchor (scikit-learn + umap-learn) on each corpus. */
  anchor: boolean;
  /** Also run each stage alone as its own process, for its own peak RSS (--no-alone skips it). */
  alone: boolean;
  /** Save the results as JSON to this file. */
  json: string | null;
  help: boolean;
  /** Run the trend-flag calibration (trends.ts) instead of the timings, with these settings. */
  trends: TrendsBenchOptions | null;
  /** Time the readers and the 10k report instead (scale.ts). */
  scale: boolean;
  /** Measure the explorer (report size, load, repaint in Chromium) at --sizes instead (explorer.ts). */
  explorer: boolean;
  /** With --explorer: measure these report files instead of building runs. */
  reports: string[];
  /** Measure --vectors tfidf and minilm instead (vectors.ts): topic quality over seeds, embedding speed. */
  vectors: VectorsBenchOptions | null;
}

export class BenchUsageError extends Error {}

export const DEFAULT_SIZES = [10_000, 100_000];

export const HELP = [
  'papermap benchmarks: time whole CLI processes on synthetic and real corpora',
  '',
  'Usage: npm run bench -- [options]',
  '',
  'Options:',
  '  --sizes N,N      synthetic corpus sizes (10000 or 10k) [10000,100000]',
  '  --real           include the real corpora of ../shared/data when present (default)',
  '  --no-real        synthetic corpora only',
  '  --to STAGE       last stage to time (default: the last built stage)',
  '  --anchor         also run the Python anchor (../shared/bench/anchor_sklearn.py) on each corpus',
  '  --no-alone       skip the stage-alone runs (each stage as its own process, for its own peak RSS):',
  '                   at 1M they double the time',
  '  --json FILE      save the results as JSON',
  '  --trends         calibrate the rising/fading flags instead (false-flag rate and power; see below)',
  '  --scale          time the readers at 25k and 50k records and a 10k-paper report (render, Chromium) instead',
  '  --explorer       measure the report\'s explorer at --sizes (default 100000): size, load and zoom repaint in Chromium',
  '  --report FILE    with --explorer: measure this report instead (repeatable), e.g. reports/<run>/index.html',
  '  --vectors        topic quality of --vectors tfidf and minilm over seeds, and the embed stage\'s speed (below)',
  '  --help           this help',
  '',
  'For each corpus: `papermap run --input <corpus> --k 30 --run bench-<name> --to STAGE --force --quiet` under',
  '/usr/bin/time -v (wall time, peak RSS; per-stage seconds and counts from the manifest), then each stage',
  'alone (`papermap <stage> --run bench-<name> --force --quiet`) for its own peak RSS.',
  'Synthetic corpora are generated once into data/bench/ (seed 1) and reused.',
  '',
  'Example: npm run bench -- --sizes 10000 --no-real',
  '',
  'Trend calibration:',
  ...TRENDS_HELP.split('\n').map((l) => `  ${l}`),
  '',
  'Vectors:',
  ...VECTORS_HELP.split('\n').map((l) => `  ${l}`),
].join('\n');

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!m) throw new BenchUsageError(`--sizes: '${text}' is not a size (a whole number such as 10000 or 10k)`);
  const scale = m[2] === '' ? 1 : m[2].toLowerCase() === 'k' ? 1_000 : 1_000_000;
  const n = Math.round(Number(m[1]) * scale);
  if (!Number.isSafeInteger(n) || n < 1) throw new BenchUsageError(`--sizes: '${text}' must be at least 1`);
  return n;
}

/** Parses the harness's arguments (`--name value` or `--name=value`). */
export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = { sizes: DEFAULT_SIZES, real: true, to: null, anchor: false, alone: true, json: null, help: false, trends: null, scale: false, explorer: false, reports: [], vectors: null };
  let seeds: number | null = null;
  let sizesGiven = false;
  const trends = (): TrendsBenchOptions => {
    o.trends ??= { ...TRENDS_DEFAULTS };
    return o.trends;
  };
  const count = (name: string, text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new BenchUsageError(`${name} takes a whole number >= 1; got '${text}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new BenchUsageError(`${name} needs a value`);
      i++;
      return next;
    };
    switch (name) {
      case '--sizes': {
        const list = value()
          .split(',')
          .filter((s) => s.trim() !== '');
        o.sizes = [...new Set(list.map(parseSize))];
        sizesGiven = true;
        break;
      }
      case '--real':
        o.real = true;
        break;
      case '--no-real':
        o.real = false;
        break;
      case '--to':
        o.to = value();
        break;
      case '--anchor':
        o.anchor = true;
        break;
      case '--no-alone':
        o.alone = false;
        break;
      case '--json':
        o.json = value();
        break;
      case '--trends':
        trends();
        break;
      case '--scale':
        o.scale = true;
        break;
      case '--explorer':
        o.explorer = true;
        break;
      case '--report': {
        const file = value();
        if (!existsSync(file)) throw new BenchUsageError(`--report: ${file} does not exist (a report is reports/<run>/index.html)`);
        o.reports.push(file);
        break;
      }
      case '--weeks':
        trends().weeks = count(name, value());
        break;
      case '--perms':
        trends().perms = count(name, value());
        break;
      case '--seeds':
        seeds = count(name, value());
        break;
      case '--vectors':
        o.vectors = { ...VECTORS_DEFAULTS };
        break;
      case '--no-quality':
      case '--no-speed':
        if (!o.vectors) throw new BenchUsageError(`${name} goes with --vectors, after it`);
        if (name === '--no-quality') o.vectors.quality = false;
        else o.vectors.speed = false;
        break;
      case '--planted':
        trends().planted = value().split(',').map((v) => count(name, v.trim()));
        break;
      case '--category':
        trends().category = value();
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new BenchUsageError(`unknown option '${arg}' (see --help)`);
    }
  }
  if (o.trends) {
    o.trends.json = o.json;
    if (seeds !== null) o.trends.seeds = seeds;
  }
  if (o.vectors) {
    o.vectors.json = o.json;
    if (seeds !== null) o.vectors.seeds = seeds;
    if (sizesGiven) o.vectors.sizes = o.sizes;
  }
  if (seeds !== null && !o.trends && !o.vectors) throw new BenchUsageError('--seeds goes with --trends or --vectors');
  return o;
}
