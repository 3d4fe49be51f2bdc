// The TF-IDF artifacts: the matrix (tfidf.json + tfidf.bin, CSR), its vocabulary (vocabulary.json), and the terms it kept.
import type { CSR } from '../math/sparse.ts';
import { readTokens } from './tokens.ts';
import type { Reads } from './reader.ts';

/** One column of the matrix: its term key, display form, document frequency and idf. */
export interface VocabularyEntry {
  key: string;
  display: string;
  df: number;
  idf: number;
}

/** The TF-IDF artifact (`tfidf.json` + `tfidf.bin`) read back as CSR. */
export function readTfidf(ctx: Reads): CSR {
  const b = ctx.read.arrays('tfidf');
  return {
    nRows: b.meta.nRows as number,
    nCols: b.meta.nCols as number,
    indptr: b.arrays.indptr as Int32Array,
    indices: b.arrays.indices as Int32Array,
    data: b.arrays.data as Float32Array,
  };
}

/** The run's tokens and a mask of the terms the TF-IDF stage kept (what c-TF-IDF counts). */
export function keptTerms(ctx: Reads): { corpus: ReturnType<typeof readTokens>; nTerms: number; keep: Uint8Array } {
  const corpus = readTokens(ctx);
  const nTerms = corpus.vocab.length;
  const vocabulary = ctx.read.json<VocabularyEntry[]>('vocabulary.json');
  const idOfKey = new Map(corpus.vocab.map((key, t) => [key, t]));
  const keep = new Uint8Array(nTerms);
  for (const v of vocabulary) keep[idOfKey.get(v.key) as number] = 1;
  return { corpus, nTerms, keep };
}
