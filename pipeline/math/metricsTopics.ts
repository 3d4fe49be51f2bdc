// Topic quality figures: coherence as mean NPMI of top-term pairs over document co-occurrence, and topic diversity.
import { coDocumentCounts } from '../text/cooccurrence.ts';
//
// For terms a, b with document frequencies D(a), D(b) and co-document frequency D(a, b) among N
// documents: p(x) = D(x)/N, p(a, b) = D(a, b)/N,
//   NPMI(a, b) = ln(p(a, b) / (p(a) p(b))) / -ln p(a, b),
// with no smoothing: a pair that never co-occurs scores -1 (the NPMI limit), a pair in every
// document 1. A topic's coherence is the mean over its top-N term pairs; the corpus figure is the
// mean over topics with at least two terms. Diversity = unique terms / all top-N terms of all topics.

/** Mean NPMI per topic (NaN for topics with fewer than two terms) and their mean. */
export function topicCoherence(docOffsets: Int32Array, tokens: Int32Array, topics: readonly Int32Array[], nTerms: number): { perTopic: Float64Array; mean: number } {
  const nDocs = docOffsets.length - 1;
  const seen = new Set<number>();
  const termOf: number[] = [];
  for (const tp of topics) for (const t of tp) if (!seen.has(t)) { seen.add(t); termOf.push(t); }
  const { slot, df, co, m } = coDocumentCounts(docOffsets, tokens, null, termOf, nTerms);
  const perTopic = new Float64Array(topics.length);
  let sum = 0, cnt = 0;
  topics.forEach((tp, idx) => {
    let s = 0, pairs = 0;
    for (let a = 0; a < tp.length; a++) {
      for (let b = a + 1; b < tp.length; b++) {
        s += npmi(df[slot[tp[a]]], df[slot[tp[b]]], co[slot[tp[a]] * m + slot[tp[b]]], nDocs);
        pairs++;
      }
    }
    perTopic[idx] = pairs > 0 ? s / pairs : Number.NaN;
    if (pairs > 0) { sum += perTopic[idx]; cnt++; }
  });
  return { perTopic, mean: cnt > 0 ? sum / cnt : Number.NaN };
}

/** NPMI from counts: -1 when the pair never co-occurs, 1 when it occurs in every document. */
export function npmi(dfA: number, dfB: number, dfAB: number, nDocs: number): number {
  if (dfAB <= 0) return -1;
  const pab = dfAB / nDocs;
  if (pab >= 1) return 1;
  const pa = dfA / nDocs, pb = dfB / nDocs;
  return Math.log(pab / (pa * pb)) / -Math.log(pab);
}

/** Share of unique terms among all topics' top terms (1: no term shared between topics). */
export function topicDiversity(topics: readonly Int32Array[]): number {
  const all = new Set<number>();
  let total = 0;
  for (const tp of topics) { for (const t of tp) all.add(t); total += tp.length; }
  return total > 0 ? all.size / total : Number.NaN;
}
