// Maximal marginal relevance: re-rank a topic's candidate terms so the top ones are relevant but not redundant.
import { coDocumentCounts } from './cooccurrence.ts';
//
// As KeyBERT / BERTopic's mmr: start with the most relevant term; then repeatedly add the candidate
// maximising (1 - λ) · relevance(t) - λ · max over chosen s of similarity(t, s), λ = diversity.
// papermap's choice of vectors (no word embeddings here): relevance = the term's c-TF-IDF weight in
// the class divided by the class's largest; similarity = cosine of the terms' document-occurrence
// vectors within the class's documents (Ochiai: co(t, s) / √(df(t) · df(s))), so "language" and
// "language model", which occur in the same abstracts, count as redundant.

/**
 * Indices into the candidate list, in chosen order: `topN` of the m candidates. similarity is
 * m x m row-major; relevance has m entries. Ties go to the earlier candidate.
 */
export function mmrSelect(relevance: Float64Array, similarity: Float64Array, topN: number, diversity: number): Int32Array {
  const m = relevance.length;
  if (similarity.length !== m * m) throw new Error(`similarity must be ${m} x ${m}`);
  if (!(diversity >= 0 && diversity <= 1)) throw new Error(`diversity must be in [0, 1], got ${diversity}`);
  const count = Math.min(topN, m);
  const chosen = new Int32Array(count);
  if (count === 0) return chosen;
  const used = new Uint8Array(m);
  const maxSim = new Float64Array(m).fill(-Infinity);
  let first = 0;
  for (let i = 1; i < m; i++) if (relevance[i] > relevance[first]) first = i;
  chosen[0] = first;
  used[first] = 1;
  for (let s = 1; s < count; s++) {
    const last = chosen[s - 1];
    for (let i = 0; i < m; i++) if (!used[i]) maxSim[i] = Math.max(maxSim[i], similarity[i * m + last]);
    let best = -1, bestScore = -Infinity;
    for (let i = 0; i < m; i++) {
      if (used[i]) continue;
      const score = (1 - diversity) * relevance[i] - diversity * maxSim[i];
      if (score > bestScore) { bestScore = score; best = i; }
    }
    chosen[s] = best;
    used[best] = 1;
  }
  return chosen;
}

/**
 * Ochiai (cosine) similarity of the candidate terms' occurrence sets over the given documents
 * (term-id runs as tokenize.ts makes them): co(t, s) / √(df(t) df(s)); 0 when either never occurs;
 * 1 on the diagonal.
 */
export function occurrenceSimilarity(docOffsets: Int32Array, tokens: Int32Array, docs: ArrayLike<number>, terms: Int32Array, nTerms: number): Float64Array {
  const { df, co, m } = coDocumentCounts(docOffsets, tokens, docs, terms, nTerms);
  const sim = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    sim[i * m + i] = 1;
    for (let j = 0; j < m; j++) if (i !== j && df[i] > 0 && df[j] > 0) sim[i * m + j] = co[i * m + j] / Math.sqrt(df[i] * df[j]);
  }
  return sim;
}
