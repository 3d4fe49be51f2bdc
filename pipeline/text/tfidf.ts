// Vectorize stage algorithm: TF-IDF as scikit-learn's TfidfVectorizer weighs it, into a CSR matrix.
import type { CSR } from '../math/sparse.ts';
import type { TokenizedCorpus } from './tokenize.ts';
import { SETTING_DEFAULTS } from '../config.ts';

export interface TfidfOptions {
  /**
   * Drop terms in fewer documents than this. As scikit-learn: a fraction in (0, 1) is a
   * proportion of documents, an integer >= 1 a document count.
   */
  minDf: number;
  /**
   * Drop terms in more documents than this: a fraction in (0, 1] is a proportion (1 = keep all,
   * scikit-learn's max_df=1.0), an integer >= 2 a document count. Applied before maxFeatures.
   */
  maxDf: number;
  /** Keep only the terms with the highest corpus frequency (raw counts); null keeps all. */
  maxFeatures: number | null;
  /** tf = 1 + ln(count) instead of count. */
  sublinearTf: boolean;
  /** idf = ln((1 + n) / (1 + df)) + 1 instead of ln(n / df) + 1. */
  smoothIdf: boolean;
  /** Rows scaled to unit Euclidean length ('l2'), or left as they are (null). */
  norm: 'l2' | null;
}

/** The settings of the reference pipeline (TfidfVectorizer(min_df=2, max_df=0.5, sublinear_tf=True)). */
export const TFIDF_DEFAULTS: Readonly<TfidfOptions> = Object.freeze({
  minDf: SETTING_DEFAULTS.minDf,
  maxDf: SETTING_DEFAULTS.maxDf,
  maxFeatures: SETTING_DEFAULTS.maxFeatures,
  sublinearTf: SETTING_DEFAULTS.sublinearTf,
  smoothIdf: true,
  norm: 'l2' as const,
});

export interface TfidfResult {
  /** Documents x kept terms, float32 weights, columns in scikit-learn's order (sorted term keys). */
  matrix: CSR;
  /** Column j is term terms[j] of the corpus (its vocab/display index). */
  terms: number[];
  /** Document frequency per column. */
  df: Int32Array;
  /** Inverse document frequency per column (computed in float64, stored float32). */
  idf: Float32Array;
}

