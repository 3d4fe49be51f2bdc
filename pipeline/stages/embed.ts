// Stage embed: with --vectors minilm, every paper's text as a sentence embedding (cached across runs by text and model); with tfidf, nothing to do.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { Paper } from '../paper.ts';
import { paperText } from './tokenize.ts';
import { arraysOutputs } from '../io/arrays.ts';
import { MODELS, checkModel, modelKey } from '../embed/models.ts';
import { openEncoder } from '../embed/encoder.ts';
import { openVectorCache, textKey } from '../embed/vectorCache.ts';

/** The cache of text vectors, shared by the workspace's runs. */
export const VECTOR_CACHE = join('data', 'cache', 'vectors');

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  const spec = MODELS.find((m) => m.id === s.vectors);
  if (!spec) {
    return { outputs: {}, counts: {}, summary: 'vectors tfidf: the LSA vectors of reduce go on (--vectors minilm embeds the papers instead)' };
  }
  const model = checkModel(spec);
  const papers = ctx.read.jsonl<Paper>('papers.jsonl');
  const texts = papers.map((p) => paperText(p, s.textFields));
  papers.length = 0;
  const cacheDir = join(ctx.workspace, VECTOR_CACHE, modelKey(spec));
  const cache = openVectorCache(cacheDir, spec.dims);
  for (const p of cache.skipped) ctx.report.line(`embed      ${p} is not a whole cache shard; left out (delete it)`);
  const keys = texts.map((t) => textKey(spec.sha256.onnx, spec.maxTokens, t));
  // each text once, in first-seen order
  const todo = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!cache.get(k) && !todo.has(k)) todo.set(k, i);
  });
  const t0 = performance.now();
  if (todo.size) {
    const encoder = await openEncoder(model, availableParallelism());
    try {
      const tick = ctx.report.ticker(`embed: ${spec.name}`, 1);
      const rows = [...todo.values()];
      const vectors = await encoder.embed(rows.map((r) => texts[r]), (done, total) => tick.update(done, total));
      tick.end();
      cache.add([...todo.keys()], vectors);
    } finally {
      await encoder.close();
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const n = texts.length;
  const X = new Float32Array(n * spec.dims);
  keys.forEach((k, i) => {
    X.set(cache.get(k) as Float32Array, i * spec.dims);
  });
  const cached = n - todo.size;
  const rate = todo.size ? `, ${(todo.size / seconds).toFixed(1)} a second` : '';
  return {
    outputs: arraysOutputs('vectors', {
      arrays: { embedding: X },
      meta: { nRows: n, dims: spec.dims, model: spec.name, modelSha256: spec.sha256.onnx, maxTokens: spec.maxTokens },
    }),
    counts: { docs: n, dims: spec.dims, embedded: todo.size, cached },
    meta: { model: spec.name, embedSeconds: Math.round(seconds * 100) / 100 },
    summary: `${n} papers -> ${spec.dims}-d ${spec.name} vectors: ${todo.size} embedded${todo.size ? ` in ${seconds.toFixed(1)} s${rate}` : ''}, ${cached} from the cache`,
  };
}

export const embed: Stage = {
  name: 'embed',
  about: 'sentence embeddings of each paper (--vectors minilm; tfidf: nothing to do)',
  reads: ['papers.jsonl'],
  run,
};
