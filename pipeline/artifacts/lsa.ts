// The LSA artifact (lsa.json + lsa.bin): every paper's unit-length LSA vector.
import type { Reads } from './reader.ts';

/** The LSA embedding (`lsa.json` + `lsa.bin`): N x k row-major, rows of unit length. */
export function readLsa(ctx: Reads): { embedding: Float32Array; nRows: number; dims: number } {
  const b = ctx.read.arrays('lsa');
  return { embedding: b.arrays.embedding as Float32Array, nRows: b.meta.nRows as number, dims: b.meta.dims as number };
}
