// Stage cluster: k-means (k-means++ starts, restarts) in the chosen space; k given or picked by silhouette; topics numbered by size.
import type { Stage, StageContext, StageResult } from './stage.ts';
import { chooseK, kmeans, type ChooseKOptions, type KCurvePoint, type KmeansResult } from '../math/kmeans.ts';
import { silhouetteScore } from '../math/metrics.ts';
import { arraysOutputs } from '../io/arrays.ts';
import { clusteringSpace, type Clusters } from '../artifacts/clusters.ts';
import { tooFewNote, tooFewToCluster } from './smallRun.ts';
import { mergeNearDuplicates, REFINE_DEFAULTS, rowCosine, splitSeparated, type MergeRecord, type SplitRecord } from '../math/refine.ts';
import { classTfidf } from '../text/ctfidf.ts';
import { keptTerms } from '../artifacts/tfidf.ts';
import { UsageError } from '../config.ts';
import { sampleRows } from '../math/random.ts';
import { gatherRows } from '../math/dense.ts';

/** Points the silhouette scores (a seeded sample above this, as scikit-learn's sample_size). */
const SILHOUETTE_SAMPLE = 5000;

/** Renumber clusters by size, largest first (ties: the lower old id), so topic 0 is the biggest. */
export function numberBySize(res: KmeansResult, d: number): { labels: Int32Array; centroids: Float64Array; sizes: number[] } {
  const k = res.k;
  const sizes = new Array<number>(k).fill(0);
  for (const l of res.labels) sizes[l]++;
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const newId = new Int32Array(k);
  order.forEach((old, i) => {
    newId[old] = i;
  });
  const labels = res.labels.map((l) => newId[l]);
  const centroids = new Float64Array(k * d);
  for (let old = 0; old < k; old++) centroids.set(res.centroids.subarray(old * d, old * d + d), newId[old] * d);
  return { labels, centroids, sizes: order.map((o) => sizes[o]) };
}

/** A handful of papers: one topic holding them all, its centre their mean, no silhouette (it needs two topics). */
function oneTopic(X: Float32Array, n: number, d: number, space: Clusters['space']): StageResult {
  const labels = new Int32Array(n);
  const centroids = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) centroids[c] += X[i * d + c] / n;
  const meta: Omit<Clusters, 'labels' | 'centroids'> = {
    k: 1, dims: d, space, sizes: [n], silhouette: NaN, curve: [], tooFew: true,
  };
  return {
    outputs: arraysOutputs('clusters', { arrays: { labels, centroids }, meta: { ...meta, silhouette: null, inertia: null } }),
    counts: { docs: n, k: 1, largest: n, smallest: n },
    meta: { tooFew: true },
    summary: `1 topic: ${tooFewNote(n)}`,
  };
}

/**
 * Above this many papers k is chosen on a seeded sample of this many (every k of the range, each
 * with its restarts), and only the chosen k runs on all papers. At 1M papers choosing on all rows
 * took 18 of the run's 60 minutes; a topic of 1% of the papers still has 500 in the sample.
 */
export const CHOOSE_K_ROWS = 50_000;

/**
 * k chosen over `range` (the plateau of the silhouette curve) on at most `limit` rows of X, a
 * seeded sample above it, then k-means with that k on all rows (the curve's own clustering when
 * it ran on all of them). Progress counts the curve's k and, after a sample, the final run.
 */
export function chooseKOnRows(X: Float32Array, n: number, d: number, range: readonly number[], opts: Partial<ChooseKOptions> & { seed: number }, limit: number, progress?: (done: number, total: number) => void): { curve: KCurvePoint[]; k: number; rows: number; res: KmeansResult } {
  const rows = n > limit ? sampleRows(n, limit, opts.seed) : null;
  const Xk = rows ? gatherRows(X, d, rows) : X;
  const nk = rows ? rows.length : n;
  const extra = rows ? 1 : 0;
  const chosen = chooseK(Xk, nk, d, range, opts.seed, opts, (done, total) => progress?.(done, total + extra));
  const k = plateauK(chosen.curve, K_TOLERANCE);
  const res = k === chosen.bestK && !rows ? chosen.best : kmeans(X, n, d, k, opts);
  if (rows) progress?.(range.length + 1, range.length + 1);
  return { curve: chosen.curve, k, rows: nk, res };
}

