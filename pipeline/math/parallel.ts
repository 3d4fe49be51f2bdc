// Runs the SVD's row kernels over row ranges on the main thread plus the worker pool's threads, sharing memory.
import { WorkerPool } from './workerPool.ts';
import { gramRows, spmmBlockedRows, spmmRows, tallTimesSmall } from './kernels.mjs';
import type { CSR } from './sparse.ts';

/** Rows per Gram block: fixed, so Gram sums are added in the same order whatever the thread count. */
export const GRAM_CHUNK = 4096;
/** Below this many multiply-adds a kernel call stays on the main thread. */
const MIN_PARALLEL_WORK = 4_000_000;

/**
 * Row-parallel kernels. With threads > 1, threads - 1 workers of the shared WorkerPool run the
 * kernels and the main thread takes the first range itself. Every output row is computed by
 * exactly one thread in a fixed order, and Gram blocks are summed in block order, so results are
 * bitwise identical for any thread count. Arrays passed to the kernels must come from
 * `alloc`/`share` (SharedArrayBuffer-backed when workers exist).
 */
export class RowParallel {
  readonly threads: number;
  private readonly pool: WorkerPool;

  constructor(threads: number) {
    this.pool = new WorkerPool(threads);
    this.threads = this.pool.threads;
  }

  /** Default thread count: the machine's available parallelism. */
  static defaultThreads(): number {
    return WorkerPool.defaultThreads();
  }

  /** Row ranges handed to worker threads so far (0: everything ran on the main thread). */
  get workerJobs(): number {
    return this.pool.jobs;
  }

  private buffer(bytes: number): ArrayBufferLike {
    return this.pool.buffer(bytes);
  }

  /** Zeroed float64 array the workers can see. */
  alloc(n: number): Float64Array {
    return new Float64Array(this.buffer(n * 8));
  }

  /** Allocator for typed arrays the workers can see (e.g. for transposeCsr). */
  readonly allocBytes = (bytes: number): ArrayBufferLike => this.buffer(bytes);

  /** The matrix with its arrays in shared memory (the same object when there are no workers). */
  shareCsr(m: CSR): CSR {
    if (!this.pool.parallel) return m;
    const indptr = new Int32Array(this.buffer(m.indptr.byteLength));
    indptr.set(m.indptr);
    const indices = new Int32Array(this.buffer(m.indices.byteLength));
    indices.set(m.indices);
    const data = new Float32Array(this.buffer(m.data.byteLength));
    data.set(m.data);
    return { nRows: m.nRows, nCols: m.nCols, indptr, indices, data };
  }

  private async run(op: string, args: Record<string, unknown>, worker: number): Promise<void> {
    await this.pool.run(worker, op, args);
  }

  private parts(work: number): number {
    return work < MIN_PARALLEL_WORK ? 1 : this.threads;
  }

  /** out (nRows x l) = M X, X being M.nCols x l, row-major. Ranges balanced by stored entries. */
  async spmm(M: CSR, X: Float64Array, l: number, out: Float64Array): Promise<void> {
    const { indptr, indices, data, nRows } = M;
    const total = indptr[nRows];
    const parts = this.parts(total * l);
    const bounds = [0];
    for (let t = 1; t < parts; t++) {
      const target = (total * t) / parts;
      let lo = bounds[t - 1], hi = nRows;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (indptr[mid] < target) lo = mid + 1; else hi = mid; }
      bounds.push(lo);
    }
    bounds.push(nRows);
    const jobs: Promise<void>[] = [];
    for (let t = 1; t < parts; t++) {
      jobs.push(this.run('spmm', { indptr, indices, data, X, l, out, r0: bounds[t], r1: bounds[t + 1] }, t - 1));
    }
    spmmRows(indptr, indices, data, X, l, out, bounds[0], bounds[1]);
    await Promise.all(jobs);
  }

  /**
   * out (nRows x l) = (Σ_b blocks[b]) X for the blocks of transposeBlocked; `rowPtr` is the
   * unblocked transpose's indptr (cumulative entries per output row), used to balance ranges.
   */
  async spmmBlocked(blocks: CSR[], rowPtr: Int32Array, X: Float64Array, l: number, out: Float64Array): Promise<void> {
    const nRows = rowPtr.length - 1;
    const total = rowPtr[nRows];
    const parts = this.parts(total * l);
    const bounds = [0];
    for (let t = 1; t < parts; t++) {
      const target = (total * t) / parts;
      let lo = bounds[t - 1], hi = nRows;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (rowPtr[mid] < target) lo = mid + 1; else hi = mid; }
      bounds.push(lo);
    }
    bounds.push(nRows);
    const arrays = blocks.map((b) => ({ indptr: b.indptr, indices: b.indices, data: b.data }));
    const jobs: Promise<void>[] = [];
    for (let t = 1; t < parts; t++) {
      jobs.push(this.run('spmmBlocked', { blocks: arrays, X, l, out, r0: bounds[t], r1: bounds[t + 1] }, t - 1));
    }
    spmmBlockedRows(arrays, X, l, out, bounds[0], bounds[1]);
    await Promise.all(jobs);
  }

  /** XᵀX (l x l) of X (nRows x l), summed over fixed blocks of GRAM_CHUNK rows in block order. */
  async gram(X: Float64Array, nRows: number, l: number): Promise<Float64Array> {
    const nChunks = Math.max(1, Math.ceil(nRows / GRAM_CHUNK));
    const partials = this.alloc(nChunks * l * l);
    const parts = Math.min(nChunks, this.parts(nRows * l * l / 2));
    const jobs: Promise<void>[] = [];
    const bound = (t: number): number => Math.round((nChunks * t) / parts);
    for (let t = 1; t < parts; t++) {
      jobs.push(this.run('gram', { X, l, nRows, chunk: GRAM_CHUNK, partials, c0: bound(t), c1: bound(t + 1) }, t - 1));
    }
    for (let c = 0; c < bound(1); c++) {
      gramRows(X, l, c * GRAM_CHUNK, Math.min(nRows, (c + 1) * GRAM_CHUNK), partials.subarray(c * l * l, (c + 1) * l * l));
    }
    await Promise.all(jobs);
    const G = new Float64Array(l * l);
    for (let c = 0; c < nChunks; c++) {
      const p = c * l * l;
      for (let i = 0; i < l * l; i++) G[i] += partials[p + i];
    }
    return G;
  }

  /** out (nRows x m) = X (nRows x l) · M (l x m; upper triangular when `upper`). */
  async tall(X: Float64Array, nRows: number, l: number, M: Float64Array, m: number, out: Float64Array, upper = false): Promise<void> {
    const parts = this.parts(nRows * l * m);
    const shared = parts > 1 ? this.alloc(M.length) : M;
    if (shared !== M) shared.set(M);
    const bound = (t: number): number => Math.round((nRows * t) / parts);
    const jobs: Promise<void>[] = [];
    for (let t = 1; t < parts; t++) {
      jobs.push(this.run('tall', { X, l, M: shared, m, out, r0: bound(t), r1: bound(t + 1), upper }, t - 1));
    }
    tallTimesSmall(X, l, shared, m, out, 0, bound(1), upper);
    await Promise.all(jobs);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
