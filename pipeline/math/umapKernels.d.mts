// Types for umapKernels.mjs, the UMAP SGD epochs shared by the main thread and UMAP worker threads.

/** Optimisation state of one layout; arrays are per edge except `emb` (n x dim, row-major). */
export interface LayoutKernelState {
  head: Int32Array;
  tail: Int32Array;
  epochsPerSample: Float64Array;
  epochOfNextSample: Float64Array;
  epochOfNextNegativeSample: Float64Array;
  emb: Float64Array;
  /** emb as it stood at the start of the epoch, in float32 (other blocks' points are read from here). */
  snap: Float32Array;
  /** blocks x n x dim: each block's pulls on other blocks' points during an epoch. */
  delta: Float64Array;
  /** blocks + 1 point boundaries, and the edges (sorted by head) that go with them. */
  blockPoints: Int32Array;
  blockEdges: Int32Array;
  blocks: number;
  /** mulberry32 state of each block, advanced in place. */
  rngs: Int32Array;
  dim: number;
  n: number;
  a: number;
  b: number;
  gamma: number;
  lr: number;
  nEpochs: number;
  negativeSampleRate: number;
}

/** One epoch of block `blk`'s SGD, in place: its own points live, other blocks' read from snap and pulled through its delta row. */
export function optimizeBlock(s: LayoutKernelState, blk: number, epoch: number): void;

/** After an epoch: block `blk`'s points take the other blocks' pulls (in block order), and snap takes them. */
export function snapshotBlock(s: LayoutKernelState, blk: number): void;

/** 2^y (table for the integer part, degree-9 series for the fraction; relative error < 1e-8). */
export function exp2(y: number): number;
