// UMAP layouts from a precomputed kNN graph: papermap's typed-array engine, or umap-js, behind one call.
import { SETTING_DEFAULTS } from '../config.ts';
//
// The papermap engine follows umap-learn: one fuzzy simplicial set (umapGraph.ts) built once and
// reused for every requested layout (the 2-D map and the n-D clustering space); edges weaker than
// max / nEpochs dropped; each edge sampled every nEpochs / (nEpochs · w / max w) epochs; SGD with
// negative sampling (umapKernels.mjs) from an initial layout rescaled per dimension to [0, 10].
// The default initial layout is PCA of the input rows (their leading principal directions, i.e.
// the leading SVD components of the centred LSA vectors), not random: umap-js's random start
// trailed umap-learn's spectral start in V-measure (0.47 vs 0.59 at 20k).
// Each layout's points, renumbered so that neighbours sit close (layoutOrder.ts), are cut into
// LAYOUT_BLOCKS fixed blocks; a block moves its own points live and reads the others as they stood
// at the epoch's start, leaving its pulls on them for after the epoch (umapKernels.mjs). So the
// blocks run on any threads at once: a layout uses every core, its bytes the same on any count.
import { availableParallelism } from 'node:os';
import { WorkerPool } from './workerPool.ts';
import { UMAP } from 'umap-js';
import { symmetricEigen } from './dense.ts';
import { knnToNested, type KnnGraph } from './knn.ts';
import { createRng, mulberry32 } from './random.ts';
import { localityOrder, permuteGraph } from './layoutOrder.ts';
import { findAbParams, fuzzySimplicialSet, type FuzzyGraph, type FuzzyGraphOptions } from './umapGraph.ts';
import { snapshotBlock, optimizeBlock, type LayoutKernelState } from './umapKernels.mjs';

export type UmapEngine = 'papermap' | 'umap-js';

export interface UmapOptions {
  engine: UmapEngine;
  /** Epochs (0 = umap's default: 500 up to 10,000 points, 200 above). */
  nEpochs: number;
  minDist: number;
  /** Epochs per layout, in the order of `dims` (0 or absent: nEpochs); the learning rate decays over each layout's own epochs. */
  layoutEpochs: readonly number[];
  /** min_dist per layout, in the order of `dims` (e.g. 0.1 for the map, 0 for the clustering layout); minDist where absent. */
  layoutMinDist: readonly number[];
  spread: number;
  learningRate: number;
  negativeSampleRate: number;
  repulsionStrength: number;
  localConnectivity: number;
  setOpMixRatio: number;
  /** 'pca': leading principal components of the input rows; 'random': uniform in [-10, 10] (umap-js's start). */
  init: 'pca' | 'random';
  seed: number;
  /** Threads sharing each layout's blocks (papermap engine; at most LAYOUT_BLOCKS); results do not depend on it. */
  threads: number;
}

export const UMAP_DEFAULTS: Readonly<UmapOptions> = Object.freeze({
  engine: SETTING_DEFAULTS.umapEngine,
  nEpochs: SETTING_DEFAULTS.umapEpochs,
  minDist: SETTING_DEFAULTS.minDist,
  layoutMinDist: [],
  layoutEpochs: [],
  spread: 1,
  learningRate: 1,
  negativeSampleRate: 5,
  repulsionStrength: 1,
  localConnectivity: 1,
  setOpMixRatio: 1,
  init: 'pca' as const,
  seed: SETTING_DEFAULTS.seed,
  threads: availableParallelism(),
});

