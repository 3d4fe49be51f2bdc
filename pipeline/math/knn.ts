// Cosine k-nearest neighbours of l2-normalised rows: exact blocked search, NN-descent above a size, and recall.
import { WorkerPool } from './workerPool.ts';
import { availableParallelism } from 'node:os';
import { cosineDistance, knnExactRows, localJoinRows, margin } from './knnKernels.mjs';
import { createRng, type Rng } from './random.ts';
import { gatherRows } from './dense.ts';
import { SETTING_DEFAULTS } from '../config.ts';

/**
 * The kNN graph, umap-learn's / umap-js's convention: row i holds k entries, the point itself first
 * (distance exactly 0), then its k - 1 nearest other points by ascending (distance, index).
 * Distance is cosine distance 1 - x_i·x_j of the l2-normalised rows (clamped at 0).
 */
export interface KnnGraph {
  n: number;
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}

export interface KnnOptions {
  /** Neighbours per point, the point itself included (umap's n_neighbors). */
  k: number;
  /** 'auto': exact up to exactMaxN rows, NN-descent above. */
  method: 'auto' | 'exact' | 'nndescent';
  /** Largest row count searched exactly under 'auto' (exact costs n² d multiply-adds). */
  exactMaxN: number;
  /** Threads, the main thread included; results do not depend on it. */
  threads: number;
  /** Seed of NN-descent's trees and candidate sampling. */
  seed: number;
  /** NN-descent: random-projection trees for the start graph (0 = auto: min(16, 6 + round(√n / 200)); umap-learn uses min(64, 5 + round(√n / 20)), which here cost time for no recall). */
  nTrees: number;
  /** NN-descent: most iterations (0 = umap-learn's max(5, round(log2 n))). */
  maxIters: number;
  /** NN-descent: stop when fewer than delta · n · k heap entries changed in an iteration. */
  delta: number;
  /** NN-descent: candidates sampled a point and iteration (0 = min(60, k)). */
  maxCandidates: number;
}

export const KNN_DEFAULTS: Readonly<KnnOptions> = Object.freeze({
  k: SETTING_DEFAULTS.nNeighbors,
  method: SETTING_DEFAULTS.knnMethod,
  exactMaxN: 5_000,
  threads: availableParallelism(),
  seed: SETTING_DEFAULTS.seed,
  nTrees: 0,
  maxIters: 0,
  delta: 0.001,
  maxCandidates: 0,
});

export type Progress = (done: number, total: number) => void;

export function resolveKnnOptions(opts: Partial<KnnOptions> = {}): KnnOptions {
  const o: KnnOptions = { ...KNN_DEFAULTS, ...opts };
  if (!Number.isInteger(o.k) || o.k < 2) throw new Error(`k must be an integer >= 2 (the point itself counts), got ${o.k}`);
  if (o.method !== 'auto' && o.method !== 'exact' && o.method !== 'nndescent') throw new Error(`method must be 'auto', 'exact' or 'nndescent', got ${String(o.method)}`);
  for (const name of ['exactMaxN', 'nTrees', 'maxIters', 'maxCandidates'] as const) {
    if (!Number.isInteger(o[name]) || o[name] < 0) throw new Error(`${name} must be an integer >= 0, got ${o[name]}`);
  }
  if (!Number.isInteger(o.threads) || o.threads < 1) throw new Error(`threads must be an integer >= 1, got ${o.threads}`);
  if (!(o.delta >= 0)) throw new Error(`delta must be >= 0, got ${o.delta}`);
  if (!Number.isFinite(o.seed)) throw new Error(`seed must be a number, got ${o.seed}`);
  return o;
}

/** Empty-slot marker: sorts after every real index, so (dist, idx) order stays total. */
const NO_INDEX = 0x7fffffff;

function checkInput(X: Float32Array, n: number, d: number, k: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 1 || d < 1) throw new Error(`n and d must be positive integers, got ${n} x ${d}`);
  if (X.length !== n * d) throw new Error(`X has ${X.length} values, expected n * d = ${n * d}`);
  if (k > n) throw new Error(`k (${k}) must be at most the number of points (${n})`);
}

