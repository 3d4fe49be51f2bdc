// The corpora the benchmarks run on: seeded synthetic ones (generated once into data/bench/) and the real ones in ../shared/data.
import { spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Corpus {
  /** Short name; the papermap run is `bench-<name>`. */
  name: string;
  kind: 'synthetic' | 'real';
  path: string;
  /** Extra papermap flags the corpus needs (e.g. `--map abstract=text`). */
  papermapArgs: string[];
  /** The field holding the text, for the Python anchor (which reads `abstract`). */
  textField: string;
}

export const SEED = 1;

/** The real corpora looked for in `<shared>/data`, relative paths. */
const REAL: { name: string; rel: string; papermapArgs: string[]; textField: string }[] = [
  {
    name: 'hf-daily-papers',
    rel: 'data/hf-daily-papers/hf_daily_papers.jsonl',
    papermapArgs: [],
    textField: 'abstract',
  },
  {
    name: 'arxiv-cs-labelled',
    rel: 'data/arxiv-cs-labelled/arxiv_cs_labelled.jsonl',
    papermapArgs: [],
    textField: 'abstract',
  },
  {
    name: '20newsgroups',
    rel: 'data/20newsgroups/20news_bydate.jsonl',
    papermapArgs: ['--map', 'abstract=text'],
    textField: 'text',
  },
];

/** 10000 -> "10k", 100000 -> "100k", 1500000 -> "1.5m", 2500 -> "2500". */
export function sizeLabel(n: number): string {
  if (n >= 1_000_000 && n % 100_000 === 0) return `${n / 1_000_000}m`;
  if (n >= 10_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

/** The synthetic corpus of n documents (seed 1): reused from data/bench/ when there, else generated (atomically). */
export async function syntheticCorpus(
  root: string,
  shared: string,
  n: number,
  log: (line: string) => void,
): Promise<Corpus> {
  const dir = join(root, 'data', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `synthetic-n${n}-seed${SEED}.jsonl`);
  const name = `synth-${sizeLabel(n)}`;
  const corpus: Corpus = { name, kind: 'synthetic', path, papermapArgs: [], textField: 'abstract' };
  if (existsSync(path) && statSync(path).size > 0) {
    log(`${name}: reusing ${path}`);
    return corpus;
  }
  log(`${name}: generating ${n} documents (seed ${SEED}) into ${path}`);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [join(shared, 'bench', 'make_corpus.mjs'), String(n), String(SEED)], {
        stdio: ['ignore', fd, 'inherit'],
      });
      child.on('error', reject);
      child.on('close', (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`make_corpus.mjs ${n} ${SEED} exited with ${code}`);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return corpus;
}

/** The real corpora present under `<shared>/data`, and the names of those missing. */
export function realCorpora(shared: string): { found: Corpus[]; missing: string[] } {
  const found: Corpus[] = [];
  const missing: string[] = [];
  for (const r of REAL) {
    const path = join(shared, r.rel);
    if (existsSync(path))
      found.push({ name: r.name, kind: 'real', path, papermapArgs: r.papermapArgs, textField: r.textField });
    else missing.push(`${r.name} (${r.rel})`);
  }
  return { found, missing };
}

/**
 * The file to hand the Python anchor, which reads the `abstract` field: the corpus itself, or a copy
 * in data/bench/ with the text field renamed to `abstract` (made once, reused while newer than the source).
 */
export async function anchorInput(root: string, corpus: Corpus): Promise<string> {
  if (corpus.textField === 'abstract') return corpus.path;
  const path = join(root, 'data', 'bench', `${corpus.name}.abstract.jsonl`);
  if (existsSync(path) && statSync(path).mtimeMs >= statSync(corpus.path).mtimeMs) return path;
  const tmp = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  const lines = createInterface({ input: createReadStream(corpus.path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const rec = JSON.parse(line) as Record<string, unknown>;
    const text = rec[corpus.textField];
    const row = JSON.stringify({ ...rec, abstract: typeof text === 'string' ? text : '' });
    if (!out.write(row + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  renameSync(tmp, path);
  return path;
}
