// Clustering quality figures as scikit-learn defines them: silhouette, homogeneity/completeness/V-measure, ARI, NMI.
import { SETTING_DEFAULTS } from '../config.ts';
//
// Label comparisons go through the contingency table n_ck (points of class c in cluster k), with
// entropies in nats:
//   H(C) = -Σ_c (n_c/n) ln(n_c/n),  H(C|K) = -Σ_ck (n_ck/n) ln(n_ck/n_k)
//   homogeneity h = 1 - H(C|K)/H(C) (1 when H(C) = 0), completeness c = 1 - H(K|C)/H(K),
//   V-measure = (1 + β) h c / (β h + c) (β = 1: their harmonic mean; 0 when h + c = 0);
//   MI = Σ_ck (n_ck/n) ln(n n_ck / (n_c n_k)),  NMI = MI / mean(H(C), H(K)) (arithmetic, sklearn's default);
//   ARI = (Σ C(n_ck,2) - E) / (½(Σ_c C(n_c,2) + Σ_k C(n_k,2)) - E),  E = Σ_c C(n_c,2) Σ_k C(n_k,2) / C(n,2).
import { createRng } from './random.ts';

/** Labels as dense ids 0..m-1 in order of first appearance, and m. */
function dense(labels: ArrayLike<number>): { ids: Int32Array; m: number } {
  const map = new Map<number, number>();
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let v = map.get(labels[i]);
    if (v === undefined) { v = map.size; map.set(labels[i], v); }
    ids[i] = v;
  }
  return { ids, m: map.size };
}

interface Contingency {
  n: number;
  nc: number;
  nk: number;
  /** nc x nk counts, row-major. */
  table: Float64Array;
  rowSums: Float64Array;
  colSums: Float64Array;
}

function contingency(truth: ArrayLike<number>, pred: ArrayLike<number>): Contingency {
  if (truth.length !== pred.length) throw new Error(`label arrays differ in length: ${truth.length} vs ${pred.length}`);
  const a = dense(truth), b = dense(pred);
  const table = new Float64Array(a.m * b.m);
  const rowSums = new Float64Array(a.m), colSums = new Float64Array(b.m);
  for (let i = 0; i < truth.length; i++) {
    table[a.ids[i] * b.m + b.ids[i]]++;
    rowSums[a.ids[i]]++;
    colSums[b.ids[i]]++;
  }
  return { n: truth.length, nc: a.m, nk: b.m, table, rowSums, colSums };
}

function entropy(counts: Float64Array, n: number): number {
  let h = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) { const p = counts[i] / n; h -= p * Math.log(p); }
  return h;
}

function mutualInfo(t: Contingency): number {
  let mi = 0;
  for (let c = 0; c < t.nc; c++) {
    for (let k = 0; k < t.nk; k++) {
      const v = t.table[c * t.nk + k];
      if (v > 0) mi += (v / t.n) * Math.log((t.n * v) / (t.rowSums[c] * t.colSums[k]));
    }
  }
  return Math.max(0, mi);
}

export interface LabelAgreement {
  homogeneity: number;
  completeness: number;
  vMeasure: number;
  adjustedRandIndex: number;
  normalizedMutualInfo: number;
}