/** Sort each row's heap ascending by (dist, idx) and prepend the point itself at distance 0. */
function finishGraph(n: number, k: number, heapD: Float32Array, heapI: Int32Array): KnnGraph {
  const m = k - 1;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const order = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let s = 0; s < m; s++) order[s] = s;
    // insertion sort of at most k - 1 slots
    for (let s = 1; s < m; s++) {
      const v = order[s];
      let t = s - 1;
      while (t >= 0 && (heapD[o + order[t]] > heapD[o + v] || (heapD[o + order[t]] === heapD[o + v] && heapI[o + order[t]] > heapI[o + v]))) {
        order[t + 1] = order[t];
        t--;
      }
      order[t + 1] = v;
    }
    const r = i * k;
    indices[r] = i;
    distances[r] = 0;
    for (let s = 0; s < m; s++) {
      const idx = heapI[o + order[s]];
      indices[r + 1 + s] = idx === NO_INDEX ? -1 : idx;
      distances[r + 1 + s] = idx === NO_INDEX ? Infinity : heapD[o + order[s]];
    }
  }
  return { n, k, indices, distances };
}

/**
 * Exact kNN by blocked dense products (knnExactRows): n² d multiply-adds at ~1.7 GMAC/s a thread
 * on this machine (5k x 100: ~1.5 s on one thread; 100k x 100 would be ~10 minutes, against ~8 s
 * for NN-descent at recall ~0.976 on 2 threads). Row ranges
 * run on `threads` threads; each row's result is computed by one thread with the same arithmetic,
 * so the bytes do not depend on the thread count.
 */
export async function knnExact(X: Float32Array, n: number, d: number, options: Partial<KnnOptions> = {}, onProgress?: Progress): Promise<KnnGraph> {
  const opts = resolveKnnOptions(options);
  const k = opts.k;
  checkInput(X, n, d, k);
  const threads = n * n * d < 50_000_000 ? 1 : opts.threads;
  const { heapD, heapI } = await exactHeaps(X, n, d, k - 1, n, null, null, threads, onProgress);
  return finishGraph(n, k, heapD, heapI);
}

/**
 * The m-slot neighbour heaps of nq query rows against all n rows of X: the rows of X themselves
 * (Q and self null) or the rows Q whose own indices in X are `self`. Static row ranges (the work
 * per row is the same): workers take ranges 1.., the main thread range 0 in chunks so progress
 * shows; each range writes only its own rows of the heaps, so the bytes do not depend on `threads`.
 */
async function exactHeaps(X: Float32Array, n: number, d: number, m: number, nq: number, Q: Float32Array | null, self: Int32Array | null, threads: number, onProgress?: Progress): Promise<{ heapD: Float32Array; heapI: Int32Array }> {
  const pool = new WorkerPool(threads);
  try {
    const Xs = pool.share(X);
    const Qs = Q === null ? Xs : pool.share(Q);
    const selfs = self === null ? null : pool.share(self);
    const heapD = pool.f32(nq * m).fill(Infinity);
    const heapI = pool.i32(nq * m).fill(NO_INDEX);
    const bound = (t: number): number => Math.round((nq * t) / threads);
    const jobs: Promise<number>[] = [];
    for (let t = 1; t < threads; t++) {
      const r0 = bound(t), r1 = bound(t + 1);
      jobs.push(pool.run(t - 1, 'exact', { X: Xs, n, d, m, r0, r1, heapD: heapD.subarray(r0 * m, r1 * m), heapI: heapI.subarray(r0 * m, r1 * m), Q: Qs, self: selfs }));
    }
    const mine = bound(1);
    const chunk = 512;
    for (let r0 = 0; r0 < mine; r0 += chunk) {
      const r1 = Math.min(mine, r0 + chunk);
      knnExactRows(Xs, n, d, m, r0, r1, heapD.subarray(r0 * m, r1 * m), heapI.subarray(r0 * m, r1 * m), Qs, selfs);
      onProgress?.(Math.round((r1 / mine) * nq * 0.99), nq);
    }
    await Promise.all(jobs);
    onProgress?.(nq, nq);
    return { heapD, heapI };
  } finally {
    await pool.close();
  }
}

/**
 * Exact neighbours of only the given rows (for recall checks at sizes where the full exact graph
 * is too dear), by the blocked kernel of knnExact on `threads` threads: 1,000 rows of 100k x 100
 * in ~2-3 s on two threads, against ~8-12 s for one pair at a time on one.
 */
export async function knnExactForRows(X: Float32Array, n: number, d: number, k: number, rows: Int32Array, threads = 1): Promise<KnnGraph> {
  checkInput(X, n, d, k);
  const Q = gatherRows(X, d, rows);
  const work = rows.length * n * d;
  const { heapD, heapI } = await exactHeaps(X, n, d, k - 1, rows.length, Q, rows, work < 50_000_000 ? 1 : threads);
  const g = finishGraph(rows.length, k, heapD, heapI);
  for (let s = 0; s < rows.length; s++) g.indices[s * k] = rows[s];
  return g;
}

