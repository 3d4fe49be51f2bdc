// UMAP's fuzzy simplicial set from a precomputed kNN graph (CSR on typed arrays) and its a, b curve fit.
import type { KnnGraph } from './knn.ts';

/**
 * Symmetric fuzzy graph in CSR form: row i's neighbours cols[rowPtr[i] .. rowPtr[i+1]) (increasing)
 * with membership strengths weights[same range] in (0, 1].
 */
export interface FuzzyGraph {
  n: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  weights: Float32Array;
  /** Per-point bandwidth σ_i and distance to the nearest neighbour ρ_i (umap's sigmas, rhos). */
  sigmas: Float32Array;
  rhos: Float32Array;
}

export interface FuzzyGraphOptions {
  /** Neighbours assumed locally connected (umap's local_connectivity). */
  localConnectivity: number;
  /** 1: fuzzy union a + b - ab; 0: fuzzy intersection ab; in between a mix (umap's set_op_mix_ratio). */
  setOpMixRatio: number;
  /** Scales the target log2(k) of the σ search (umap's bandwidth). */
  bandwidth: number;
}

export const FUZZY_GRAPH_DEFAULTS: Readonly<FuzzyGraphOptions> = Object.freeze({ localConnectivity: 1, setOpMixRatio: 1, bandwidth: 1 });

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/**
 * umap-learn's smooth_knn_dist: for each point i with kNN distances d_i1 <= ... (the first entry
 * being the point itself), ρ_i is the distance to the localConnectivity-th nearest non-zero
 * neighbour (interpolated for fractions), and σ_i solves, by 64 steps of bisection/doubling,
 *   Σ_{j>=1} exp(-max(0, d_ij - ρ_i) / σ_i) = log2(k) · bandwidth,
 * floored at 1e-3 times the mean distance of i's row (or of all rows when ρ_i = 0).
 */
export function smoothKnnDist(knn: KnnGraph, localConnectivity = 1, bandwidth = 1): { sigmas: Float32Array; rhos: Float32Array } {
  const { n, k, distances } = knn;
  const target = Math.log2(k) * bandwidth;
  const sigmas = new Float32Array(n);
  const rhos = new Float32Array(n);
  let meanAll = 0;
  for (let t = 0; t < n * k; t++) if (Number.isFinite(distances[t])) meanAll += distances[t];
  meanAll /= n * k;
  const nonZero = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let nz = 0, rowMean = 0, cnt = 0;
    for (let j = 0; j < k; j++) {
      const v = distances[o + j];
      if (!Number.isFinite(v)) continue;
      rowMean += v; cnt++;
      if (v > 0) nonZero[nz++] = v;
    }
    rowMean = cnt > 0 ? rowMean / cnt : 0;
    let rho = 0;
    if (nz >= localConnectivity) {
      const index = Math.floor(localConnectivity);
      const interp = localConnectivity - index;
      if (index > 0) {
        rho = nonZero[index - 1];
        if (interp > SMOOTH_K_TOLERANCE) rho += interp * (nonZero[index] - nonZero[index - 1]);
      } else {
        rho = interp * nonZero[0];
      }
    } else if (nz > 0) {
      rho = 0;
      for (let t = 0; t < nz; t++) rho = Math.max(rho, nonZero[t]);
    }
    let lo = 0, hi = Infinity, mid = 1;
    for (let it = 0; it < 64; it++) {
      let psum = 0;
      for (let j = 1; j < k; j++) {
        const v = distances[o + j];
        if (!Number.isFinite(v)) continue;
        const dd = v - rho;
        psum += dd > 0 ? Math.exp(-(dd / mid)) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) { hi = mid; mid = (lo + hi) / 2; } else { lo = mid; mid = hi === Infinity ? mid * 2 : (lo + hi) / 2; }
    }
    if (rho > 0) mid = Math.max(mid, MIN_K_DIST_SCALE * rowMean);
    else mid = Math.max(mid, MIN_K_DIST_SCALE * meanAll);
    sigmas[i] = mid;
    rhos[i] = rho;
  }
  return { sigmas, rhos };
}

/**
 * The fuzzy simplicial set of the kNN graph (umap-learn's fuzzy_simplicial_set): directed
 * memberships w_ij = exp(-max(0, d_ij - ρ_i) / σ_i) (1 within ρ, 0 to itself), then symmetrised
 * as mix · (w_ij + w_ji - w_ij w_ji) + (1 - mix) · w_ij w_ji. Built on typed arrays: the directed
 * entries are counted into rows of W + Wᵀ by a counting sort, each row sorted by column and its
 * duplicate pairs (i→j and j→i) merged. No maps; O(n k log k).
 */