export function resolveUmapOptions(opts: Partial<UmapOptions> = {}): UmapOptions {
  const o: UmapOptions = { ...UMAP_DEFAULTS, ...opts };
  if (o.engine !== 'papermap' && o.engine !== 'umap-js') throw new Error(`engine must be 'papermap' or 'umap-js', got ${String(o.engine)}`);
  if (o.init !== 'pca' && o.init !== 'random') throw new Error(`init must be 'pca' or 'random', got ${String(o.init)}`);
  if (!Number.isInteger(o.nEpochs) || o.nEpochs < 0) throw new Error(`nEpochs must be an integer >= 0, got ${o.nEpochs}`);
  if (!Number.isInteger(o.negativeSampleRate) || o.negativeSampleRate < 0) throw new Error(`negativeSampleRate must be an integer >= 0, got ${o.negativeSampleRate}`);
  if (!Number.isInteger(o.threads) || o.threads < 1) throw new Error(`threads must be an integer >= 1, got ${o.threads}`);
  for (const name of ['learningRate', 'repulsionStrength', 'spread'] as const) if (!(o[name] > 0)) throw new Error(`${name} must be > 0, got ${o[name]}`);
  if (!(o.minDist >= 0 && o.minDist <= o.spread)) throw new Error(`minDist must be in [0, spread], got ${o.minDist}`);
  for (const e of o.layoutEpochs) if (!Number.isInteger(e) || e < 0) throw new Error(`layout epochs must be integers >= 0, got ${e}`);
  if (!Number.isFinite(o.seed)) throw new Error(`seed must be a number, got ${o.seed}`);
  return o;
}

/** umap's default epoch count for n points. */
export function defaultEpochs(n: number): number {
  return n <= 10_000 ? 500 : 200;
}

/** Epochs of the clustering layout when none are set: above this many papers it runs CLUSTER_EPOCHS_LARGE. */
export const CLUSTER_EPOCHS_FROM = 10_000;
/**
 * The clustering layout's epochs above CLUSTER_EPOCHS_FROM papers. k-means needs the layout's
 * coarse structure, not the map's fine one. On the synthetic 100k corpus (30 planted topics,
 * k 30, seeds 1-3) 80 epochs gave mean V 0.561 / ARI 0.534 against 200 epochs' 0.560 / 0.521,
 * and project took 106-124 s against 197-210 s. On the 9,877 real Daily Papers (k auto, where the
 * default would not apply) 80 epochs against 500 agreed at ARI 0.81, closer than two seeds (0.69).
 */
export const CLUSTER_EPOCHS_LARGE = 80;

/** The clustering layout's epochs: `set` when given, else the map's up to CLUSTER_EPOCHS_FROM papers and at most CLUSTER_EPOCHS_LARGE above. */
export function clusterEpochs(n: number, set: number, mapEpochs: number): number {
  if (set > 0) return set;
  const map = mapEpochs || defaultEpochs(n);
  return n <= CLUSTER_EPOCHS_FROM ? map : Math.min(map, CLUSTER_EPOCHS_LARGE);
}

export type Progress = (done: number, total: number) => void;

/** The centred rows of X projected on its `dims` leading principal directions (n x dims; columns past d stay 0). */
export interface PcaProjection { n: number; dims: number; Y: Float64Array }

/**
 * The PCA start's projection, made once for every layout that starts from it: the top `dims`
 * eigenvectors of X's d x d covariance (X n x d, row-major; Jacobi, dense.ts), each signed so its
 * largest |entry| is positive, and the centred rows projected on them. Column t does not depend on
 * `dims`, so a 2-D start from a 5-D projection is the 2-D start.
 */
export function pcaProjection(X: Float32Array, n: number, d: number, dims: number): PcaProjection {
  const used = Math.min(dims, d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += X[i * d + c];
  for (let c = 0; c < d; c++) mean[c] /= n;
  const C = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) row[c] = X[i * d + c] - mean[c];
    for (let p = 0; p < d; p++) {
      const v = row[p];
      if (v === 0) continue;
      const o = p * d;
      for (let q = p; q < d; q++) C[o + q] += v * row[q];
    }
  }
  for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) C[q * d + p] = C[p * d + q];
  const { vectors } = symmetricEigen(C, d);
  const W = new Float64Array(d * dims);
  for (let t = 0; t < used; t++) {
    let best = 0, sign = 1;
    for (let c = 0; c < d; c++) {
      const v = vectors[c * d + t];
      if (Math.abs(v) > best) { best = Math.abs(v); sign = v < 0 ? -1 : 1; }
    }
    for (let c = 0; c < d; c++) W[c * dims + t] = sign * vectors[c * d + t];
  }
  const Y = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < dims; t++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (X[i * d + c] - mean[c]) * W[c * dims + t];
      Y[i * dims + t] = s;
    }
  }
  return { n, dims, Y };
}

