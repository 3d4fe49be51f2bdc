// Types for knnKernels.mjs, the exact-kNN and NN-descent inner loops shared by the main thread and kNN workers.

/** Replace the root of a bounded max-heap of (dist, idx) pairs in slots [o, o+m) and sift down. */
export function heapReplaceTop(hd: Float32Array, hi: Int32Array, o: number, m: number, dist: number, idx: number): void;
/** Exact m nearest other rows (cosine distance) of query rows [r0, r1) (of Q, default X; self[i] the query's own row of X, default i) as per-row max-heaps in heapD/heapI (row r at (r - r0) * m). */
export function knnExactRows(X: Float32Array, n: number, d: number, m: number, r0: number, r1: number, heapD: Float32Array, heapI: Int32Array, Q?: Float32Array, self?: Int32Array | null): void;
/** max(0, 1 - x_p·x_q) rounded to float32 (float64 sum in four interleaved lanes). */
export function cosineDistance(X: Float32Array, d: number, p: number, q: number): number;
/** NN-descent proposals of rows [r0, r1); returns the count written to upP/upQ/upD, or -1 when cap would overflow. */
export function localJoinRows(X: Float32Array, d: number, K: number, heapD: Float32Array, newC: Int32Array, oldC: Int32Array, maxC: number, r0: number, r1: number, upP: Int32Array, upQ: Int32Array, upD: Float32Array, cap: number): number;
/** x_p · h in float64 (four interleaved lanes). */
export function margin(X: Float32Array, d: number, p: number, h: Float64Array): number;