/**
 * Recall of an approximate graph: over the sampled rows, the share of each row's k - 1 true
 * nearest other points (from `exact`, whose row s belongs to rows[s]) found among the
 * approximate row's k - 1 others. Ties at the k-th distance count as found when the distance matches.
 */
export function knnRecall(approx: KnnGraph, exact: KnnGraph, rows: Int32Array): number {
  const k = approx.k;
  if (exact.k !== k) throw new Error(`graphs differ in k: ${approx.k} vs ${exact.k}`);
  let hit = 0, total = 0;
  for (let s = 0; s < rows.length; s++) {
    const i = rows[s];
    const found = new Set<number>();
    for (let t = 1; t < k; t++) found.add(approx.indices[i * k + t]);
    const worst = approx.distances[i * k + k - 1];
    for (let t = 1; t < k; t++) {
      const j = exact.indices[s * k + t];
      if (j < 0) continue;
      total++;
      if (found.has(j) || exact.distances[s * k + t] >= worst) hit++;
    }
  }
  return total === 0 ? 1 : hit / total;
}

// ---- NN-descent -------------------------------------------------------------------------------

/** Push (dist, idx) into row i's bounded heap unless present or not better; marks it new. Returns 1 if stored. */
function pushChecked(heapD: Float32Array, heapI: Int32Array, flags: Uint8Array, K: number, i: number, dist: number, idx: number): number {
  const o = i * K;
  const top = heapD[o];
  if (!(dist < top || (dist === top && idx < heapI[o]))) return 0;
  for (let s = 0; s < K; s++) if (heapI[o + s] === idx) return 0;
  // sift down from the root, carrying flags along
  let p = 0;
  for (;;) {
    const l = 2 * p + 1;
    if (l >= K) break;
    const r = l + 1;
    let c = l;
    if (r < K && (heapD[o + r] > heapD[o + l] || (heapD[o + r] === heapD[o + l] && heapI[o + r] > heapI[o + l]))) c = r;
    const cd = heapD[o + c];
    if (cd < dist || (cd === dist && heapI[o + c] < idx)) break;
    heapD[o + p] = cd;
    heapI[o + p] = heapI[o + c];
    flags[o + p] = flags[o + c];
    p = c;
  }
  heapD[o + p] = dist;
  heapI[o + p] = idx;
  flags[o + p] = 1;
  return 1;
}

/** Candidate max-heap by random priority (maxC slots a row); keeps the lowest priorities, no duplicates. */
function pushCandidate(candI: Int32Array, candP: Float32Array, maxC: number, i: number, prio: number, idx: number): void {
  const o = i * maxC;
  if (!(prio < candP[o])) return;
  for (let s = 0; s < maxC; s++) if (candI[o + s] === idx) return;
  let p = 0;
  for (;;) {
    const l = 2 * p + 1;
    if (l >= maxC) break;
    const r = l + 1;
    let c = l;
    if (r < maxC && candP[o + r] > candP[o + l]) c = r;
    if (candP[o + c] <= prio) break;
    candP[o + p] = candP[o + c];
    candI[o + p] = candI[o + c];
    p = c;
  }
  candP[o + p] = prio;
  candI[o + p] = idx;
}

/**
 * Angular random-projection tree leaves (pynndescent's start): a node splits by the sign of
 * x·(x_a - x_b) for two random members a, b (a random half when one side would be empty) until
 * it holds at most leafSize points. Calls leaf(points, start, end) for each leaf.
 */