/**
 * A layout's initial coordinates from the first `dims` columns of a projection: scaled by
 * 10 / max |coordinate| (umap-learn's treatment of its spectral start) plus N(0, 1e-4) noise from
 * the seed, as umap-learn does. Rows of fewer than `dims` dimensions (a handful of papers) get only
 * that noise in the coordinates past d.
 */
export function pcaStart(proj: PcaProjection, dims: number, seed: number): Float64Array {
  if (dims > proj.dims) throw new Error(`a ${dims}-D start from a ${proj.dims}-D projection`);
  const { n } = proj;
  const Y = new Float64Array(n * dims);
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < dims; t++) {
      const s = proj.Y[i * proj.dims + t];
      Y[i * dims + t] = s;
      maxAbs = Math.max(maxAbs, Math.abs(s));
    }
  }
  const scale = maxAbs > 0 ? 10 / maxAbs : 1;
  const rng = createRng(seed);
  for (let t = 0; t < Y.length; t++) Y[t] = Y[t] * scale + 1e-4 * rng.normal();
  return Y;
}

/** Uniform start in [-10, 10] (umap-js's), from the seed. */
export function randomInit(n: number, dims: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const Y = new Float64Array(n * dims);
  for (let t = 0; t < Y.length; t++) Y[t] = rng.uniform() * 20 - 10;
  return Y;
}

/** What the layout takes from the fuzzy graph. */
export type LayoutGraph = Pick<FuzzyGraph, 'n' | 'rowPtr' | 'cols' | 'weights'>;

/** The edge list the SGD samples: both directions of each graph edge kept above max / nEpochs. */
export interface LayoutEdges {
  head: Int32Array;
  tail: Int32Array;
  epochsPerSample: Float64Array;
}

/** umap-learn's make_epochs_per_sample over the graph's entries, weak edges (< max / nEpochs) dropped. */
export function layoutEdges(graph: LayoutGraph, nEpochs: number, alloc: (bytes: number) => ArrayBufferLike = (b) => new ArrayBuffer(b)): LayoutEdges {
  const { n, rowPtr, cols, weights } = graph;
  let max = 0;
  for (let t = 0; t < weights.length; t++) max = Math.max(max, weights[t]);
  const floor = max / nEpochs;
  let m = 0;
  for (let t = 0; t < weights.length; t++) if (weights[t] >= floor) m++;
  const head = new Int32Array(alloc(m * 4));
  const tail = new Int32Array(alloc(m * 4));
  const epochsPerSample = new Float64Array(alloc(m * 8));
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let t = rowPtr[i]; t < rowPtr[i + 1]; t++) {
      const w = weights[t];
      if (w < floor) continue;
      head[e] = i;
      tail[e] = cols[t];
      const nSamples = nEpochs * (w / max);
      epochsPerSample[e] = nSamples > 0 ? nEpochs / nSamples : -1;
      e++;
    }
  }
  return { head, tail, epochsPerSample };
}

/** Rescale each dimension to [0, 10] (umap-learn does this to every start before optimising). */
function rescaleInit(Y: Float64Array, n: number, dims: number): void {
  for (let t = 0; t < dims; t++) {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) { const v = Y[i * dims + t]; if (v < lo) lo = v; if (v > hi) hi = v; }
    const span = hi - lo > 0 ? hi - lo : 1;
    for (let i = 0; i < n; i++) Y[i * dims + t] = (10 * (Y[i * dims + t] - lo)) / span;
  }
}

