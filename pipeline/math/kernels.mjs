// Numeric inner loops shared by the main thread and the SVD worker threads (plain JS so workers need no loader).
// Each kernel writes only its own output rows, so any split of rows across threads gives identical bytes.

/**
 * Sparse x dense rows: for r in [r0, r1), out[r*l .. r*l+l) = sum over the row's entries k of
 * data[k] * X[indices[k]*l .. +l). X and out are row-major with l columns. Entries are taken
 * four at a time to cut loads/stores of the output row; the summation order is fixed.
 * With `accumulate`, the products are added to out instead of replacing it.
 * @param {Int32Array} indptr @param {Int32Array} indices @param {Float32Array} data
 * @param {Float64Array} X @param {number} l @param {Float64Array} out @param {number} r0 @param {number} r1
 * @param {boolean} [accumulate]
 */
export function spmmRows(indptr, indices, data, X, l, out, r0, r1, accumulate = false) {
  for (let r = r0; r < r1; r++) {
    const o = r * l;
    if (!accumulate) for (let c = 0; c < l; c++) out[o + c] = 0;
    let k = indptr[r];
    const end = indptr[r + 1];
    for (; k + 3 < end; k += 4) {
      const v0 = data[k], v1 = data[k + 1], v2 = data[k + 2], v3 = data[k + 3];
      const x0 = indices[k] * l, x1 = indices[k + 1] * l, x2 = indices[k + 2] * l, x3 = indices[k + 3] * l;
      for (let c = 0; c < l; c++) out[o + c] += v0 * X[x0 + c] + v1 * X[x1 + c] + v2 * X[x2 + c] + v3 * X[x3 + c];
    }
    for (; k < end; k++) {
      const v = data[k];
      const x = indices[k] * l;
      for (let c = 0; c < l; c++) out[o + c] += v * X[x + c];
    }
  }
}

/**
 * Blocked sparse x dense rows: out rows [r0, r1) = sum over blocks b (in order) of
 * blocks[b] rows [r0, r1) times X; see transposeBlocked.
 * @param {{indptr: Int32Array, indices: Int32Array, data: Float32Array}[]} blocks
 * @param {Float64Array} X @param {number} l @param {Float64Array} out @param {number} r0 @param {number} r1
 */
export function spmmBlockedRows(blocks, X, l, out, r0, r1) {
  out.fill(0, r0 * l, r1 * l);
  for (const b of blocks) spmmRows(b.indptr, b.indices, b.data, X, l, out, r0, r1, true);
}

/**
 * Gram block: G (l x l, row-major, overwritten) = sum over rows r in [r0, r1) of X[r]ᵀ X[r];
 * rows taken four at a time, upper triangle computed and mirrored.
 * @param {Float64Array} X @param {number} l @param {number} r0 @param {number} r1 @param {Float64Array} G
 */
export function gramRows(X, l, r0, r1, G) {
  G.fill(0);
  let r = r0;
  for (; r + 3 < r1; r += 4) {
    const p0 = r * l, p1 = p0 + l, p2 = p1 + l, p3 = p2 + l;
    for (let a = 0; a < l; a++) {
      const a0 = X[p0 + a], a1 = X[p1 + a], a2 = X[p2 + a], a3 = X[p3 + a];
      const g = a * l;
      for (let b = a; b < l; b++) G[g + b] += a0 * X[p0 + b] + a1 * X[p1 + b] + a2 * X[p2 + b] + a3 * X[p3 + b];
    }
  }
  for (; r < r1; r++) {
    const p = r * l;
    for (let a = 0; a < l; a++) {
      const xa = X[p + a];
      const g = a * l;
      for (let b = a; b < l; b++) G[g + b] += xa * X[p + b];
    }
  }
  for (let a = 0; a < l; a++) for (let b = a + 1; b < l; b++) G[b * l + a] = G[a * l + b];
}

/**
 * Tall x small: for r in [r0, r1), out[r*m .. +m) = X[r*l .. +l) · M, M being l x m row-major.
 * With `upper`, M is taken as upper triangular (entries below the diagonal are skipped).
 * @param {Float64Array} X @param {number} l @param {Float64Array} M @param {number} m
 * @param {Float64Array} out @param {number} r0 @param {number} r1 @param {boolean} [upper]
 */
export function tallTimesSmall(X, l, M, m, out, r0, r1, upper = false) {
  for (let r = r0; r < r1; r++) {
    const p = r * l, o = r * m;
    for (let c = 0; c < m; c++) out[o + c] = 0;
    let a = 0;
    for (; a + 3 < l; a += 4) {
      const x0 = X[p + a], x1 = X[p + a + 1], x2 = X[p + a + 2], x3 = X[p + a + 3];
      const m0 = a * m, m1 = m0 + m, m2 = m1 + m, m3 = m2 + m;
      for (let c = upper ? a : 0; c < m; c++) out[o + c] += x0 * M[m0 + c] + x1 * M[m1 + c] + x2 * M[m2 + c] + x3 * M[m3 + c];
    }
    for (; a < l; a++) {
      const x = X[p + a], ma = a * m;
      for (let c = upper ? a : 0; c < m; c++) out[o + c] += x * M[ma + c];
    }
  }
}
