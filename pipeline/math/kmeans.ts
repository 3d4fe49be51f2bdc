// k-means with seeded greedy k-means++ and restarts (Hamerly-bounded Lloyd on typed arrays, or ml-kmeans), and k chosen by silhouette.
import { SETTING_DEFAULTS } from '../config.ts';
//
// Hamerly's bounds (2010) skip most distance computations without changing any assignment: per
// point an upper bound u on the distance to its centre and a lower bound l on the distance to the
// second-closest; with s(j) = half the distance from centre j to its nearest other centre, a point
// keeps its centre when u <= max(s(a), l). After centres move by p(j), u += p(a) and l -= max p.
// Results equal plain Lloyd's (ties aside). Convergence as scikit-learn: the summed squared centre
// shift falls to tol times the mean per-feature variance, or no label changes.
import { kmeans as mlKmeans } from 'ml-kmeans';
import { silhouetteScore } from './metrics.ts';
import { createRng, type Rng } from './random.ts';

export type KmeansEngine = 'papermap' | 'ml-kmeans';

export interface KmeansOptions {
  engine: KmeansEngine;
  /** Restarts, each from its own k-means++ start; the lowest inertia wins (ties: the earliest). */
  nInit: number;
  maxIter: number;
  /** Relative tolerance on the centre shift (scikit-learn's tol). */
  tol: number;
  seed: number;
}

export const KMEANS_DEFAULTS: Readonly<KmeansOptions> = Object.freeze({ engine: SETTING_DEFAULTS.kmeansEngine, nInit: SETTING_DEFAULTS.nInit, maxIter: 300, tol: 1e-4, seed: SETTING_DEFAULTS.seed });

export interface KmeansResult {
  k: number;
  /** Cluster of each point, 0..k-1. */
  labels: Int32Array;
  /** k x d, row-major. */
  centroids: Float64Array;
  /** Sum of squared distances of the points to their centres. */
  inertia: number;
  /** Lloyd iterations of the winning restart. */
  nIter: number;
  /** Inertia of each restart, in order. */
  restartInertias: Float64Array;
}

export type Progress = (done: number, total: number) => void;

export function resolveKmeansOptions(opts: Partial<KmeansOptions> = {}): KmeansOptions {
  const o: KmeansOptions = { ...KMEANS_DEFAULTS, ...opts };
  if (o.engine !== 'papermap' && o.engine !== 'ml-kmeans') throw new Error(`engine must be 'papermap' or 'ml-kmeans', got ${String(o.engine)}`);
  if (!Number.isInteger(o.nInit) || o.nInit < 1) throw new Error(`nInit must be an integer >= 1, got ${o.nInit}`);
  if (!Number.isInteger(o.maxIter) || o.maxIter < 1) throw new Error(`maxIter must be an integer >= 1, got ${o.maxIter}`);
  if (!(o.tol >= 0)) throw new Error(`tol must be >= 0, got ${o.tol}`);
  if (!Number.isFinite(o.seed)) throw new Error(`seed must be a number, got ${o.seed}`);
  return o;
}

/** Squared distance of row i of X to row j of C, summed in four interleaved lanes (independent add chains: ~3x faster in 100-d). */
function sqDist(X: Float32Array | Float64Array, i: number, C: Float64Array, j: number, d: number): number {
  const a = i * d, b = j * d;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let c = 0;
  for (; c + 3 < d; c += 4) {
    const t0 = X[a + c] - C[b + c], t1 = X[a + c + 1] - C[b + c + 1], t2 = X[a + c + 2] - C[b + c + 2], t3 = X[a + c + 3] - C[b + c + 3];
    s0 += t0 * t0; s1 += t1 * t1; s2 += t2 * t2; s3 += t3 * t3;
  }
  for (; c < d; c++) { const t = X[a + c] - C[b + c]; s0 += t * t; }
  return (s0 + s1) + (s2 + s3);
}

/**
 * Greedy k-means++ (scikit-learn's _kmeans_plusplus): the first centre uniformly, then each next
 * one the best (lowest potential) of 2 + ⌊ln k⌋ candidates drawn with probability ∝ D(x)².
 */