export interface UmapLayout {
  nComponents: number;
  /** n x nComponents, row-major. */
  embedding: Float32Array;
}

export interface UmapResult {
  layouts: UmapLayout[];
  engine: UmapEngine;
  nEpochs: number;
  /** Epochs each layout ran, in the order of `dims`. */
  layoutEpochs: number[];
  a: number;
  b: number;
  /** Entries of the symmetric fuzzy graph (papermap engine; 0 for umap-js, whose graph is private). */
  graphEntries: number;
}

/** One seed per layout, derived from the seed and the layout's position, so layouts do not share streams. */
function layoutSeed(seed: number, index: number): number {
  return (mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b9)) | 0)() * 4294967296) | 0;
}

/**
 * Layouts of the points for each entry of `dims` (e.g. [2, 5]: the map and the clustering space)
 * from the kNN graph of X (n x d rows; used for the PCA start and by umap-js). Progress counts
 * epochs summed over the layouts.
 */
export async function umapLayouts(X: Float32Array, n: number, d: number, knn: KnnGraph, dims: readonly number[], options: Partial<UmapOptions> = {}, onProgress?: Progress): Promise<UmapResult> {
  const opts = resolveUmapOptions(options);
  if (knn.n !== n) throw new Error(`kNN graph has ${knn.n} points, expected ${n}`);
  if (X.length !== n * d) throw new Error(`X has ${X.length} values, expected ${n * d}`);
  for (const k of dims) if (!Number.isInteger(k) || k < 1) throw new Error(`layout dimensions must be positive integers, got ${k}`);
  const nEpochs = opts.nEpochs || defaultEpochs(n);
  const epochsOf: number[] = dims.map((_, idx) => opts.layoutEpochs[idx] || nEpochs);
  const proj = opts.init === 'pca' ? pcaProjection(X, n, d, Math.max(...dims)) : null;
  const starts = dims.map((k, idx) => (proj ? pcaStart(proj, k, layoutSeed(opts.seed, idx)) : randomInit(n, k, layoutSeed(opts.seed, idx))));
  if (opts.engine === 'umap-js') return umapJsLayouts(X, n, d, knn, dims, starts, epochsOf, opts, onProgress);

  const abs = dims.map((_, idx) => findAbParams(opts.spread, opts.layoutMinDist[idx] ?? opts.minDist));
  const { a, b } = abs[0];
  const graph = fuzzySimplicialSet(knn, { localConnectivity: opts.localConnectivity, setOpMixRatio: opts.setOpMixRatio } satisfies Partial<FuzzyGraphOptions>);
  const threads = Math.min(opts.threads, LAYOUT_BLOCKS);
  const alloc = (bytes: number): ArrayBufferLike => (threads > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  // the edges are kept by the longest layout's floor: an edge a shorter layout would drop samples
  // every max/w > its epochs, so it is never due there (umap-learn's drop, at the cost of a skip)
  // points renumbered so that neighbours sit close (layoutOrder.ts); the layouts come back in the input's order
  const order = localityOrder(X, n, d);
  const ordered = permuteGraph(graph, order);
  const edges = layoutEdges(ordered, Math.max(...epochsOf), alloc);
  const m = edges.head.length;
  const { blockPoints, blockEdges } = layoutBlocks(ordered, edges, LAYOUT_BLOCKS, alloc);
  // one layout's state at a time: its delta rows (LAYOUT_BLOCKS x n x k) are gone before the next is built
  const stateOf = (k: number, idx: number): LayoutKernelState => {
    const emb = new Float64Array(alloc(n * k * 8));
    const start = starts[idx];
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) emb[i * k + c] = start[order[i] * k + c];
    rescaleInit(emb, n, k);
    const snap = new Float32Array(alloc(n * k * 4));
    snap.set(emb);
    const epochOfNextSample = new Float64Array(alloc(m * 8));
    epochOfNextSample.set(edges.epochsPerSample);
    const epochOfNextNegativeSample = new Float64Array(alloc(m * 8));
    for (let e = 0; e < m; e++) epochOfNextNegativeSample[e] = edges.epochsPerSample[e] / opts.negativeSampleRate;
    const rngs = new Int32Array(alloc(LAYOUT_BLOCKS * 4));
    for (let blk = 0; blk < LAYOUT_BLOCKS; blk++) rngs[blk] = layoutSeed(opts.seed, 1000 + idx * LAYOUT_BLOCKS + blk);
    return {
      head: edges.head, tail: edges.tail, epochsPerSample: edges.epochsPerSample, epochOfNextSample, epochOfNextNegativeSample,
      emb, snap, delta: new Float64Array(alloc(LAYOUT_BLOCKS * n * k * 8)), blockPoints, blockEdges, blocks: LAYOUT_BLOCKS, rngs,
      dim: k, n, a: abs[idx].a, b: abs[idx].b, gamma: opts.repulsionStrength, lr: opts.learningRate, nEpochs: epochsOf[idx],
      negativeSampleRate: opts.negativeSampleRate,
    };
  };
  const total = epochsOf.reduce((t, e) => t + e, 0);
  let done = 0;
  const layouts: UmapLayout[] = [];
  const pool = threads > 1 ? new WorkerPool(threads) : null;
  try {
    for (const [idx, k] of dims.entries()) {
      const s = stateOf(k, idx);
      await optimizeLayout(s, pool, (epoch) => onProgress?.(done + epoch, total));
      done += s.nEpochs;
      layouts.push({ nComponents: k, embedding: inputOrder(s.emb, order, k) });
    }
  } finally {
    await pool?.close();
  }
  return { layouts, engine: 'papermap', nEpochs, layoutEpochs: epochsOf, a, b, graphEntries: graph.cols.length };
}

