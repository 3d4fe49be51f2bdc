// The --vectors benchmark (`npm run bench -- --vectors`): topic quality of tfidf and minilm on the labelled corpora over seeds, and the embed stage's throughput and peak memory.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MINILM, modelDir, ONNX_FILE } from '../../pipeline/embed/models.ts';
import { syntheticCorpus } from './corpora.ts';
import { int, mb, progress, secs, table } from './format.ts';
import { measure } from './measure.ts';

export interface VectorsBenchOptions {
  seeds: number;
  /** Papers to embed for the throughput figures; up to the Daily Papers' size they are its first N, beyond it synthetic. */
  sizes: number[];
  quality: boolean;
  speed: boolean;
  json: string | null;
}

export const VECTORS_DEFAULTS: VectorsBenchOptions = { seeds: 5, sizes: [1_000, 9_877], quality: true, speed: true, json: null };

export const VECTORS_HELP = [
  'npm run bench -- --vectors [--seeds 5] [--sizes 1000,9877] [--no-quality] [--no-speed] [--json FILE]',
  '  quality: papermap run --vectors tfidf and --vectors minilm on the 20 Newsgroups k-means subset (--k 4) and',
  '  the labelled arXiv CS abstracts (--k 10), seeds 1..N; V-measure and ARI against the labels (topics.json),',
  '  mean and range, beside the marks issue 16 set (the best of the Python MiniLM pipelines).',
  '  speed: the embed stage alone (`papermap embed`, empty cache) on the first N Daily Papers (title + abstract),',
  '  synthetic abstracts beyond its 9,877 (made-up words: nearly every text reaches the 256-piece cut).',
].join('\n');

interface QualityCorpus {
  name: string;
  rel: string;
  args: string[];
  k: number;
  /** The marks to reach: issue 16's best Python MiniLM figures. */
  mark: { v: number; ari: number };
}

const QUALITY: QualityCorpus[] = [
  {
    name: '20newsgroups-subset',
    rel: 'data/20newsgroups/sklearn_kmeans_example_subset.jsonl',
    args: ['--map', 'abstract=text', '--text-fields', 'abstract'],
    k: 4,
    mark: { v: 0.586, ari: 0.591 },
  },
  { name: 'arxiv-cs-labelled', rel: 'data/arxiv-cs-labelled/arxiv_cs_labelled.jsonl', args: [], k: 10, mark: { v: 0.47, ari: 0.351 } },
];

interface Score {
  vMeasure: number;
  ari: number;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function papermapArgv(root: string, args: string[]): string[] {
  return [process.execPath, join(root, 'bin', 'papermap.js'), ...args];
}

async function qualityRows(root: string, shared: string, seeds: number): Promise<{ rows: string[][]; results: unknown[] }> {
  const rows: string[][] = [];
  const results: unknown[] = [];
  for (const c of QUALITY) {
    const input = join(shared, c.rel);
    if (!existsSync(input)) {
      progress(`${c.name}: ${input} not found; skipped`);
      continue;
    }
    for (const vectors of ['tfidf', 'minilm']) {
      const scores: Score[] = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const run = `bench-vectors-${c.name}-${vectors}-s${seed}`;
        progress(`${c.name}: --vectors ${vectors} --seed ${seed}`);
        const m = await measure(
          papermapArgv(root, ['run', '--input', input, ...c.args, '--k', String(c.k), '--vectors', vectors, '--seed', String(seed), '--run', run, '--to', 'label', '--force', '--quiet']),
          { cwd: root },
        );
        if (m.exitCode !== 0) throw new Error(`papermap run ${run} failed (exit ${m.exitCode}):\n${m.stderrTail}`);
        const topics = JSON.parse(readFileSync(join(root, 'data', 'runs', run, 'topics.json'), 'utf8')) as { quality: { labelled: Score } };
        scores.push(topics.quality.labelled);
      }
      const v = scores.map((s) => s.vMeasure);
      const a = scores.map((s) => s.ari);
      const range = (xs: number[]): string => `${Math.min(...xs).toFixed(3)}..${Math.max(...xs).toFixed(3)}`;
      const meets = vectors === 'minilm' ? (mean(v) >= c.mark.v && mean(a) >= c.mark.ari ? 'yes' : 'no') : '';
      rows.push([c.name, vectors, String(seeds), mean(v).toFixed(3), range(v), mean(a).toFixed(3), range(a), `${c.mark.v} / ${c.mark.ari}`, meets]);
      results.push({ corpus: c.name, k: c.k, vectors, seeds: scores, meanV: mean(v), meanAri: mean(a), mark: c.mark });
    }
  }
  return { rows, results };
}