/** Threshold as a document count: fractions are proportions of nDocs (kept fractional, as scikit-learn). */
function docCount(value: number, nDocs: number, name: string, oneIsFraction: boolean): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a fraction in [0, 1] or a document count, got ${value}`);
  if (value < 1 || (value === 1 && oneIsFraction)) return value * nDocs;
  if (!Number.isInteger(value)) throw new Error(`${name} above 1 must be an integer document count, got ${value}`);
  return value;
}

/**
 * Compare strings by Unicode code point (Python's str order, which scikit-learn's sorted
 * vocabulary follows); differs from code-unit order only for characters beyond U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y;
    return xs ? 1 : -1; // a surrogate (code point > U+FFFF) sorts after any other BMP unit
  }
  return a.length - b.length;
}

/** minDf and maxDf leave no term: the settings do not fit the corpus (the caller names them). */
export class TermPruningError extends Error {
  override name = 'TermPruningError';
}

/** Options with defaults filled in. */
export function resolveTfidfOptions(opts: Partial<TfidfOptions> = {}): TfidfOptions {
  const o: TfidfOptions = { ...TFIDF_DEFAULTS, ...opts };
  if (o.maxFeatures !== null && !(Number.isInteger(o.maxFeatures) && o.maxFeatures > 0)) {
    throw new Error(`maxFeatures must be a positive integer or null, got ${o.maxFeatures}`);
  }
  return o;
}

/**
 * TF-IDF of a tokenized corpus, weighted exactly as scikit-learn's TfidfVectorizer (then
 * TfidfTransformer): per document, tf = count (1 + ln count when sublinear), times
 * idf = ln((1 + n) / (1 + df)) + 1 (smooth) or ln(n / df) + 1, then each row divided by its
 * l2 norm (empty rows stay empty). Terms are kept when minDf <= df <= maxDf; then, if more
 * than maxFeatures remain, the maxFeatures with the highest total count (ties: earlier column
 * first). Columns are sorted by term key in code point order. Weights are computed in float64
 * and stored as float32.
 */
export function buildTfidf(corpus: TokenizedCorpus, options: Partial<TfidfOptions> = {}): TfidfResult {
  const opts = resolveTfidfOptions(options);
  const { tokens, docOffsets, vocab } = corpus;
  const nDocs = docOffsets.length - 1;
  const nTerms = vocab.length;

  // document and corpus frequency per term
  const df = new Int32Array(nTerms);
  const tf = new Float64Array(nTerms);
  const lastDoc = new Int32Array(nTerms).fill(-1);
  for (let d = 0; d < nDocs; d++) {
    for (let k = docOffsets[d]; k < docOffsets[d + 1]; k++) {
      const t = tokens[k];
      tf[t]++;
      if (lastDoc[t] !== d) { lastDoc[t] = d; df[t]++; }
    }
  }

  // which terms to keep, in scikit-learn's column order
  const high = docCount(opts.maxDf, nDocs, 'maxDf', true);
  const low = docCount(opts.minDf, nDocs, 'minDf', false);
  if (high < low) throw new TermPruningError(`maxDf allows terms in at most ${Math.floor(high)} documents, minDf asks for at least ${Math.ceil(low)}`);
  const sorted = Array.from({ length: nTerms }, (_, t) => t).sort((a, b) => compareCodePoints(vocab[a], vocab[b]));
  let kept = sorted.filter((t) => df[t] <= high && df[t] >= low);
  if (opts.maxFeatures !== null && kept.length > opts.maxFeatures) {
    const byFreq = kept.map((t, i) => i).sort((a, b) => tf[kept[b]] - tf[kept[a]] || a - b);
    const chosen = byFreq.slice(0, opts.maxFeatures).sort((a, b) => a - b);
    kept = chosen.map((i) => kept[i]);
  }
  if (kept.length === 0) throw new TermPruningError(`no term is in between ${Math.ceil(low)} and ${Math.floor(high)} documents`);
  const nCols = kept.length;
  const colOf = new Int32Array(nTerms).fill(-1);
  kept.forEach((t, j) => { colOf[t] = j; });

  const colDf = new Int32Array(nCols);
  const idf64 = new Float64Array(nCols);
  const smooth = opts.smoothIdf ? 1 : 0;
  for (let j = 0; j < nCols; j++) {
    colDf[j] = df[kept[j]];
    idf64[j] = Math.log((nDocs + smooth) / (colDf[j] + smooth)) + 1;
  }

  // rows: count kept terms per document, columns sorted within the row
  const indptr = new Int32Array(nDocs + 1);
  const seen = new Int32Array(nCols).fill(-1);
  for (let d = 0; d < nDocs; d++) {
    let n = 0;
    for (let k = docOffsets[d]; k < docOffsets[d + 1]; k++) {
      const j = colOf[tokens[k]];
      if (j >= 0 && seen[j] !== d) { seen[j] = d; n++; }
    }
    indptr[d + 1] = indptr[d] + n;
  }
  const total = indptr[nDocs];
  const indices = new Int32Array(total);
  const data = new Float32Array(total);
  const count = new Int32Array(nCols);
  let w64 = new Float64Array(64);
  for (let d = 0; d < nDocs; d++) {
    const start = indptr[d];
    let n = 0;
    for (let k = docOffsets[d]; k < docOffsets[d + 1]; k++) {
      const j = colOf[tokens[k]];
      if (j < 0) continue;
      if (count[j]++ === 0) indices[start + n++] = j;
    }
    const row = indices.subarray(start, start + n);
    row.sort();
    if (w64.length < n) w64 = new Float64Array(n * 2);
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const j = row[i];
      const c = count[j];
      count[j] = 0;
      const v = (opts.sublinearTf ? Math.log(c) + 1 : c) * idf64[j];
      w64[i] = v;
      sumSq += v * v;
    }
    const norm = opts.norm === 'l2' && sumSq > 0 ? Math.sqrt(sumSq) : 1;
    for (let i = 0; i < n; i++) data[start + i] = w64[i] / norm;
  }

  return {
    matrix: { nRows: nDocs, nCols, indptr, indices, data },
    terms: kept,
    df: colDf,
    idf: Float32Array.from(idf64),
  };
}
