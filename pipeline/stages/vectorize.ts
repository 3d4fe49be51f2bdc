// Stage vectorize: tokens -> TF-IDF matrix (CSR on typed arrays) weighted as scikit-learn's TfidfVectorizer, with its vocabulary.
import type { Stage, StageContext, StageResult } from './stage.ts';
import { buildTfidf } from '../text/tfidf.ts';
import type { CSR } from '../math/sparse.ts';
import { arraysOutputs } from '../io/arrays.ts';
import { readTokens } from './tokenize.ts';
import { withPhraseParts } from '../text/phraseParts.ts';
import { MIN_PAPERS_TO_CLUSTER, tooFewToCluster } from './smallRun.ts';

/** One column of the matrix: its term key, display form, document frequency and idf. */
export interface VocabularyEntry {
  key: string;
  display: string;
  df: number;
  idf: number;
}

/** The TF-IDF artifact (`tfidf.json` + `tfidf.bin`) read back as CSR. */
export function readTfidf(ctx: StageContext): CSR {
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
export function keptTerms(ctx: StageContext): { corpus: ReturnType<typeof readTokens>; nTerms: number; keep: Uint8Array } {
  const corpus = readTokens(ctx);
  const nTerms = corpus.vocab.length;
  const vocabulary = ctx.read.json<VocabularyEntry[]>('vocabulary.json');
  const idOfKey = new Map(corpus.vocab.map((key, t) => [key, t]));
  const keep = new Uint8Array(nTerms);
  for (const v of vocabulary) keep[idOfKey.get(v.key) as number] = 1;
  return { corpus, nTerms, keep };
}

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  const tokens = readTokens(ctx);
  const corpus = s.phraseParts ? withPhraseParts(tokens) : tokens;
  // A handful of papers cannot share terms by min-df and max-df: every term is kept.
  const small = tooFewToCluster(corpus.docOffsets.length - 1);
  const { matrix, terms, df, idf } = buildTfidf(corpus, {
    minDf: small ? 1 : s.minDf,
    maxDf: small ? 1.0 : s.maxDf,
    maxFeatures: s.maxFeatures,
    sublinearTf: s.sublinearTf,
  });
  if (matrix.nCols === 0) {
    throw new Error(
      `no term is left after min-df ${s.minDf} and max-df ${s.maxDf} over ${matrix.nRows} documents; lower --min-df or raise --max-df`,
    );
  }
  const vocabulary: VocabularyEntry[] = terms.map((t, j) => ({
    key: corpus.vocab[t],
    display: corpus.display[t],
    df: df[j],
    idf: Math.round(idf[j] * 1e6) / 1e6,
  }));
  let emptyRows = 0;
  for (let i = 0; i < matrix.nRows; i++) if (matrix.indptr[i + 1] === matrix.indptr[i]) emptyRows++;
  const nnz = matrix.indptr[matrix.nRows];
  return {
    outputs: {
      ...arraysOutputs('tfidf', {
        arrays: { indptr: matrix.indptr, indices: matrix.indices, data: matrix.data },
        meta: { nRows: matrix.nRows, nCols: matrix.nCols, layout: 'csr' },
      }),
      'vocabulary.json': JSON.stringify(vocabulary) + '\n',
    },
    counts: { docs: matrix.nRows, terms: matrix.nCols, nnz, emptyRows },
    summary:
      `${matrix.nRows} x ${matrix.nCols} TF-IDF, ${nnz} non-zeros${emptyRows ? `; ${emptyRows} docs with no kept term` : ''}` +
      (small ? `; every term kept (min-df and max-df need at least ${MIN_PAPERS_TO_CLUSTER} papers)` : ''),
  };
}

export const vectorize: Stage = {
  name: 'vectorize',
  about: 'TF-IDF matrix (CSR) and vocabulary',
  reads: ['tokens.json', 'tokens.bin'],
  run,
};