/** The first n Daily Papers as a JSONL file, or null when there are fewer. */
async function dailyHead(shared: string, n: number, out: string): Promise<boolean> {
  const path = join(shared, 'data', 'hf-daily-papers', 'hf_daily_papers.jsonl');
  if (!existsSync(path)) return false;
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    lines.push(line);
    if (lines.length === n) break;
  }
  if (lines.length < n) return false;
  writeFileSync(out, `${lines.join('\n')}\n`);
  return true;
}

async function speedRows(root: string, shared: string, sizes: number[]): Promise<{ rows: string[][]; results: unknown[] }> {
  const rows: string[][] = [];
  const results: unknown[] = [];
  for (const n of sizes) {
    // a workspace of its own: its vector cache starts empty, so every paper is embedded
    const ws = mkdtempSync(join(tmpdir(), 'papermap-bench-vectors-'));
    try {
      let input = join(ws, 'papers.jsonl');
      let source = 'Daily Papers';
      if (!(await dailyHead(shared, n, input))) {
        input = (await syntheticCorpus(root, shared, n, progress)).path;
        source = 'synthetic';
      }
      progress(`embed ${int(n)} ${source} papers: ingest..reduce first`);
      const prep = await measure(papermapArgv(root, ['run', '--input', input, '--vectors', 'minilm', '--run', 'e', '--to', 'reduce', '--quiet']), { cwd: ws });
      if (prep.exitCode !== 0) throw new Error(`papermap run (to reduce) failed on ${input}:\n${prep.stderrTail}`);
      progress(`embed ${int(n)} ${source} papers: the embed stage alone`);
      const m = await measure(papermapArgv(root, ['embed', '--run', 'e', '--quiet']), { cwd: ws });
      if (m.exitCode !== 0) throw new Error(`papermap embed failed on ${input}:\n${m.stderrTail}`);
      const manifest = JSON.parse(readFileSync(join(ws, 'data', 'runs', 'e', 'manifest.json'), 'utf8')) as {
        stages: { embed: { counts: { docs: number; embedded: number }; meta: { embedSeconds: number } } };
      };
      const e = manifest.stages.embed;
      rows.push([`${int(n)} ${source}`, int(e.counts.embedded), secs(e.meta.embedSeconds), (e.counts.embedded / e.meta.embedSeconds).toFixed(1), secs(m.wallS), mb(m.peakRssMb)]);
      results.push({ n, source, embedded: e.counts.embedded, embedSeconds: e.meta.embedSeconds, processWallS: m.wallS, peakRssMb: m.peakRssMb });
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }
  return { rows, results };
}

export async function vectorsBench(root: string, shared: string, o: VectorsBenchOptions): Promise<number> {
  if (!existsSync(join(modelDir(MINILM), ONNX_FILE))) {
    process.stdout.write(`bench --vectors: needs the MiniLM model in ${modelDir(MINILM)} (npx papermap models install minilm); nothing to run\n`);
    return 0;
  }
  const out: string[] = [];
  const json: Record<string, unknown> = {};
  if (o.quality) {
    const q = await qualityRows(root, shared, o.seeds);
    out.push('Topic quality against the labels (V-measure, ARI), seeds 1..' + o.seeds, '');
    out.push(...table(['corpus', 'vectors', 'seeds', 'V mean', 'V range', 'ARI mean', 'ARI range', 'mark V / ARI', 'reached'], q.rows), '');
    json.quality = q.results;
  }
  if (o.speed) {
    const s = await speedRows(root, shared, o.sizes);
    out.push(`The embed stage alone (${MINILM.name}, up to ${MINILM.maxTokens} word pieces, empty cache)`, '');
    out.push(...table(['papers', 'embedded', 'embed s', 'a second', 'process s', 'peak MB'], s.rows), '');
    json.speed = s.results;
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (o.json) writeFileSync(o.json, `${JSON.stringify(json, null, 2)}\n`);
  return 0;
}
