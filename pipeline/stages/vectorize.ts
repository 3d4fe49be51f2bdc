// Stage vectorize: tokens -> TF-IDF matrix (CSR on typed arrays) weighted as scikit-learn's TfidfVectorizer, with its vocabulary.
import type { Stage, StageContext, StageResult } from './stage.ts';
import { buildTfidf, TermPruningError } from '../text/tfidf.ts';
import { UsageError } from '../config.ts';
import { InputError } from '../errors.ts';
import { arraysOutputs } from '../io/arrays.ts';
import { readTokens } from '../artifacts/tokens.ts';
import type { VocabularyEntry } from '../artifacts/tfidf.ts';
import { withPhraseParts } from '../text/phraseParts.ts';
import { MIN_PAPERS_TO_CLUSTER, tooFewToCluster } from './smallRun.ts';

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  const tokens = readTokens(ctx);
  if (tokens.tokens.length === 0) {
    throw new InputError(
      `the ${tokens.docOffsets.length - 1} papers of run ${ctx.run} hold no word papermap can use (their ${ctx.settings.textFields.join(' and ')} are numbers, stopwords or single letters); nothing to map`,
    );
  }
  const corpus = s.phraseParts ? withPhraseParts(tokens) : tokens;
  // A handful of papers cannot share terms by min-df and max-df: every term is kept.
  const small = tooFewToCluster(corpus.docOffsets.length - 1);
  let built: ReturnType<typeof buildTfidf>;
  try {
    built = buildTfidf(corpus, {
      minDf: small ? 1 : s.minDf,
      maxDf: small ? 1.0 : s.maxDf,
      maxFeatures: s.maxFeatures,
      sublinearTf: s.sublinearTf,
    });
  } catch (err) {
    if (!(err instanceof TermPruningError)) throw err;
    const nDocs = corpus.docOffsets.length - 1;
    throw new UsageError(`no term is left after --min-df ${s.minDf} and --max-df ${s.maxDf} over the ${nDocs} papers of run ${ctx.run} (${err.message}); lower --min-df or raise --max-df`);
  }
  const { matrix, terms, df, idf } = built;
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
