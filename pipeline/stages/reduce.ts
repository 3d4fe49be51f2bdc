// Stage reduce: truncated SVD (LSA) of the TF-IDF matrix to n components, rows l2-normalised (with --vectors tfidf; a model's vectors need none).
import type { Stage, StageContext, StageResult } from './stage.ts';
import { truncatedSvd } from '../math/svd.ts';
import { arraysOutputs } from '../io/arrays.ts';
import { readTfidf } from '../artifacts/tfidf.ts';

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  if (s.vectors !== 'tfidf') {
    return { outputs: {}, counts: {}, summary: `vectors ${s.vectors}: the embed stage's vectors are used, no LSA is needed` };
  }
  const A = readTfidf(ctx);
  // As scikit-learn's TruncatedSVD, fewer components than the smaller side of the matrix.
  const maxK = Math.max(1, Math.min(A.nRows, A.nCols) - 1);
  const k = Math.min(s.nComponents, maxK);
  const tick = ctx.report.ticker('reduce', 1);
  const svd = await truncatedSvd(A, { nComponents: k, nIter: s.svdIter, seed: s.seed }, (done, total) =>
    tick.update(done, total),
  );
  tick.end();
  const ratio = Array.from(svd.explainedVarianceRatio, (v) => Math.round(v * 1e6) / 1e6);
  const explained = svd.explainedVarianceRatio.reduce((a, b) => a + b, 0);
  const clamped = k < s.nComponents ? ` (n-components ${s.nComponents} clamped to ${k}: the matrix is ${A.nRows} x ${A.nCols})` : '';
  return {
    outputs: {
      ...arraysOutputs('lsa', { arrays: { embedding: svd.embedding }, meta: { nRows: A.nRows, dims: k } }),
      ...arraysOutputs('svd', {
        arrays: { components: svd.components, singularValues: svd.singularValues },
        meta: { nComponents: k, nCols: A.nCols, explainedVarianceRatio: ratio },
      }),
    },
    counts: { docs: A.nRows, dims: k },
    meta: { explainedVariance: Math.round(explained * 1e6) / 1e6, explainedVarianceRatio: ratio },
    summary: `${A.nRows} docs -> ${k} dims, explained variance ${(explained * 100).toFixed(1)}%${clamped}`,
  };
}

export const reduce: Stage = {
  name: 'reduce',
  about: 'truncated SVD (LSA) to n components',
  reads: ['tfidf.json', 'tfidf.bin'],
  run,
};
