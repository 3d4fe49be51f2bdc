// One pool of worker threads for every parallel kernel: workers run kernelWorker.mjs over shared memory; the caller splits the work and the main thread takes its own part.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

interface Pending {
  resolve: (result: number) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number) => void;
}

/**
 * `threads - 1` workers (the main thread counts as one). Arrays a worker reads or writes must come
 * from `buffer`/`f32`/`i32`/`f64`/`share` (SharedArrayBuffer-backed when there are workers).
 */
export class WorkerPool {
  readonly threads: number;
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Tasks handed to workers so far (0: everything ran on the main thread). */
  jobs = 0;

  constructor(threads: number) {
    this.threads = Math.max(1, Math.floor(threads));
    for (let t = 1; t < this.threads; t++) {
      const w = new Worker(new URL('./kernelWorker.mjs', import.meta.url));
      w.on('message', (msg: { id: number; result?: number; progress?: number }) => {
        const p = this.pending.get(msg.id);
        if (msg.progress !== undefined) {
          p?.onProgress?.(msg.progress);
          return;
        }
        this.pending.delete(msg.id);
        p?.resolve(msg.result ?? 0);
      });
      w.on('error', (e: Error) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  /** The machine's available parallelism: the default thread count. */
  static defaultThreads(): number {
    return availableParallelism();
  }

  get parallel(): boolean {
    return this.workers.length > 0;
  }

  /** Workers there are (threads - 1). */
  get size(): number {
    return this.workers.length;
  }

  buffer(bytes: number): ArrayBufferLike {
    return this.parallel ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  }

  f32(n: number): Float32Array { return new Float32Array(this.buffer(n * 4)); }
  i32(n: number): Int32Array { return new Int32Array(this.buffer(n * 4)); }
  f64(n: number): Float64Array { return new Float64Array(this.buffer(n * 8)); }

  /** The array in memory the workers see (itself when it already is, or when there are no workers). */
  share<T extends Float32Array | Int32Array>(X: T): T {
    if (!this.parallel || X.buffer instanceof SharedArrayBuffer) return X;
    const s = X instanceof Int32Array ? this.i32(X.length) : this.f32(X.length);
    s.set(X);
    return s as T;
  }

  /** Runs `op` on worker `worker` (0-based); resolves with its result. */
  run(worker: number, op: string, args: Record<string, unknown>, onProgress?: (done: number) => void): Promise<number> {
    const id = this.nextId++;
    this.jobs++;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.workers[worker].postMessage({ id, op, args });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