function rpTreeLeaves(X: Float32Array, d: number, points: Int32Array, leafSize: number, rng: Rng, leaf: (pts: Int32Array, s: number, e: number) => void): void {
  const hyper = new Float64Array(d);
  const side = new Uint8Array(points.length);
  const scratch = new Int32Array(points.length);
  const stack: number[] = [0, points.length];
  while (stack.length > 0) {
    const e = stack.pop() as number;
    const s = stack.pop() as number;
    const size = e - s;
    if (size <= leafSize) { leaf(points, s, e); continue; }
    const a = points[s + rng.int(size)];
    let b = points[s + rng.int(size - 1)];
    if (b === a) b = points[e - 1];
    for (let c = 0; c < d; c++) hyper[c] = X[a * d + c] - X[b * d + c];
    let nLeft = 0;
    for (let t = s; t < e; t++) {
      const m = margin(X, d, points[t], hyper);
      const left = m > 0 ? 1 : m < 0 ? 0 : rng.uniform() < 0.5 ? 1 : 0;
      side[t - s] = left;
      nLeft += left;
    }
    if (nLeft === 0 || nLeft === size) {
      nLeft = 0;
      for (let t = 0; t < size; t++) { side[t] = rng.uniform() < 0.5 ? 1 : 0; nLeft += side[t]; }
      if (nLeft === 0 || nLeft === size) { nLeft = size >> 1; for (let t = 0; t < size; t++) side[t] = t < nLeft ? 1 : 0; }
    }
    let l = 0, r = nLeft;
    for (let t = 0; t < size; t++) scratch[side[t] ? l++ : r++] = points[s + t];
    points.set(scratch.subarray(0, size), s);
    stack.push(s + nLeft, e, s, s + nLeft);
  }
}

/** Rows a proposal round covers, fixed so results do not depend on the thread count. */
const JOIN_ROUND = 8192;

/**
 * Approximate kNN by NN-descent (Dong et al. 2011, as pynndescent does it): start from the leaves
 * of random-projection trees, then repeatedly join each point's sampled new/old candidates
 * (neighbours and reverse neighbours), keeping the k - 1 closest others per point. Each iteration's
 * distance work runs in fixed rounds of rows split over the threads, reading the heaps as they were
 * at the round's start; proposals are then applied serially in row order, so the result depends on
 * the seed only, not on the thread count. Progress counts iterations.
 */
