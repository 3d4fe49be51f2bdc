// The assignment problem: a one-to-one matching of rows to columns of largest total weight, by the Hungarian method (Kuhn-Munkres with potentials, O(n^3)).

/**
 * For an r x c weight matrix (row-major, weights >= 0), the column matched to each row (-1 when the
 * row is left unmatched), maximising the sum of matched weights. A pair of weight 0 counts as no
 * match, so every pair of positive weight whose row and column are both unmatched would have raised
 * the sum: the result leaves no such pair. The matrix is padded to a square of zeros and solved as a
 * minimum-cost assignment of (max - w), the shortest-augmenting-path form with row and column
 * potentials (e-maxx's Hungarian). Deterministic: ties go to the lower row and column.
 */
export function maxWeightAssignment(weights: ArrayLike<number>, rows: number, cols: number): Int32Array {
  if (weights.length !== rows * cols) throw new Error(`weights must be ${rows} x ${cols}, got ${weights.length} values`);
  const n = Math.max(rows, cols);
  const out = new Int32Array(rows).fill(-1);
  if (n === 0) return out;
  let max = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`weights must be finite and >= 0, got ${w}`);
    if (w > max) max = w;
  }
  const cost = (i: number, j: number): number => max - (i < rows && j < cols ? weights[i * cols + j] : 0);
  // 1-based arrays as in the classic formulation: p[j] = row matched to column j, way[j] = previous column on the path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  for (let j = 1; j <= n; j++) {
    const i = p[j] - 1;
    if (i < rows && j - 1 < cols && weights[i * cols + (j - 1)] > 0) out[i] = j - 1;
  }
  return out;
}