export function kmeansPlusPlus(X: Float32Array | Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const C = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  for (let c = 0; c < d; c++) C[c] = X[first * d + c];
  const closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) { closest[i] = sqDist(X, i, C, 0, d); pot += closest[i]; }
  const cand = new Float64Array(n);
  const best = new Float64Array(n);
  const cum = new Float64Array(n);
  for (let j = 1; j < k; j++) {
    let acc = 0;
    for (let i = 0; i < n; i++) { acc += closest[i]; cum[i] = acc; }
    let bestPot = Infinity, bestIdx = -1;
    for (let t = 0; t < trials; t++) {
      const r = rng.uniform() * acc;
      let lo = 0, hi = n - 1;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] <= r) lo = mid + 1; else hi = mid; }
      const idx = acc > 0 ? lo : rng.int(n);
      let p = 0;
      const o = idx * d;
      for (let i = 0; i < n; i++) {
        const a = i * d;
        let s = 0;
        for (let c = 0; c < d; c++) { const v = X[a + c] - X[o + c]; s += v * v; }
        cand[i] = s < closest[i] ? s : closest[i];
        p += cand[i];
      }
      if (p < bestPot) { bestPot = p; bestIdx = idx; best.set(cand); }
    }
    for (let c = 0; c < d; c++) C[j * d + c] = X[bestIdx * d + c];
    closest.set(best);
    pot = bestPot;
  }
  void pot;
  return C;
}

/** Mean of the per-feature variances (scikit-learn scales tol by it). */
function meanVariance(X: Float32Array | Float64Array, n: number, d: number): number {
  let total = 0;
  for (let c = 0; c < d; c++) {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const v = X[i * d + c]; s += v; s2 += v * v; }
    const mean = s / n;
    total += Math.max(0, s2 / n - mean * mean);
  }
  return total / d;
}

/** Lloyd iterations from the given centres with Hamerly's bounds; returns labels, centres, inertia, iterations. */
export function lloydHamerly(X: Float32Array | Float64Array, n: number, d: number, init: Float64Array, k: number, maxIter: number, tolAbs: number): { labels: Int32Array; centroids: Float64Array; inertia: number; nIter: number } {
  const C = Float64Array.from(init);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n), lower = new Float64Array(n);
  const sums = new Float64Array(k * d), counts = new Float64Array(k);
  const half = new Float64Array(k), moved = new Float64Array(k);
  const old = new Float64Array(k * d);
  const fullScan = (i: number): void => {
    let b1 = Infinity, b2 = Infinity, a = 0;
    for (let j = 0; j < k; j++) {
      const s = sqDist(X, i, C, j, d);
      if (s < b1) { b2 = b1; b1 = s; a = j; } else if (s < b2) b2 = s;
    }
    labels[i] = a;
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
  };
  for (let i = 0; i < n; i++) fullScan(i);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    // new centres: sums in point order (deterministic); an empty cluster takes the point farthest from its centre
    sums.fill(0); counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = labels[i], o = i * d, p = j * d;
      counts[j]++;
      for (let c = 0; c < d; c++) sums[p + c] += X[o + c];
    }
    old.set(C);
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) {
        let far = -1, farD = -1;
        for (let i = 0; i < n; i++) if (counts[labels[i]] > 1 && upper[i] > farD) { farD = upper[i]; far = i; }
        if (far >= 0) {
          counts[labels[far]]--;
          for (let c = 0; c < d; c++) { sums[labels[far] * d + c] -= X[far * d + c]; sums[j * d + c] = X[far * d + c]; }
          counts[j] = 1;
          labels[far] = j;
          upper[far] = 0; lower[far] = 0;
        }
      }
    }
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) continue;
      for (let c = 0; c < d; c++) C[j * d + c] = sums[j * d + c] / counts[j];
    }
    let shift = 0, maxMove = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) { const t = C[j * d + c] - old[j * d + c]; s += t * t; }
      shift += s;
      moved[j] = Math.sqrt(s);
      if (moved[j] > maxMove) maxMove = moved[j];
    }
    for (let i = 0; i < n; i++) { upper[i] += moved[labels[i]]; lower[i] -= maxMove; }
    for (let j = 0; j < k; j++) {
      let m = Infinity;
      for (let t = 0; t < k; t++) if (t !== j) m = Math.min(m, sqDist(C, j, C, t, d));
      half[j] = Math.sqrt(m) / 2;
    }
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      const bound = Math.max(half[a], lower[i]);
      if (upper[i] <= bound) continue;
      upper[i] = Math.sqrt(sqDist(X, i, C, a, d));
      if (upper[i] <= bound) continue;
      fullScan(i);
      if (labels[i] !== a) changed++;
    }
    if (changed === 0 || shift <= tolAbs) { iter++; break; }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(X, i, C, labels[i], d);
  return { labels, centroids: C, inertia, nIter: iter };
}

