// Document and co-document frequencies of a set of terms over some documents: the counts MMR's term similarity and NPMI coherence share.

export interface CoCounts {
  /** Slot of each term id in the counts (-1: not counted). */
  slot: Int32Array;
  /** Documents holding each counted term, by slot. */
  df: Float64Array;
  /** m x m row-major: documents holding both terms of a pair, by slots (the diagonal stays 0). */
  co: Float64Array;
  m: number;
}

/**
 * For the terms `terms` (distinct term ids), how many of the documents `docs` (indices, or all when
 * null) hold each, and each pair. A term counts once a document however often it occurs.
 */
export function coDocumentCounts(docOffsets: Int32Array, tokens: Int32Array, docs: ArrayLike<number> | null, terms: ArrayLike<number>, nTerms: number): CoCounts {
  const m = terms.length;
  const slot = new Int32Array(nTerms).fill(-1);
  for (let i = 0; i < m; i++) slot[terms[i]] = i;
  const df = new Float64Array(m);
  const co = new Float64Array(m * m);
  const stamp = new Int32Array(m).fill(-1);
  const present: number[] = [];
  const nDocs = docs === null ? docOffsets.length - 1 : docs.length;
  for (let q = 0; q < nDocs; q++) {
    const d = docs === null ? q : docs[q];
    present.length = 0;
    for (let p = docOffsets[d]; p < docOffsets[d + 1]; p++) {
      const t = tokens[p];
      const s = t >= 0 && t < nTerms ? slot[t] : -1;
      if (s < 0 || stamp[s] === q) continue;
      stamp[s] = q;
      present.push(s);
    }
    for (let a = 0; a < present.length; a++) {
      df[present[a]]++;
      for (let b = a + 1; b < present.length; b++) { co[present[a] * m + present[b]]++; co[present[b] * m + present[a]]++; }
    }
  }
  return { slot, df, co, m };
}
