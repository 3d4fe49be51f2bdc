// Exact cosine k-nearest-neighbour inner loops (plain JS, shared by the main thread and kNN worker threads).
// Each call writes only its own output rows, so any split of rows across threads gives identical bytes.

/**
 * Bounded max-heap insert on one row's slots [o, o+m) of (dist, idx), ordered by dist then idx.
 * The root (slot o) is the largest pair kept; the caller checks `(dist, idx) < root` first.
 * @param {Float32Array} hd @param {Int32Array} hi @param {number} o @param {number} m
 * @param {number} dist @param {number} idx
 */
export function heapReplaceTop(hd, hi, o, m, dist, idx) {
  let p = 0;
  for (;;) {
    const l = 2 * p + 1;
    if (l >= m) break;
    const r = l + 1;
    let c = l;
    if (r < m && (hd[o + r] > hd[o + l] || (hd[o + r] === hd[o + l] && hi[o + r] > hi[o + l]))) c = r;
    const cd = hd[o + c];
    if (cd < dist || (cd === dist && hi[o + c] < idx)) break;
    hd[o + p] = cd;
    hi[o + p] = hi[o + c];
    p = c;
  }
  hd[o + p] = dist;
  hi[o + p] = idx;
}

/** Insert (dist, idx) into row slots [o, o+m) if it beats the root; returns the (new) root distance. */
function offer(hd, hi, o, m, dist, idx) {
  const top = hd[o];
  if (dist < top || (dist === top && idx < hi[o])) heapReplaceTop(hd, hi, o, m, dist, idx);
  return hd[o];
}

/** Rows of a tile of the candidate loop (kept in L1/L2 while a block of query rows passes over it). */
const TILE = 128;
/** Query rows per block. */
const BLOCK = 512;

/**
 * Exact neighbours of rows [r0, r1) among all n rows of X (n x d, row-major, rows l2-normalised),
 * by cosine distance 1 - x_i·x_j (dots in float64 over dims in index order, stored as float32,
 * clamped at 0). The point itself is excluded here; `heapD`/`heapI` (m = k - 1 slots a row) must be
 * filled with (+Infinity, 2^31-1) beforehand. Query rows go four at a time over a tile of candidate
 * rows, two candidates at a time (eight dot products in registers: ~2.2 GMAC/s against ~1.2 for one
 * pair at a time, measured on this machine). Result: per row, a max-heap of the
 * m smallest (dist, idx) pairs, ties broken by the lower index, so the set does not depend on order.
 * @param {Float32Array} X @param {number} n @param {number} d @param {number} m
 * @param {number} r0 @param {number} r1 @param {Float32Array} heapD @param {Int32Array} heapI
 * @param {Float32Array} [Q] the query rows (default X itself); @param {Int32Array | null} [self] the
 * index in X of each query row, excluded from its neighbours (default: query row i is row i of X)
 */
export function knnExactRows(X, n, d, m, r0, r1, heapD, heapI, Q = X, self = null) {
  if (m === 0) return;
  for (let ib = r0; ib < r1; ib += BLOCK) {
    const ie = Math.min(ib + BLOCK, r1);
    for (let jb = 0; jb < n; jb += TILE) {
      const je = Math.min(jb + TILE, n);
      let i = ib;
      for (; i + 3 < ie; i += 4) {
        const x0 = i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
        const o0 = (i - r0) * m, o1 = o0 + m, o2 = o1 + m, o3 = o2 + m;
        const q0 = self === null ? i : self[i], q1 = self === null ? i + 1 : self[i + 1];
        const q2 = self === null ? i + 2 : self[i + 2], q3 = self === null ? i + 3 : self[i + 3];
        let t0 = heapD[o0], t1 = heapD[o1], t2 = heapD[o2], t3 = heapD[o3];
        let j = jb;
        for (; j + 1 < je; j += 2) {
          const y = j * d, z = y + d;
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0, u0 = 0, u1 = 0, u2 = 0, u3 = 0;
          for (let c = 0; c < d; c++) {
            const v = X[y + c], w = X[z + c];
            const a0 = Q[x0 + c], a1 = Q[x1 + c], a2 = Q[x2 + c], a3 = Q[x3 + c];
            s0 += a0 * v; s1 += a1 * v; s2 += a2 * v; s3 += a3 * v;
            u0 += a0 * w; u1 += a1 * w; u2 += a2 * w; u3 += a3 * w;
          }
          const j1 = j + 1;
          let e = Math.fround(Math.max(0, 1 - s0));
          if (e <= t0 && j !== q0) t0 = offer(heapD, heapI, o0, m, e, j);
          e = Math.fround(Math.max(0, 1 - u0));
          if (e <= t0 && j1 !== q0) t0 = offer(heapD, heapI, o0, m, e, j1);
          e = Math.fround(Math.max(0, 1 - s1));
          if (e <= t1 && j !== q1) t1 = offer(heapD, heapI, o1, m, e, j);
          e = Math.fround(Math.max(0, 1 - u1));
          if (e <= t1 && j1 !== q1) t1 = offer(heapD, heapI, o1, m, e, j1);
          e = Math.fround(Math.max(0, 1 - s2));
          if (e <= t2 && j !== q2) t2 = offer(heapD, heapI, o2, m, e, j);
          e = Math.fround(Math.max(0, 1 - u2));
          if (e <= t2 && j1 !== q2) t2 = offer(heapD, heapI, o2, m, e, j1);
          e = Math.fround(Math.max(0, 1 - s3));
          if (e <= t3 && j !== q3) t3 = offer(heapD, heapI, o3, m, e, j);
          e = Math.fround(Math.max(0, 1 - u3));
          if (e <= t3 && j1 !== q3) t3 = offer(heapD, heapI, o3, m, e, j1);
        }
        for (; j < je; j++) {
          const y = j * d;
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (let c = 0; c < d; c++) {
            const v = X[y + c];
            s0 += Q[x0 + c] * v; s1 += Q[x1 + c] * v; s2 += Q[x2 + c] * v; s3 += Q[x3 + c] * v;
          }
          let e = Math.fround(Math.max(0, 1 - s0));
          if (e <= t0 && j !== q0) t0 = offer(heapD, heapI, o0, m, e, j);
          e = Math.fround(Math.max(0, 1 - s1));
          if (e <= t1 && j !== q1) t1 = offer(heapD, heapI, o1, m, e, j);
          e = Math.fround(Math.max(0, 1 - s2));
          if (e <= t2 && j !== q2) t2 = offer(heapD, heapI, o2, m, e, j);
          e = Math.fround(Math.max(0, 1 - s3));
          if (e <= t3 && j !== q3) t3 = offer(heapD, heapI, o3, m, e, j);
        }
      }
      for (; i < ie; i++) {
        const x0 = i * d;
        const o0 = (i - r0) * m;
        const q0 = self === null ? i : self[i];
        let t0 = heapD[o0];
        for (let j = jb; j < je; j++) {
          const y = j * d;
          let s0 = 0;
          for (let c = 0; c < d; c++) s0 += Q[x0 + c] * X[y + c];
          const d0 = Math.fround(Math.max(0, 1 - s0));
          if (d0 <= t0 && j !== q0) t0 = offer(heapD, heapI, o0, m, d0, j);
        }
      }
    }
  }
}

