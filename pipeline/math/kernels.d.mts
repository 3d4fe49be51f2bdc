// Types for kernels.mjs, the numeric inner loops shared by the main thread and SVD worker threads.

/** out rows [r0, r1) = CSR rows [r0, r1) times X (row-major, l columns). */
export function spmmRows(indptr: Int32Array, indices: Int32Array, data: Float32Array, X: Float64Array, l: number, out: Float64Array, r0: number, r1: number, accumulate?: boolean): void;
/** A CSR's arrays, as the kernels read them. */
export interface CsrArrays { indptr: Int32Array; indices: Int32Array; data: Float32Array }
/** out rows [r0, r1) = sum over blocks (in order) of block rows [r0, r1) times X. */
export function spmmBlockedRows(blocks: CsrArrays[], X: Float64Array, l: number, out: Float64Array, r0: number, r1: number): void;
/** G (l x l, overwritten) = sum of X[r]ᵀX[r] over rows [r0, r1). */
export function gramRows(X: Float64Array, l: number, r0: number, r1: number, G: Float64Array): void;
/** out rows [r0, r1) (m columns) = X rows [r0, r1) (l columns) times M (l x m; upper triangular when `upper`). */
export function tallTimesSmall(X: Float64Array, l: number, M: Float64Array, m: number, out: Float64Array, r0: number, r1: number, upper?: boolean): void;