export function fuzzySimplicialSet(knn: KnnGraph, options: Partial<FuzzyGraphOptions> = {}): FuzzyGraph {
  const opts = { ...FUZZY_GRAPH_DEFAULTS, ...options };
  if (!(opts.setOpMixRatio >= 0 && opts.setOpMixRatio <= 1)) throw new Error(`setOpMixRatio must be in [0, 1], got ${opts.setOpMixRatio}`);
  if (!(opts.localConnectivity >= 0)) throw new Error(`localConnectivity must be >= 0, got ${opts.localConnectivity}`);
  const { n, k, indices, distances } = knn;
  const { sigmas, rhos } = smoothKnnDist(knn, opts.localConnectivity, opts.bandwidth);
  // directed memberships, self and empty slots skipped
  const w = new Float32Array(n * k);
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      if (j < 0 || j === i) continue;
      const dd = distances[i * k + t] - rhos[i];
      const v = dd <= 0 ? 1 : Math.exp(-(dd / sigmas[i]));
      w[i * k + t] = v;
      count[i + 1]++;
      count[j + 1]++;
    }
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const total = count[n];
  // entries of W (fwd = 1) and Wᵀ (fwd = 0) per row
  const col = new Int32Array(total);
  const val = new Float32Array(total);
  const fwd = new Uint8Array(total);
  const next = count.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      if (j < 0 || j === i) continue;
      const v = w[i * k + t];
      let p = next[i]++;
      col[p] = j; val[p] = v; fwd[p] = 1;
      p = next[j]++;
      col[p] = i; val[p] = v; fwd[p] = 0;
    }
  }
  const mix = opts.setOpMixRatio;
  const rowPtr = new Int32Array(n + 1);
  const outCols = new Int32Array(total);
  const outW = new Float32Array(total);
  const order: number[] = [];
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const s = count[i], e = count[i + 1];
    order.length = 0;
    for (let p = s; p < e; p++) order.push(p);
    order.sort((x, y) => col[x] - col[y] || fwd[y] - fwd[x]);
    for (let q = 0; q < order.length; q++) {
      const p = order[q];
      const j = col[p];
      let a = 0, b = 0; // a = w_ij (i's own edge), b = w_ji
      if (fwd[p]) a = val[p]; else b = val[p];
      if (q + 1 < order.length && col[order[q + 1]] === j) {
        const p2 = order[++q];
        if (fwd[p2]) a = val[p2]; else b = val[p2];
      }
      const prod = a * b;
      const v = mix * (a + b - prod) + (1 - mix) * prod;
      if (v > 0) { outCols[nnz] = j; outW[nnz] = v; nnz++; }
    }
    rowPtr[i + 1] = nnz;
  }
  return { n, rowPtr, cols: outCols.slice(0, nnz), weights: outW.slice(0, nnz), sigmas, rhos };
}

/**
 * a, b of the low-dimensional similarity 1 / (1 + a x^(2b)), fitted by least squares (as
 * umap-learn's find_ab_params with scipy's curve_fit) to the target curve
 *   f(x) = 1 for x < minDist, exp(-(x - minDist) / spread) otherwise,
 * on 300 points evenly spaced over [0, 3 spread]; Levenberg–Marquardt from (1, 1).
 * For minDist 0.1, spread 1 this gives a ≈ 1.577, b ≈ 0.895 (umap-learn: 1.5769, 0.8951).
 */
export function findAbParams(spread = 1, minDist = 0.1): { a: number; b: number } {
  if (!(spread > 0)) throw new Error(`spread must be > 0, got ${spread}`);
  if (!(minDist >= 0 && minDist <= spread)) throw new Error(`minDist must be in [0, spread], got ${minDist}`);
  const m = 300;
  const xs = new Float64Array(m), ys = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const x = (3 * spread * i) / (m - 1);
    xs[i] = x;
    ys[i] = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
  }
  const sse = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < m; i++) {
      const r = 1 / (1 + a * Math.pow(xs[i], 2 * b)) - ys[i];
      s += r * r;
    }
    return s;
  };
  let a = 1, b = 1, lambda = 1e-3;
  let cur = sse(a, b);
  for (let it = 0; it < 500; it++) {
    // Jacobian of the model in (a, b): df/da = -x^(2b) f², df/db = -2 a ln(x) x^(2b) f²
    let jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
    for (let i = 0; i < m; i++) {
      const x = xs[i];
      if (x === 0) continue;
      const p = Math.pow(x, 2 * b);
      const f = 1 / (1 + a * p);
      const r = f - ys[i];
      const da = -p * f * f;
      const db = -2 * a * Math.log(x) * p * f * f;
      jaa += da * da; jab += da * db; jbb += db * db;
      ga += da * r; gb += db * r;
    }
    let improved = false;
    for (let tries = 0; tries < 30; tries++) {
      const A = jaa * (1 + lambda), B = jab, D = jbb * (1 + lambda);
      const det = A * D - B * B;
      const sa = -(D * ga - B * gb) / det;
      const sb = -(A * gb - B * ga) / det;
      const na = a + sa, nb = b + sb;
      const next = na > 0 && nb > 0 ? sse(na, nb) : Infinity;
      if (next < cur) {
        const rel = (cur - next) / Math.max(cur, 1e-300);
        a = na; b = nb; cur = next; lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        if (rel < 1e-15) it = 1e9;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return { a, b };
}
