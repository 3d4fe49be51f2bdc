// The document vectors: LSA (lsa.json + lsa.bin, from reduce) or sentence embeddings (vectors.json + vectors.bin, from embed).
import type { Settings } from '../config.ts';
import type { Reads } from './reader.ts';

export interface DocVectors {
  embedding: Float32Array;
  nRows: number;
  dims: number;
}

/** The LSA embedding (`lsa.json` + `lsa.bin`): N x k row-major, rows of unit length. */
export function readLsa(ctx: Reads): DocVectors {
  const b = ctx.read.arrays('lsa');
  return { embedding: b.arrays.embedding as Float32Array, nRows: b.meta.nRows as number, dims: b.meta.dims as number };
}

/** The vectors the settings choose: LSA for --vectors tfidf, the embed stage's for a model. Both N x d, rows of unit length. */
export function readDocVectors(ctx: Reads & { settings: Pick<Settings, 'vectors'> }): DocVectors {
  if (ctx.settings.vectors === 'tfidf') return readLsa(ctx);
  const b = ctx.read.arrays('vectors');
  return { embedding: b.arrays.embedding as Float32Array, nRows: b.meta.nRows as number, dims: b.meta.dims as number };
}
