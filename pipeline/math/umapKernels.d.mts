// Types for umapKernels.mjs, the UMAP SGD epochs shared by the main thread and UMAP worker threads.

/** Optimisation state of one layout; arrays are per edge except `emb` (n x dim, row-major). */
export interface LayoutKernelState {
  head: Int32Array;
  tail: Int32Array;
  epochsPerSample: Float64Array;
  epochOfNextSample: Float64Array;
  epochOfNextNegativeSample: Float64Array;
  emb: Float64Array;
  dim: number;
  n: number;
  a: number;
  b: number;
  gamma: number;
  lr: number;
  nEpochs: number;
  negativeSampleRate: number;
  /** mulberry32 state, advanced in place. */
  rng: number;
}

/** Run epochs [e0, e1) of the layout SGD in place. */
export function optimizeEpochs(s: LayoutKernelState, e0: number, e1: number): void;

/** 2^y (table for the integer part, degree-9 series for the fraction; relative error < 1e-8). */
export function exp2(y: number): number;
