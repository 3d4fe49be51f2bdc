// Class-based TF-IDF (BERTopic's c-TF-IDF): term weights per cluster from the tokenized documents, and each cluster's top terms.
//
// For class c and term t (BERTopic's ClassTfidfTransformer without bm25 / sqrt options):
//   tf_{t,c} = count of t in c's documents / total count of terms in c's documents   (L1 per class)
//   f_t      = count of t over all classes
//   A        = ⌊mean over classes of the total term count⌋   (BERTopic truncates it to an integer)
//   w_{t,c}  = tf_{t,c} · ln(1 + A / f_t)
// Terms never seen get weight 0. Documents with a negative label (outliers) are left out.

/** A class-by-term weight matrix, dense row-major (nClasses x nTerms). */
export interface CTfidf {
  nClasses: number;
  nTerms: number;
  weights: Float32Array;
  /** Raw counts per class and term (same shape). */
  counts: Int32Array;
  /** A, the average number of words per class. */
  avgWords: number;
}

/**
 * c-TF-IDF of documents given as term-id runs (tokens[docOffsets[d] .. docOffsets[d+1]), as
 * tokenize.ts produces) with one class label per document. Optionally only the terms in `keep`
 * (e.g. those the TF-IDF stage kept) count.
 */
export function classTfidf(docOffsets: Int32Array, tokens: Int32Array, labels: ArrayLike<number>, nClasses: number, nTerms: number, keep?: Uint8Array): CTfidf {
  const nDocs = docOffsets.length - 1;
  if (labels.length !== nDocs) throw new Error(`labels has ${labels.length} entries for ${nDocs} documents`);
  if (keep && keep.length !== nTerms) throw new Error(`keep has ${keep.length} entries for ${nTerms} terms`);
  const counts = new Int32Array(nClasses * nTerms);
  for (let d = 0; d < nDocs; d++) {
    const c = labels[d];
    if (c < 0) continue;
    if (c >= nClasses || !Number.isInteger(c)) throw new Error(`label ${c} of document ${d} is outside 0..${nClasses - 1}`);
    const o = c * nTerms;
    for (let p = docOffsets[d]; p < docOffsets[d + 1]; p++) {
      const t = tokens[p];
      if (t < 0 || t >= nTerms || (keep && !keep[t])) continue;
      counts[o + t]++;
    }
  }
  const classTotal = new Float64Array(nClasses);
  const termTotal = new Float64Array(nTerms);
  for (let c = 0; c < nClasses; c++) {
    for (let t = 0; t < nTerms; t++) {
      const v = counts[c * nTerms + t];
      classTotal[c] += v;
      termTotal[t] += v;
    }
  }
  let sum = 0;
  for (let c = 0; c < nClasses; c++) sum += classTotal[c];
  const avgWords = nClasses > 0 ? Math.floor(sum / nClasses) : 0;
  const idf = new Float64Array(nTerms);
  for (let t = 0; t < nTerms; t++) idf[t] = termTotal[t] > 0 ? Math.log(1 + avgWords / termTotal[t]) : 0;
  const weights = new Float32Array(nClasses * nTerms);
  for (let c = 0; c < nClasses; c++) {
    if (classTotal[c] === 0) continue;
    const o = c * nTerms;
    for (let t = 0; t < nTerms; t++) {
      const v = counts[o + t];
      if (v > 0) weights[o + t] = (v / classTotal[c]) * idf[t];
    }
  }
  return { nClasses, nTerms, weights, counts, avgWords };
}

/** The n highest-weighted terms of class c (weight > 0), by descending weight, ties by term id. */
export function topTerms(ct: CTfidf, c: number, n: number): Int32Array {
  const o = c * ct.nTerms;
  const heap: number[] = [];
  for (let t = 0; t < ct.nTerms; t++) if (ct.weights[o + t] > 0) heap.push(t);
  heap.sort((a, b) => ct.weights[o + b] - ct.weights[o + a] || a - b);
  return Int32Array.from(heap.slice(0, n));
}
