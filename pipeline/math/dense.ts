// Small dense linear algebra on row-major Float64Arrays: symmetric eigen (Jacobi), Cholesky-based orthonormalizers; and gathering rows.

/** The rows of X (row-major, d columns) at `rows`, in their order, into `out` (a new array by default). */
export function gatherRows(X: Float32Array, d: number, rows: ArrayLike<number>, out: Float32Array = new Float32Array(rows.length * d)): Float32Array {
  for (let r = 0; r < rows.length; r++) out.set(X.subarray(rows[r] * d, rows[r] * d + d), r * d);
  return out;
}

/** Eigen-decomposition of a symmetric matrix: values descending, vectors as columns of a row-major n x n. */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Float64Array;
}

/**
 * Cyclic Jacobi eigenvalue algorithm on a symmetric n x n matrix (row-major, not modified).
 * Deterministic; converges to machine precision for the ~110 x 110 Gram matrices of the SVD.
 * Eigenvalues come back in descending order (ties keep index order), vectors as matching columns.
 */
export function symmetricEigen(S: Float64Array, n: number, maxSweeps = 60): SymmetricEigen {
  const a = Float64Array.from(S);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i] * a[i];
  const tiny = 1e-30 * scale;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off <= 1e-32 * scale || off <= tiny) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p], aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) { // rows p, q  (A <- Jᵀ A J, applied as columns then rows)
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i] || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src];
  });
  return { values, vectors };
}

/**
 * From the Gram matrix G = XᵀX (l x l) of a tall X, the l x l matrix R⁻¹ of a Cholesky QR
 * (X R⁻¹ has orthonormal columns). Directions whose pivot falls below relTol times the largest
 * diagonal entry (X nearly rank-deficient there) are dropped: their column of R⁻¹ is zero.
 */
export function choleskyInverseFactor(G: Float64Array, l: number, relTol = 1e-13): Float64Array {
  const R = new Float64Array(l * l);
  const dropped = new Uint8Array(l);
  let maxDiag = 0;
  for (let i = 0; i < l; i++) maxDiag = Math.max(maxDiag, G[i * l + i]);
  for (let j = 0; j < l; j++) {
    let d = G[j * l + j];
    for (let k = 0; k < j; k++) d -= R[k * l + j] * R[k * l + j];
    if (!(d > relTol * maxDiag)) { dropped[j] = 1; continue; }
    const rjj = Math.sqrt(d);
    R[j * l + j] = rjj;
    for (let i = j + 1; i < l; i++) {
      let s = G[j * l + i];
      for (let k = 0; k < j; k++) s -= R[k * l + j] * R[k * l + i];
      R[j * l + i] = s / rjj;
    }
  }
  const inv = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    if (dropped[j]) continue;
    inv[j * l + j] = 1 / R[j * l + j];
    for (let i = j - 1; i >= 0; i--) {
      if (dropped[i]) continue;
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += R[i * l + k] * inv[k * l + j];
      inv[i * l + j] = -s / R[i * l + i];
    }
  }
  return inv;
}

/** C = A B for row-major A (n x m) and B (m x p). */
export function matmul(A: Float64Array, B: Float64Array, n: number, m: number, p: number): Float64Array {
  const C = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      const a = A[i * m + k];
      if (a === 0) continue;
      for (let j = 0; j < p; j++) C[i * p + j] += a * B[k * p + j];
    }
  }
  return C;
}

/** Aᵀ for row-major A (n x m). */
export function transpose(A: Float64Array, n: number, m: number): Float64Array {
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) T[j * n + i] = A[i * m + j];
  return T;
}
