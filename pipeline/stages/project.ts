// Stage project: the kNN graph of the LSA vectors (once), then UMAP layouts from it: 2-D for the map, n-D for clustering.
import { availableParallelism } from 'node:os';
import type { Stage, StageContext, StageResult } from './stage.ts';
import { nearestNeighbors, knnExactForRows, knnRecall } from '../math/knn.ts';
import { sampleRows } from '../math/random.ts';
import { clusterEpochs, umapLayouts } from '../math/umap.ts';
import { arraysOutputs } from '../io/arrays.ts';
import { readDocVectors } from '../artifacts/lsa.ts';
import { circleLayout, tooFewNote, tooFewToCluster } from './smallRun.ts';

/** Rows checked against exact neighbours to measure the recall of an approximate graph. */
const RECALL_SAMPLE = 1000;

/** A handful of papers: no neighbour graph but each paper itself, and the papers on a circle in both layouts. */
function smallRun(n: number, clusterDims: number): StageResult {
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  const knnMeta = { method: 'none', k: 1, recall: 1, recallSampleRows: 0 };
  return {
    outputs: {
      ...arraysOutputs('knn', { arrays: { indices, distances: new Float32Array(n) }, meta: { n, ...knnMeta } }),
      ...arraysOutputs('map', { arrays: { coords: circleLayout(n, 2) }, meta: { n, dims: 2 } }),
      ...arraysOutputs('umap', { arrays: { coords: circleLayout(n, clusterDims) }, meta: { n, dims: clusterDims } }),
    },
    counts: { docs: n, neighbors: 1, epochs: 0, graphEntries: 0 },
    meta: { knn: knnMeta, engine: 'none', tooFew: true },
    summary: `${n} papers: ${tooFewNote(n)}`,
  };
}

/** "200 epochs", or "200 and 100 epochs" when the clustering layout runs its own count. */
function epochsText([map, cl]: readonly number[]): string {
  return map === cl ? `${map} epochs` : `${map} and ${cl} epochs`;
}

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  const { embedding: X, nRows: n, dims: d } = readDocVectors(ctx);
  if (tooFewToCluster(n)) return smallRun(n, s.clusterDims);
  const k = Math.min(s.nNeighbors, n - 1);
  const knnTick = ctx.report.ticker('project: neighbours', 1);
  const knn = await nearestNeighbors(X, n, d, { k, method: s.knnMethod, seed: s.seed }, (done, total) =>
    knnTick.update(done, total),
  );
  knnTick.end();
  let recall = 1;
  let recallRows = 0;
  if (knn.method !== 'exact') {
    const rows = sampleRows(n, RECALL_SAMPLE, s.seed);
    recall = knnRecall(knn, await knnExactForRows(X, n, d, k, rows, availableParallelism()), rows);
    recallRows = rows.length;
  }
  const tick = ctx.report.ticker('project: layouts', 1);
  const umap = await umapLayouts(
    X,
    n,
    d,
    knn,
    [2, s.clusterDims],
    { engine: s.umapEngine, minDist: s.minDist, layoutMinDist: [s.minDist, s.clusterMinDist], nEpochs: s.umapEpochs, layoutEpochs: [0, clusterEpochs(n, s.clusterEpochs, s.umapEpochs)], seed: s.seed },
    (done, total) => tick.update(done, total),
  );
  tick.end();
  const [map, cl] = umap.layouts;
  const knnMeta = { method: knn.method, k, recall: Math.round(recall * 1e4) / 1e4, recallSampleRows: recallRows };
  return {
    outputs: {
      ...arraysOutputs('knn', { arrays: { indices: knn.indices, distances: knn.distances }, meta: { n, ...knnMeta } }),
      ...arraysOutputs('map', { arrays: { coords: map.embedding }, meta: { n, dims: 2 } }),
      ...arraysOutputs('umap', { arrays: { coords: cl.embedding }, meta: { n, dims: s.clusterDims } }),
    },
    counts: { docs: n, neighbors: k, epochs: umap.nEpochs, clusterEpochs: umap.layoutEpochs[1], graphEntries: umap.graphEntries },
    meta: { knn: knnMeta, engine: umap.engine, a: umap.a, b: umap.b },
    summary:
      `${n} papers, ${k}-NN by ${knn.method}${knn.method === 'exact' ? '' : ` (recall ${recall.toFixed(3)} on ${recallRows} rows)`}, ` +
      `UMAP (${umap.engine}) 2-D map and ${s.clusterDims}-D layout, ${epochsText(umap.layoutEpochs)}`,
  };
}

export const project: Stage = {
  name: 'project',
  about: 'UMAP 2-D map and a few dimensions for clustering',
  reads: ['lsa.json', 'lsa.bin', 'vectors.json', 'vectors.bin'],
  run,
};