/** A silhouette difference this small between two k is within the noise of seeds and samples. */
export const K_TOLERANCE = 0.02;

/** Half-width of the running mean that smooths the silhouette curve (a k and the 2 on each side). */
const SMOOTH_HALF_WIDTH = 2;

/** The silhouette curve as a running mean over each k and its neighbours (fewer at the ends). */
export function smoothedCurve(curve: readonly KCurvePoint[], half = SMOOTH_HALF_WIDTH): number[] {
  return curve.map((_, i) => {
    const win = curve.slice(Math.max(0, i - half), i + half + 1);
    return win.reduce((a, p) => a + p.silhouette, 0) / win.length;
  });
}

/**
 * The k of a silhouette curve that neither drifts to the top of its range nor falls to a coarse
 * split at its bottom: the start of the last stretch of the smoothed curve within `tolerance` of
 * its best (the smallest k from which every larger k up to the stretch's end stays there). A UMAP layout's
 * silhouette creeps up with k and wanders at the top; smoothing keeps one noisy k from deciding,
 * and the plateau keeps the high silhouette of 4 or 5 macro-topics at the bottom from winning.
 * (The stretch once had to reach the range's top, and when the curve fell after its best the top
 * was chosen: on the synthetic 100k corpus it peaked at k 22 and fell to 0.31 at 30, the k chosen.)
 */
export function plateauK(curve: readonly KCurvePoint[], tolerance: number): number {
  const s = smoothedCurve(curve);
  const best = Math.max(...s);
  let i = s.length - 1;
  while (s[i] < best - tolerance) i--; // past a fall at the top of the range
  while (i > 0 && s[i - 1] >= best - tolerance) i--;
  return curve[i].k;
}