/** The layout (rows in the layout's order) as float32 rows in the input's order: row order[i] is layout row i. */
function inputOrder(emb: Float64Array, order: Int32Array, k: number): Float32Array {
  const out = new Float32Array(emb.length);
  for (let i = 0; i < order.length; i++) for (let c = 0; c < k; c++) out[order[i] * k + c] = emb[i * k + c];
  return out;
}

/** Blocks each layout's points are cut into: fixed, so the bytes do not depend on threads; at most this many threads share a layout. */
export const LAYOUT_BLOCKS = 8;

/**
 * Cuts the points into `blocks` ranges of about equal work, and the edges (sorted by head) with
 * them: an edge is sampled w / max w times an epoch, each time with its negative samples, so a
 * point costs the sum of its graph weights. The cut comes from the graph alone, not from the
 * edges a layout's epochs keep, so a layout's bytes do not depend on the other layouts' epochs.
 */
export function layoutBlocks(graph: LayoutGraph, edges: LayoutEdges, blocks: number, alloc: (bytes: number) => ArrayBufferLike = (b) => new ArrayBuffer(b)): { blockPoints: Int32Array; blockEdges: Int32Array } {
  const { n, rowPtr, weights } = graph;
  let total = 0;
  for (let t = 0; t < weights.length; t++) total += weights[t];
  const blockPoints = new Int32Array(alloc((blocks + 1) * 4));
  const blockEdges = new Int32Array(alloc((blocks + 1) * 4));
  let acc = 0;
  let blk = 1;
  for (let i = 0; i < n && blk < blocks; i++) {
    while (blk < blocks && acc >= (total * blk) / blocks) blockPoints[blk++] = i;
    for (let t = rowPtr[i]; t < rowPtr[i + 1]; t++) acc += weights[t];
  }
  for (; blk <= blocks; blk++) blockPoints[blk] = n;
  // each block's first edge: the first whose head is at or past the block's first point
  let e = 0;
  for (let b = 1; b <= blocks; b++) {
    while (e < edges.head.length && edges.head[e] < blockPoints[b]) e++;
    blockEdges[b] = e;
  }
  return { blockPoints, blockEdges };
}