/**
 * Cosine distance of rows p and q of X: max(0, 1 - x_p·x_q) rounded to float32, the dot summed in
 * float64 in four interleaved lanes (dims c ≡ 0..3 mod 4, combined as (l0 + l1) + (l2 + l3)): four
 * independent add chains run ~3x faster than one, so its last bits may differ from knnExactRows'.
 * @param {Float32Array} X @param {number} d @param {number} p @param {number} q
 */
export function cosineDistance(X, d, p, q) {
  const a = p * d, b = q * d;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let c = 0;
  for (; c + 3 < d; c += 4) {
    s0 += X[a + c] * X[b + c];
    s1 += X[a + c + 1] * X[b + c + 1];
    s2 += X[a + c + 2] * X[b + c + 2];
    s3 += X[a + c + 3] * X[b + c + 3];
  }
  for (; c < d; c++) s0 += X[a + c] * X[b + c];
  return Math.fround(Math.max(0, 1 - ((s0 + s1) + (s2 + s3))));
}

/**
 * Margin x_p · h of row p against a hyperplane normal h (float64, four interleaved lanes).
 * @param {Float32Array} X @param {number} d @param {number} p @param {Float64Array} h
 */
export function margin(X, d, p, h) {
  const a = p * d;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let c = 0;
  for (; c + 3 < d; c += 4) {
    s0 += X[a + c] * h[c];
    s1 += X[a + c + 1] * h[c + 1];
    s2 += X[a + c + 2] * h[c + 2];
    s3 += X[a + c + 3] * h[c + 3];
  }
  for (; c < d; c++) s0 += X[a + c] * h[c];
  return (s0 + s1) + (s2 + s3);
}

/**
 * NN-descent local join over rows [r0, r1) (the "proposal" half; the caller applies proposals in
 * order). For each row i, every pair of its new candidates and every (new, old) pair is a possible
 * neighbour pair (p, q); its distance is computed and the pair proposed when it beats either
 * endpoint's current worst kept distance (heapD root, read-only here). Candidates are rows of
 * newC/oldC (maxC slots, -1 empty). Proposals go to upP/upQ/upD from offset 0; returns their count,
 * or -1 if the buffers (capacity cap) would overflow (the caller then uses smaller ranges).
 * @param {Float32Array} X @param {number} d @param {number} K @param {Float32Array} heapD
 * @param {Int32Array} newC @param {Int32Array} oldC @param {number} maxC @param {number} r0 @param {number} r1
 * @param {Int32Array} upP @param {Int32Array} upQ @param {Float32Array} upD @param {number} cap
 */
export function localJoinRows(X, d, K, heapD, newC, oldC, maxC, r0, r1, upP, upQ, upD, cap) {
  let n = 0;
  for (let i = r0; i < r1; i++) {
    const o = i * maxC;
    if (n + maxC * maxC * 2 > cap) return -1;
    for (let a = 0; a < maxC; a++) {
      const p = newC[o + a];
      if (p < 0) continue;
      const tp = heapD[p * K];
      for (let b = a + 1; b < maxC; b++) {
        const q = newC[o + b];
        if (q < 0 || q === p) continue;
        const dist = cosineDistance(X, d, p, q);
        if (dist < tp || dist < heapD[q * K]) { upP[n] = p; upQ[n] = q; upD[n] = dist; n++; }
      }
      for (let b = 0; b < maxC; b++) {
        const q = oldC[o + b];
        if (q < 0 || q === p) continue;
        const dist = cosineDistance(X, d, p, q);
        if (dist < tp || dist < heapD[q * K]) { upP[n] = p; upQ[n] = q; upD[n] = dist; n++; }
      }
    }
  }
  return n;
}