/** Homogeneity, completeness and V-measure (beta weighs completeness; scikit-learn's homogeneity_completeness_v_measure). */
export function homogeneityCompletenessV(truth: ArrayLike<number>, pred: ArrayLike<number>, beta = 1): { homogeneity: number; completeness: number; vMeasure: number } {
  const t = contingency(truth, pred);
  if (t.n === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const hC = entropy(t.rowSums, t.n), hK = entropy(t.colSums, t.n);
  const mi = mutualInfo(t);
  const homogeneity = hC > 0 ? mi / hC : 1;
  const completeness = hK > 0 ? mi / hK : 1;
  const vMeasure = homogeneity + completeness === 0 ? 0 : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}

export function vMeasure(truth: ArrayLike<number>, pred: ArrayLike<number>, beta = 1): number {
  return homogeneityCompletenessV(truth, pred, beta).vMeasure;
}

/** NMI with the arithmetic mean of the two entropies (scikit-learn's default average_method). */
export function normalizedMutualInfo(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  const t = contingency(truth, pred);
  if (t.nc === 1 && t.nk === 1) return 1;
  if (t.nc === 1 || t.nk === 1) return 0;
  const hC = entropy(t.rowSums, t.n), hK = entropy(t.colSums, t.n);
  const denom = (hC + hK) / 2;
  return denom > 0 ? mutualInfo(t) / denom : 1;
}

const comb2 = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand index (scikit-learn's adjusted_rand_score; 1 for identical partitions up to renaming). */
export function adjustedRandIndex(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  const t = contingency(truth, pred);
  if (t.n < 2) return 1;
  // special cases as scikit-learn: both all-one-cluster or both all-singletons
  if ((t.nc === 1 && t.nk === 1) || (t.nc === t.n && t.nk === t.n)) return 1;
  let sumCells = 0, sumRows = 0, sumCols = 0;
  for (let i = 0; i < t.table.length; i++) sumCells += comb2(t.table[i]);
  for (let c = 0; c < t.nc; c++) sumRows += comb2(t.rowSums[c]);
  for (let k = 0; k < t.nk; k++) sumCols += comb2(t.colSums[k]);
  const expected = (sumRows * sumCols) / comb2(t.n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 0 : (sumCells - expected) / (max - expected);
}

/** All label-agreement figures at once. */
export function labelAgreement(truth: ArrayLike<number>, pred: ArrayLike<number>): LabelAgreement {
  return { ...homogeneityCompletenessV(truth, pred), adjustedRandIndex: adjustedRandIndex(truth, pred), normalizedMutualInfo: normalizedMutualInfo(truth, pred) };
}

export interface SilhouetteOptions {
  /** 'euclidean' (scikit-learn's default) or 'cosine' (1 - cos, for unnormalised or LSA rows). */
  metric: 'euclidean' | 'cosine';
  /** Score a seeded random sample of this many points (distances among the sample only, as silhouette_score(sample_size=...)); 0 = all. */
  sampleSize: number;
  seed: number;
}

export const SILHOUETTE_DEFAULTS: Readonly<SilhouetteOptions> = Object.freeze({ metric: 'euclidean' as const, sampleSize: 0, seed: SETTING_DEFAULTS.seed });

/**
 * Mean silhouette: for point i in cluster A, a(i) = mean distance to the other points of A,
 * b(i) = min over other clusters B of the mean distance to B's points, s(i) = (b - a) / max(a, b),
 * and s(i) = 0 when A has one point. Needs at least 2 and at most n - 1 clusters. O(m² d) for m points scored.
 */
export function silhouetteScore(X: Float32Array | Float64Array, n: number, d: number, labels: ArrayLike<number>, options: Partial<SilhouetteOptions> = {}): number {
  const opts = { ...SILHOUETTE_DEFAULTS, ...options };
  if (X.length !== n * d || labels.length !== n) throw new Error(`silhouette: X is ${X.length} values and labels ${labels.length} for ${n} x ${d}`);
  let rows: Int32Array;
  if (opts.sampleSize > 0 && opts.sampleSize < n) {
    // seeded partial Fisher-Yates, like numpy's permutation(n)[:sample_size] in spirit
    const rng = createRng(opts.seed);
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < opts.sampleSize; i++) { const j = i + rng.int(n - i); const t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    rows = perm.slice(0, opts.sampleSize);
  } else {
    rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
  }
  const m = rows.length;
  const { ids, m: nClusters } = dense(Array.from(rows, (r) => labels[r]));
  if (nClusters < 2 || nClusters > m - 1) throw new Error(`silhouette needs 2 to ${m - 1} clusters among the points scored, got ${nClusters}`);
  const size = new Float64Array(nClusters);
  for (let i = 0; i < m; i++) size[ids[i]]++;
  const norms = new Float64Array(m);
  if (opts.metric === 'cosine') {
    for (let i = 0; i < m; i++) { let s = 0; const o = rows[i] * d; for (let c = 0; c < d; c++) s += X[o + c] * X[o + c]; norms[i] = Math.sqrt(s); }
  }
  const sums = new Float64Array(nClusters);
  let total = 0;
  for (let i = 0; i < m; i++) {
    sums.fill(0);
    const oi = rows[i] * d;
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      const oj = rows[j] * d;
      let dist: number;
      if (opts.metric === 'cosine') {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += X[oi + c] * X[oj + c];
        const den = norms[i] * norms[j];
        dist = den > 0 ? Math.max(0, 1 - dot / den) : 1;
      } else {
        let s = 0;
        for (let c = 0; c < d; c++) { const t = X[oi + c] - X[oj + c]; s += t * t; }
        dist = Math.sqrt(s);
      }
      sums[ids[j]] += dist;
    }
    const own = ids[i];
    if (size[own] <= 1) continue; // s(i) = 0
    const a = sums[own] / (size[own] - 1);
    let b = Infinity;
    for (let c = 0; c < nClusters; c++) if (c !== own && size[c] > 0) b = Math.min(b, sums[c] / size[c]);
    const den = Math.max(a, b);
    total += den > 0 ? (b - a) / den : 0;
  }
  return total / m;
}

/**
 * Neighbourhood preservation of a layout: over the scored points, the mean share of each point's
 * k nearest neighbours in the input (euclidean on X, which for l2-normalised rows orders as cosine)
 * that are also among its k nearest in the layout Y. Exact, O(m n (d + dims)) for m scored points
 * (`rows`, default all): for tests and sampled checks.
 */
export function neighbourhoodPreservation(X: Float32Array, d: number, Y: Float32Array, dims: number, n: number, k: number, rows?: Int32Array): number {
  const scored = rows ?? Int32Array.from({ length: n }, (_, i) => i);
  const nearest = (Z: Float32Array, dz: number, i: number): Set<number> => {
    const dist = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < dz; c++) { const t = Z[i * dz + c] - Z[j * dz + c]; s += t * t; }
      dist[j] = s;
    }
    dist[i] = Infinity;
    const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => dist[a] - dist[b] || a - b);
    return new Set(order.slice(0, k));
  };
  let total = 0;
  for (const i of scored) {
    const a = nearest(X, d, i), b = nearest(Y, dims, i);
    let hit = 0;
    for (const j of a) if (b.has(j)) hit++;
    total += hit / k;
  }
  return total / scored.length;
}
