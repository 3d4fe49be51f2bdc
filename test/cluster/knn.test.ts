// Tests for pipeline/math/knn.ts: exact neighbours against brute force, NN-descent recall, determinism, umap's layout.
import { describe, expect, it } from 'vitest';
import { knnDescent, knnExact, knnExactForRows, knnRecall, nearestNeighbors } from '../../pipeline/math/knn.ts';
import { sampleRows } from '../../pipeline/math/random.ts';
import { blobs } from './synth.ts';

function bruteForce(X: Float32Array, n: number, d: number, k: number): Int32Array {
  const out = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const ds: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < d; c++) s += X[i * d + c] * X[j * d + c];
      ds.push([Math.fround(Math.max(0, 1 - s)), j]);
    }
    ds.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    out[i * k] = i;
    for (let t = 1; t < k; t++) out[i * k + t] = ds[t - 1][1];
  }
  return out;
}

describe('knnExact', () => {
  it('matches brute force, self first at distance 0, rows sorted', async () => {
    const n = 300, d = 16, k = 8;
    const { X } = blobs(n, d, 5, 1, 3, true);
    const g = await knnExact(X, n, d, { k, threads: 1 });
    expect(g.indices).toEqual(bruteForce(X, n, d, k));
    for (let i = 0; i < n; i++) {
      expect(g.distances[i * k]).toBe(0);
      for (let t = 2; t < k; t++) expect(g.distances[i * k + t]).toBeGreaterThanOrEqual(g.distances[i * k + t - 1]);
    }
  });

  it('gives the same bytes on 1 and 2 threads', async () => {
    const n = 2500, d = 24;
    const { X } = blobs(n, d, 10, 2, 3, true);
    const a = await knnExact(X, n, d, { k: 10, threads: 1 });
    const b = await knnExact(X, n, d, { k: 10, threads: 2 });
    expect(Buffer.from(b.indices.buffer)).toEqual(Buffer.from(a.indices.buffer));
    expect(Buffer.from(b.distances.buffer)).toEqual(Buffer.from(a.distances.buffer));
  });

  it('rejects bad input with a clear message', async () => {
    await expect(knnExact(new Float32Array(10), 5, 3, { k: 3 })).rejects.toThrow(/expected n \* d/);
    await expect(knnExact(new Float32Array(6), 2, 3, { k: 3 })).rejects.toThrow(/at most the number of points/);
  });
});

describe('knnExactForRows', () => {
  it('gives the sampled rows of the full exact graph, byte for byte, on 1 or 2 threads', async () => {
    const n = 3001, d = 24;
    const { X } = blobs(n, d, 12, 5, 2, true);
    const full = await knnExact(X, n, d, { k: 10, threads: 1 });
    const rows = sampleRows(n, 37, 3); // not a multiple of the kernel's four-row block
    for (const threads of [1, 2]) {
      const some = await knnExactForRows(X, n, d, 10, rows, threads);
      rows.forEach((r, s) => {
        expect(Array.from(some.indices.subarray(s * 10, s * 10 + 10))).toEqual(Array.from(full.indices.subarray(r * 10, r * 10 + 10)));
        expect(Array.from(some.distances.subarray(s * 10, s * 10 + 10))).toEqual(Array.from(full.distances.subarray(r * 10, r * 10 + 10)));
      });
    }
  });
});

describe('knnDescent', () => {
  it('reaches recall >= 0.95 on 6,000 clustered points and is deterministic across thread counts', async () => {
    const n = 6000, d = 32;
    const { X } = blobs(n, d, 30, 3, 2, true);
    const a = await knnDescent(X, n, d, { k: 15, seed: 7, threads: 1 });
    const b = await knnDescent(X, n, d, { k: 15, seed: 7, threads: 2 });
    expect(Buffer.from(b.indices.buffer)).toEqual(Buffer.from(a.indices.buffer));
    const rows = sampleRows(n, 300, 1);
    const exact = await knnExactForRows(X, n, d, 15, rows);
    expect(knnRecall(a, exact, rows)).toBeGreaterThanOrEqual(0.95);
    for (let i = 0; i < n; i++) expect(a.indices[i * 15]).toBe(i);
  });

  it('another seed gives another (still good) graph', async () => {
    const n = 6000, d = 32;
    const { X } = blobs(n, d, 30, 3, 2, true);
    const a = await knnDescent(X, n, d, { k: 15, seed: 7, threads: 1, maxIters: 1 });
    const b = await knnDescent(X, n, d, { k: 15, seed: 8, threads: 1, maxIters: 1 });
    expect(Buffer.from(b.indices.buffer).equals(Buffer.from(a.indices.buffer))).toBe(false);
  });

  it('nearestNeighbors picks exact below exactMaxN and NN-descent above', async () => {
    const { X } = blobs(400, 8, 4, 4, 3, true);
    expect((await nearestNeighbors(X, 400, 8, { k: 5, exactMaxN: 500 })).method).toBe('exact');
    expect((await nearestNeighbors(X, 400, 8, { k: 5, exactMaxN: 100 })).method).toBe('nndescent');
  });
});