/**
 * k-means with nInit seeded restarts (each restart r draws from its own generator, seed + r),
 * keeping the lowest inertia. engine 'ml-kmeans' runs the library once per restart with its own
 * k-means++ (seed + r) and the same iteration cap and tolerance; labels/inertia are then taken
 * from its centres. Progress counts restarts.
 */
export function kmeans(X: Float32Array | Float64Array, n: number, d: number, k: number, options: Partial<KmeansOptions> = {}, onProgress?: Progress): KmeansResult {
  const opts = resolveKmeansOptions(options);
  if (X.length !== n * d) throw new Error(`X has ${X.length} values, expected n * d = ${n * d}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`k must be an integer in [1, ${n}], got ${k}`);
  const tolAbs = opts.tol * meanVariance(X, n, d);
  const restartInertias = new Float64Array(opts.nInit);
  let best: { labels: Int32Array; centroids: Float64Array; inertia: number; nIter: number } | null = null;
  let rows: number[][] | null = null;
  for (let r = 0; r < opts.nInit; r++) {
    let res: { labels: Int32Array; centroids: Float64Array; inertia: number; nIter: number };
    if (opts.engine === 'papermap') {
      const init = kmeansPlusPlus(X, n, d, k, createRng(opts.seed + r));
      res = lloydHamerly(X, n, d, init, k, opts.maxIter, tolAbs);
    } else {
      rows ??= Array.from({ length: n }, (_, i) => Array.from(X.subarray(i * d, i * d + d)));
      const out = mlKmeans(rows, k, { initialization: 'kmeans++', seed: opts.seed + r, maxIterations: opts.maxIter, tolerance: tolAbs });
      const centroids = new Float64Array(k * d);
      for (const [j, c] of out.centroids.entries()) centroids.set(c, j * d);
      const labels = Int32Array.from(out.clusters);
      let inertia = 0;
      for (let i = 0; i < n; i++) inertia += sqDist(X, i, centroids, labels[i], d);
      res = { labels, centroids, inertia, nIter: out.iterations };
    }
    restartInertias[r] = res.inertia;
    if (best === null || res.inertia < best.inertia) best = res;
    onProgress?.(r + 1, opts.nInit);
  }
  const b = best as NonNullable<typeof best>;
  return { k, labels: b.labels, centroids: b.centroids, inertia: b.inertia, nIter: b.nIter, restartInertias };
}

export interface KCurvePoint {
  k: number;
  silhouette: number;
  inertia: number;
}

export interface ChooseKOptions extends KmeansOptions {
  /** Points scored by the silhouette (a seeded sample above this; 0 = all). */
  sampleSize: number;
  metric: 'euclidean' | 'cosine';
}

export const CHOOSE_K_DEFAULTS: Readonly<Omit<ChooseKOptions, keyof KmeansOptions>> = Object.freeze({ sampleSize: 5000, metric: 'euclidean' as const });

/**
 * k-means for every k in kRange and the silhouette of each (sampled as scikit-learn's
 * silhouette_score(sample_size=...), the same seeded sample for every k); the best k has the
 * highest silhouette (ties: the smaller k). Returns the curve, the best k and its clustering.
 */
export function chooseK(X: Float32Array | Float64Array, n: number, d: number, kRange: readonly number[], seed: number, options: Partial<ChooseKOptions> = {}, onProgress?: Progress): { curve: KCurvePoint[]; bestK: number; best: KmeansResult } {
  if (kRange.length === 0) throw new Error('kRange is empty');
  const opts = { ...KMEANS_DEFAULTS, ...CHOOSE_K_DEFAULTS, ...options, seed };
  const curve: KCurvePoint[] = [];
  let best: KmeansResult | null = null;
  let bestScore = -Infinity;
  kRange.forEach((k, idx) => {
    const res = kmeans(X, n, d, k, opts);
    const silhouette = k >= 2 ? silhouetteScore(X, n, d, res.labels, { sampleSize: opts.sampleSize, seed, metric: opts.metric }) : -1;
    curve.push({ k, silhouette, inertia: res.inertia });
    if (silhouette > bestScore) { bestScore = silhouette; best = res; }
    onProgress?.(idx + 1, kRange.length);
  });
  const b = best as unknown as KmeansResult;
  return { curve, bestK: b.k, best: b };
}