/** After a chosen k: split well-separated groups (geometry), then merge topics whose words nearly repeat (vocabulary). */
function refine(ctx: StageContext, X: Float32Array, n: number, d: number, res: KmeansResult): { res: KmeansResult; record: NonNullable<Clusters['refinement']> } {
  const { corpus, nTerms, keep } = keptTerms(ctx);
  const weightsOf = (labels: Int32Array, k: number): Float32Array =>
    classTfidf(corpus.docOffsets, corpus.tokens, labels, k, nTerms, keep).weights;
  // A part is about something else than the rest of its topic when their words differ at least as much
  // as three in four pairs of the run's topics do (the upper quartile of their c-TF-IDF cosines).
  const base = weightsOf(res.labels, res.k);
  const pairCos: number[] = [];
  for (let a = 0; a < res.k; a++) for (let b = a + 1; b < res.k; b++) pairCos.push(rowCosine(base, nTerms, a, b));
  pairCos.sort((x, y) => x - y);
  const typical = pairCos.length ? pairCos[Math.floor(pairCos.length * 0.75)] : 0;
  const split = splitSeparated(X, n, d, res.labels, res.k, ctx.settings.seed, (trial, c, into) =>
    rowCosine(weightsOf(trial, into + 1), nTerms, c, into) <= typical,
  );
  const ct = { weights: weightsOf(split.labels, split.k) };
  const merged = mergeNearDuplicates(split.labels, split.k, ct.weights, nTerms);
  const k = merged.k;
  const centroids = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const c = merged.labels[i];
    sizes[c]++;
    for (let j = 0; j < d; j++) centroids[c * d + j] += X[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centroids[c * d + j] /= sizes[c];
  for (let i = 0; i < n; i++) {
    const c = merged.labels[i];
    for (let j = 0; j < d; j++) inertia += (X[i * d + j] - centroids[c * d + j]) ** 2;
  }
  return {
    res: { ...res, k, labels: merged.labels, centroids, inertia },
    record: { splits: split.splits, merges: merged.merges },
  };
}

function refinementNote(r: Clusters['refinement']): string {
  if (!r || (r.splits.length === 0 && r.merges.length === 0)) return '';
  return `; then ${r.splits.length} topic${r.splits.length === 1 ? '' : 's'} split in two (well-separated groups whose words differ as much as most pairs of topics) and ${r.merges.length} near-duplicate pair${r.merges.length === 1 ? '' : 's'} merged (c-TF-IDF cosine above ${REFINE_DEFAULTS.mergeCosine})`;
}

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  const { X, n, d } = clusteringSpace(ctx);
  if (tooFewToCluster(n)) return oneTopic(X, n, d, s.clusterSpace);
  const opts = { engine: s.kmeansEngine, nInit: s.nInit, seed: s.seed };
  let res: KmeansResult;
  let curve: KCurvePoint[] = [];
  let chosenK: number | null = null;
  let edge: 'low' | 'high' | null = null;
  let refinement: Clusters['refinement'];
  let curveRows = n;
  const tick = ctx.report.ticker('cluster', 1);
  if (s.k !== null) {
    if (s.k >= n) throw new UsageError(`--k ${s.k} needs more papers than the ${n} in this run; give a smaller --k, or leave k auto`);
    res = kmeans(X, n, d, s.k, opts, (done, total) => tick.update(done, total));
  } else {
    const hi = Math.max(2, Math.min(s.kMax, Math.floor(n / 3)));
    const lo = Math.min(s.kMin, hi);
    const range = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
    const chosen = chooseKOnRows(X, n, d, range, { ...opts, sampleSize: SILHOUETTE_SAMPLE }, CHOOSE_K_ROWS, (done, total) => tick.update(done, total));
    ({ curve, k: chosenK, rows: curveRows } = chosen);
    res = chosen.res;
    edge = chosenK === range[0] ? 'low' : chosenK === range[range.length - 1] ? 'high' : null;
    const refined = refine(ctx, X, n, d, res);
    res = refined.res;
    refinement = refined.record;
  }
  tick.end();
  const { labels, centroids, sizes } = numberBySize(res, d);
  // refinement can merge every topic into one (papers that all say the same): no silhouette then, not a crash
  const silhouette = res.k >= 2 ? silhouetteScore(X, n, d, labels, { sampleSize: SILHOUETTE_SAMPLE, seed: s.seed }) : Number.NaN;
  const how =
    s.k !== null
      ? 'k given'
      : `k ${chosenK} chosen over ${curve[0].k}..${curve[curve.length - 1].k}${curveRows < n ? ` on a sample of ${curveRows} papers` : ''} (where the silhouette, averaged over neighbouring k, starts its last stretch within ${K_TOLERANCE} of its best)` +
        (edge ? `, at the ${edge === 'low' ? 'low' : 'high'} edge of the range: widen --k-${edge === 'low' ? 'min' : 'max'} or give --k` : '') +
        refinementNote(refinement);
  const meta: Omit<Clusters, 'labels' | 'centroids'> = {
    k: res.k,
    dims: d,
    space: s.clusterSpace,
    sizes,
    silhouette: Math.round(silhouette * 1e6) / 1e6,
    curve: curve.map((p) => ({ k: p.k, silhouette: Math.round(p.silhouette * 1e6) / 1e6, inertia: p.inertia })),
    ...(chosenK !== null ? { chosenK, edge, refinement, chosenOnRows: curveRows } : {}),
    how,
  };

  return {
    outputs: arraysOutputs('clusters', { arrays: { labels, centroids }, meta: { ...meta, inertia: res.inertia } }),
    counts: { docs: n, k: res.k, largest: sizes[0], smallest: sizes[sizes.length - 1] },
    meta: { silhouette: meta.silhouette, inertia: res.inertia, restartInertias: Array.from(res.restartInertias) },
    summary:
      res.k >= 2
        ? `${res.k} topics in the ${s.clusterSpace} space (${how}), sizes ${sizes[0]}..${sizes[sizes.length - 1]}, silhouette ${silhouette.toFixed(3)}`
        : `1 topic in the ${s.clusterSpace} space (${how}): the topics found were merged into one, as their words are alike; no silhouette`,
  };
}

export const cluster: Stage = {
  name: 'cluster',
  about: 'k-means topics, k chosen by silhouette unless given',
  reads: ['lsa.json', 'lsa.bin', 'vectors.json', 'vectors.bin', 'umap.json', 'umap.bin', 'tokens.json', 'tokens.bin', 'vocabulary.json'],
  run,
};
