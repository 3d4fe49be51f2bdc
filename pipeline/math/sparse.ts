// Compressed sparse row (CSR) matrices on typed arrays, and their transpose.

/**
 * Row i holds columns indices[indptr[i] .. indptr[i+1]) with values data[same range];
 * columns within a row are strictly increasing.
 */
export interface CSR {
  nRows: number;
  nCols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

/** Number of stored entries. */
export function nnz(m: CSR): number {
  return m.indptr[m.nRows];
}

/**
 * The transpose as CSR (i.e. the matrix in CSC form), by a counting sort on column; each
 * output row keeps increasing column order. `alloc` chooses the backing buffer (e.g. a
 * SharedArrayBuffer for worker threads).
 */
export function transposeCsr(m: CSR, alloc: (bytes: number) => ArrayBufferLike = (b) => new ArrayBuffer(b)): CSR {
  const { nRows, nCols, indptr, indices, data } = m;
  const total = indptr[nRows];
  const tIndptr = new Int32Array(alloc((nCols + 1) * 4));
  const tIndices = new Int32Array(alloc(total * 4));
  const tData = new Float32Array(alloc(total * 4));
  for (let k = 0; k < total; k++) tIndptr[indices[k] + 1]++;
  for (let j = 0; j < nCols; j++) tIndptr[j + 1] += tIndptr[j];
  const next = tIndptr.slice(0, nCols);
  for (let i = 0; i < nRows; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      const p = next[indices[k]]++;
      tIndices[p] = i;
      tData[p] = data[k];
    }
  }
  return { nRows: nCols, nCols: nRows, indptr: tIndptr, indices: tIndices, data: tData };
}

/**
 * The transpose cut into blocks of `blockRows` rows of m: block b is the transpose of rows
 * [b*blockRows, (b+1)*blockRows) (nCols x nRows, column indices are m's row numbers). A product
 * mᵀX taken block by block touches only blockRows rows of X at a time, which stays in cache.
 */
export function transposeBlocked(m: CSR, blockRows: number, alloc: (bytes: number) => ArrayBufferLike = (b) => new ArrayBuffer(b)): CSR[] {
  const blocks: CSR[] = [];
  for (let r0 = 0; r0 < m.nRows || (r0 === 0 && m.nRows === 0); r0 += blockRows) {
    const r1 = Math.min(m.nRows, r0 + blockRows);
    const base = m.indptr[r0];
    const total = m.indptr[r1] - base;
    const indptr = new Int32Array(alloc((m.nCols + 1) * 4));
    const indices = new Int32Array(alloc(total * 4));
    const data = new Float32Array(alloc(total * 4));
    for (let k = base; k < base + total; k++) indptr[m.indices[k] + 1]++;
    for (let j = 0; j < m.nCols; j++) indptr[j + 1] += indptr[j];
    const next = indptr.slice(0, m.nCols);
    for (let i = r0; i < r1; i++) {
      for (let k = m.indptr[i]; k < m.indptr[i + 1]; k++) {
        const p = next[m.indices[k]]++;
        indices[p] = i;
        data[p] = m.data[k];
      }
    }
    blocks.push({ nRows: m.nCols, nCols: m.nRows, indptr, indices, data });
    if (m.nRows === 0) break;
  }
  return blocks;
}

/** Dense row-major copy (for tests and tiny matrices only). */
export function csrToDense(m: CSR): Float64Array {
  const out = new Float64Array(m.nRows * m.nCols);
  for (let i = 0; i < m.nRows; i++) {
    for (let k = m.indptr[i]; k < m.indptr[i + 1]; k++) out[i * m.nCols + m.indices[k]] = m.data[k];
  }
  return out;
}

/** CSR from a dense row-major matrix, keeping the non-zero entries (for tests and tiny matrices). */
export function csrFromDense(values: ArrayLike<number>, nRows: number, nCols: number): CSR {
  const indptr = new Int32Array(nRows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      const v = values[i * nCols + j];
      if (v !== 0) { idx.push(j); val.push(v); }
    }
    indptr[i + 1] = idx.length;
  }
  return { nRows, nCols, indptr, indices: Int32Array.from(idx), data: Float32Array.from(val) };
}