export async function knnDescent(X: Float32Array, n: number, d: number, options: Partial<KnnOptions> = {}, onProgress?: Progress): Promise<KnnGraph> {
  const opts = resolveKnnOptions(options);
  const k = opts.k;
  checkInput(X, n, d, k);
  const K = k - 1;
  const nTrees = opts.nTrees || Math.min(16, 6 + Math.round(Math.sqrt(n) / 200));
  const maxIters = opts.maxIters || Math.max(5, Math.round(Math.log2(n)));
  const maxC = opts.maxCandidates || Math.min(60, k);
  const rng = createRng(opts.seed);
  const pool = new WorkerPool(n < 5000 ? 1 : opts.threads);
  try {
    // The first tree's leaf order becomes the memory order: rows close in space then sit close in
    // memory, so the random-access distance work of the joins mostly hits cache (2-3x faster at 100k).
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    const leafSize = Math.max(10, k);
    const leafEnds = new Uint8Array(n + 1); // leafEnds[e] = 1: a first-tree leaf ends before row e
    rpTreeLeaves(X, d, perm, leafSize, rng, (_pts, _s, e) => { leafEnds[e] = 1; });
    const Xs = gatherRows(X, d, perm, pool.f32(n * d));
    const heapD = pool.f32(n * K).fill(Infinity);
    const heapI = new Int32Array(n * K).fill(NO_INDEX);
    const flags = new Uint8Array(n * K);

    // start graph: all pairs within each leaf of each tree (the first tree's leaves: runs of rows)
    const points = new Int32Array(n);
    const leafPairs = (pts: Int32Array, s: number, e: number): void => {
      for (let a = s; a < e; a++) {
        const p = pts[a];
        for (let b = a + 1; b < e; b++) {
          const q = pts[b];
          const dist = cosineDistance(Xs, d, p, q);
          pushChecked(heapD, heapI, flags, K, p, dist, q);
          pushChecked(heapD, heapI, flags, K, q, dist, p);
        }
      }
    };
    for (let i = 0; i < n; i++) points[i] = i;
    for (let s = 0, e = 1; e <= n; e++) {
      if (leafEnds[e]) { leafPairs(points, s, e); s = e; }
    }
    for (let t = 1; t < nTrees; t++) {
      for (let i = 0; i < n; i++) points[i] = i;
      rpTreeLeaves(Xs, d, points, leafSize, rng, leafPairs);
    }
    const totalSteps = maxIters + 1;
    onProgress?.(1, totalSteps);

    const newC = pool.i32(n * maxC), oldC = pool.i32(n * maxC);
    const newP = new Float32Array(n * maxC), oldP = new Float32Array(n * maxC);
    const parts = pool.parallel ? pool.threads : 1;
    const cap = Math.ceil(JOIN_ROUND / parts + 1) * maxC * maxC * 2;
    const bufs = Array.from({ length: parts }, () => ({ p: pool.i32(cap), q: pool.i32(cap), d: pool.f32(cap) }));

    for (let it = 0; it < maxIters; it++) {
      newC.fill(-1); oldC.fill(-1); newP.fill(Infinity); oldP.fill(Infinity);
      for (let i = 0; i < n; i++) {
        const o = i * K;
        for (let s = 0; s < K; s++) {
          const j = heapI[o + s];
          if (j === NO_INDEX) continue;
          const prio = rng.uniform();
          if (flags[o + s]) {
            pushCandidate(newC, newP, maxC, i, prio, j);
            pushCandidate(newC, newP, maxC, j, prio, i);
          } else {
            pushCandidate(oldC, oldP, maxC, i, prio, j);
            pushCandidate(oldC, oldP, maxC, j, prio, i);
          }
        }
      }
      for (let i = 0; i < n; i++) {
        const o = i * K, oc = i * maxC;
        for (let s = 0; s < K; s++) {
          if (!flags[o + s]) continue;
          const j = heapI[o + s];
          for (let c = 0; c < maxC; c++) if (newC[oc + c] === j) { flags[o + s] = 0; break; }
        }
      }
      let changes = 0;
      for (let r0 = 0; r0 < n; r0 += JOIN_ROUND) {
        const r1 = Math.min(n, r0 + JOIN_ROUND);
        const bound = (t: number): number => r0 + Math.round(((r1 - r0) * t) / parts);
        const jobs: Promise<number>[] = [];
        for (let t = 1; t < parts; t++) {
          const b = bufs[t];
          jobs.push(pool.run(t - 1, 'join', { X: Xs, d, K, heapD, newC, oldC, maxC, r0: bound(t), r1: bound(t + 1), upP: b.p, upQ: b.q, upD: b.d, cap }));
        }
        const counts = [localJoinRows(Xs, d, K, heapD, newC, oldC, maxC, bound(0), bound(1), bufs[0].p, bufs[0].q, bufs[0].d, cap)];
        counts.push(...(await Promise.all(jobs)));
        for (let t = 0; t < parts; t++) {
          const c = counts[t];
          if (c < 0) throw new Error('NN-descent proposal buffer overflow (internal error)');
          const b = bufs[t];
          for (let u = 0; u < c; u++) {
            const p = b.p[u], q = b.q[u], dist = b.d[u];
            changes += pushChecked(heapD, heapI, flags, K, p, dist, q);
            changes += pushChecked(heapD, heapI, flags, K, q, dist, p);
          }
        }
      }
      onProgress?.(it + 2, totalSteps);
      if (changes <= opts.delta * n * K) break;
    }
    onProgress?.(totalSteps, totalSteps);
    // back to the input's row order and indices
    const outD = new Float32Array(n * K), outI = new Int32Array(n * K);
    for (let r = 0; r < n; r++) {
      const i = perm[r];
      for (let s = 0; s < K; s++) {
        outD[i * K + s] = heapD[r * K + s];
        const j = heapI[r * K + s];
        outI[i * K + s] = j === NO_INDEX ? NO_INDEX : perm[j];
      }
    }
    return finishGraph(n, k, outD, outI);
  } finally {
    await pool.close();
  }
}

/** kNN graph of the rows: exact up to exactMaxN rows under method 'auto', NN-descent above. */
export async function nearestNeighbors(X: Float32Array, n: number, d: number, options: Partial<KnnOptions> = {}, onProgress?: Progress): Promise<KnnGraph & { method: 'exact' | 'nndescent' }> {
  const opts = resolveKnnOptions(options);
  const method = opts.method === 'auto' ? (n <= opts.exactMaxN ? 'exact' : 'nndescent') : opts.method;
  const g = method === 'exact' ? await knnExact(X, n, d, opts, onProgress) : await knnDescent(X, n, d, opts, onProgress);
  return { ...g, method };
}

/** The graph as umap-js's setPrecomputedKNN takes it (arrays of rows of boxed numbers: for the umap-js engine only). */
export function knnToNested(g: KnnGraph): { indices: number[][]; distances: number[][] } {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < g.n; i++) {
    indices.push(Array.from(g.indices.subarray(i * g.k, i * g.k + g.k)));
    distances.push(Array.from(g.distances.subarray(i * g.k, i * g.k + g.k)));
  }
  return { indices, distances };
}