/**
 * All epochs of one layout: each epoch every block's SGD, then every block's snapshot; block blk on
 * thread blk mod threads (the main thread is thread 0), each phase waiting for all threads.
 */
async function optimizeLayout(s: LayoutKernelState, pool: WorkerPool | null, progress: (epoch: number) => void): Promise<void> {
  const threads = pool ? pool.threads : 1;
  const lanes = Array.from({ length: threads }, (_, t) => Array.from({ length: s.blocks }, (_, b) => b).filter((b) => b % threads === t));
  const phase = async (op: 0 | 1, epoch: number): Promise<void> => {
    const others = pool ? lanes.slice(1).map((blocks, w) => pool.run(w, 'umapBlocks', { op, epoch, blocks })) : [];
    for (const blk of lanes[0]) {
      if (op === 0) optimizeBlock(s, blk, epoch);
      else snapshotBlock(s, blk);
    }
    await Promise.all(others);
  };
  const hand = (state: LayoutKernelState | null): Promise<number[]> => Promise.all(Array.from({ length: pool?.size ?? 0 }, (_, w) => (pool as WorkerPool).run(w, 'umapState', { state })));
  await hand(s);
  for (let epoch = 0; epoch < s.nEpochs; epoch++) {
    await phase(0, epoch);
    await phase(1, epoch);
    if (epoch % 5 === 4 || epoch === s.nEpochs - 1) progress(epoch + 1);
  }
  await hand(null); // the workers let go of the layout's arrays
}

/**
 * The umap-js engine: one UMAP per layout, fed the precomputed kNN (setPrecomputedKNN), seeded
 * through its `random` option (mulberry32), started from our initial layout (written into the
 * embedding umap-js exposes after initializeFit; umap-js keeps it in [-10, 10]), stepped epoch by
 * epoch. umap-js builds its own fuzzy graph per instance (a Map keyed by strings): it cannot share one.
 */
async function umapJsLayouts(X: Float32Array, n: number, d: number, knn: KnnGraph, dims: readonly number[], starts: Float64Array[], epochsOf: readonly number[], opts: UmapOptions, onProgress?: Progress): Promise<UmapResult> {
  const nested = knnToNested(knn);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(X.subarray(i * d, i * d + d)));
  const total = epochsOf.reduce((t, e) => t + e, 0);
  let base = 0;
  const layouts: UmapLayout[] = [];
  let ab = { a: 0, b: 0 };
  for (let idx = 0; idx < dims.length; idx++) {
    const k = dims[idx];
    const nEpochs = epochsOf[idx];
    const umap = new UMAP({
      nComponents: k, nNeighbors: knn.k, nEpochs, minDist: opts.layoutMinDist[idx] ?? opts.minDist, spread: opts.spread,
      learningRate: opts.learningRate, negativeSampleRate: opts.negativeSampleRate,
      repulsionStrength: opts.repulsionStrength, localConnectivity: opts.localConnectivity,
      setOpMixRatio: opts.setOpMixRatio, random: mulberry32(layoutSeed(opts.seed, 200 + idx)),
    });
    umap.setPrecomputedKNN(nested.indices, nested.distances);
    const epochs = umap.initializeFit(rows);
    if (opts.init === 'pca') {
      const start = starts[idx];
      const emb = umap.getEmbedding(); // the live array umap-js optimises in place
      for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) emb[i][t] = start[i * k + t];
    }
    for (let e = 0; e < epochs; e++) {
      umap.step();
      if (e % 10 === 9 || e === epochs - 1) onProgress?.(base + e + 1, total);
    }
    base += nEpochs;
    const emb = umap.getEmbedding();
    const out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) out[i * k + t] = emb[i][t];
    layouts.push({ nComponents: k, embedding: out });
    ab = findAbParams(opts.spread, opts.minDist);
  }
  return { layouts, engine: 'umap-js', nEpochs: epochsOf[0], layoutEpochs: [...epochsOf], a: ab.a, b: ab.b, graphEntries: 0 };
}
