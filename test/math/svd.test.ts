// Tests for the randomised truncated SVD: planted spectra, orthonormality, seeds, threads, explained variance.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../pipeline/math/random.ts';
import { csrFromDense, type CSR } from '../../pipeline/math/sparse.ts';
import { SVD_DEFAULTS, truncatedSvd } from '../../pipeline/math/svd.ts';

/**
 * A block-sparse matrix with a known spectrum: component c lives on its own block of rows and
 * columns, A = Σ s_c u_c v_cᵀ with unit u_c, v_c of disjoint supports, so its singular values
 * are exactly s (sorted descending) and v_c are its right singular vectors.
 */
function planted(s: number[], rowsPer: number, colsPer: number, seed: number): { A: CSR; v: Float64Array[] } {
  const rng = createRng(seed);
  const nRows = s.length * rowsPer, nCols = s.length * colsPer;
  const dense = new Float64Array(nRows * nCols);
  const v: Float64Array[] = [];
  s.forEach((sc, c) => {
    const u = Float64Array.from({ length: rowsPer }, () => 0.5 + rng.uniform());
    const w = Float64Array.from({ length: colsPer }, () => 0.5 + rng.uniform());
    const nu = Math.hypot(...u), nw = Math.hypot(...w);
    const vc = new Float64Array(nCols);
    for (let j = 0; j < colsPer; j++) vc[c * colsPer + j] = w[j] / nw;
    v.push(vc);
    for (let i = 0; i < rowsPer; i++) {
      for (let j = 0; j < colsPer; j++) dense[(c * rowsPer + i) * nCols + c * colsPer + j] = (sc * u[i] * w[j]) / (nu * nw);
    }
  });
  return { A: csrFromDense(dense, nRows, nCols), v };
}

function randomSparse(nRows: number, nCols: number, density: number, seed: number): CSR {
  const rng = createRng(seed);
  const dense = new Float64Array(nRows * nCols);
  for (let i = 0; i < dense.length; i++) if (rng.uniform() < density) dense[i] = rng.uniform();
  return csrFromDense(dense, nRows, nCols);
}

function maxOrthoError(components: Float32Array, k: number, n: number): number {
  let err = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += components[a * n + j] * components[b * n + j];
      err = Math.max(err, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return err;
}

describe('truncatedSvd', () => {
  it('recovers a planted spectrum and its right singular vectors', async () => {
    const s = [9, 7, 5, 3, 2, 1];
    const { A, v } = planted(s, 30, 20, 1);
    const r = await truncatedSvd(A, { nComponents: 4, nOversamples: 10, nIter: 5, seed: 3 });
    for (const [c, x] of Array.from(r.singularValues).entries()) expect(Math.abs(x - s[c]) / s[c]).toBeLessThan(1e-3);
    for (let c = 0; c < 4; c++) {
      let dot = 0;
      for (let j = 0; j < A.nCols; j++) dot += r.components[c * A.nCols + j] * v[c][j];
      expect(Math.abs(dot)).toBeGreaterThan(1 - 1e-4);
      expect(dot).toBeGreaterThan(0); // svd_flip: largest |entry| positive, and v_c is all positive
    }
    // U·S rows of block c are multiples of e_c, so normalised embedding rows are ±e_c
    const k = r.nComponents;
    expect(Math.abs(r.embedding[0 * k + 0])).toBeCloseTo(1, 5);
    expect(Math.abs(r.embedding[(2 * 30) * k + 2])).toBeCloseTo(1, 5);
  });

  it('returns orthonormal components and sane explained variance', async () => {
    const A = randomSparse(300, 200, 0.1, 5);
    const r = await truncatedSvd(A, { nComponents: 20, seed: 1 });
    expect(r.components.length).toBe(20 * 200);
    expect(r.embedding.length).toBe(300 * 20);
    expect(maxOrthoError(r.components, 20, 200)).toBeLessThan(1e-4);
    for (let c = 1; c < 20; c++) expect(r.singularValues[c]).toBeLessThanOrEqual(r.singularValues[c - 1]);
    const evr = Array.from(r.explainedVarianceRatio);
    evr.forEach((x) => { expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThanOrEqual(1); });
    expect(evr.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    for (let i = 0; i < 300; i++) {
      let sq = 0;
      for (let c = 0; c < 20; c++) sq += r.embedding[i * 20 + c] ** 2;
      expect(sq).toBeCloseTo(1, 5);
    }
  });

  it('explains all variance of an exactly rank-k matrix', async () => {
    const { A } = planted([4, 3, 2], 10, 10, 2);
    const r = await truncatedSvd(A, { nComponents: 3, seed: 0 });
    expect(r.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('is bitwise reproducible for a seed, whatever the thread count, and depends on the seed', async () => {
    // large enough (stored entries x sketch width over the 4M split threshold) for the second thread to get rows
    const A = randomSparse(6000, 300, 0.06, 9);
    const opts = { nComponents: 40, nOversamples: 10, nIter: 2, seed: 11 };
    const one = await truncatedSvd(A, { ...opts, threads: 1 });
    const again = await truncatedSvd(A, { ...opts, threads: 1 });
    const two = await truncatedSvd(A, { ...opts, threads: 2 });
    const other = await truncatedSvd(A, { ...opts, seed: 12, threads: 1 });
    expect(one.workerJobs).toBe(0);
    expect(two.workerJobs).toBeGreaterThan(0);
    expect(Buffer.from(again.embedding.buffer).equals(Buffer.from(one.embedding.buffer))).toBe(true);
    expect(Buffer.from(two.embedding.buffer).equals(Buffer.from(one.embedding.buffer))).toBe(true);
    expect(Buffer.from(two.components.buffer).equals(Buffer.from(one.components.buffer))).toBe(true);
    expect(Array.from(two.singularValues)).toEqual(Array.from(one.singularValues));
    expect(Buffer.from(other.components.buffer).equals(Buffer.from(one.components.buffer))).toBe(false);
    // a different seed still finds (nearly) the same leading singular value
    expect(Math.abs(other.singularValues[0] - one.singularValues[0]) / one.singularValues[0]).toBeLessThan(1e-3);
  });

  it('reports progress and validates options', async () => {
    const A = randomSparse(40, 30, 0.2, 1);
    const seen: number[] = [];
    await truncatedSvd(A, { nComponents: 5, nIter: 2 }, (done, total) => { expect(total).toBe(7); seen.push(done); });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(SVD_DEFAULTS).toMatchObject({ nComponents: 100, nOversamples: 10, nIter: 5 });
    await expect(truncatedSvd(A, { nComponents: 31 })).rejects.toThrow(/nComponents/);
  });
});
