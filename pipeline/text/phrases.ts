// Collocation detection by NPMI of adjacent terms, and merging accepted pairs into phrase terms.
import type { TermTable } from './terms.ts';

/** Marks a clause break in a term stream (punctuation, a stopword, a dropped number...). */
export const BREAK = -1;

/**
 * A term stream: term ids with BREAK markers, one document after another; document d is
 * stream[docOffsets[d] .. docOffsets[d+1]). Phrases never span a BREAK or a document boundary.
 */
export interface TermStream {
  stream: Int32Array;
  /** Display id of each position (its written form), BREAK where stream is BREAK. */
  display: Int32Array;
  docOffsets: Int32Array;
}

export interface PhraseOptions {
  /** Least number of adjacent occurrences of a pair. */
  minCount: number;
  /** Least normalised PMI of a pair, in [-1, 1]. */
  minNpmi: number;
  /** Most words in a phrase (a hyphenated word counts its parts). */
  maxLength: number;
}

/** Accepted pairs: key a * stride + b -> score, with a per-term flag for a fast negative test. */
export interface PhrasePairs {
  stride: number;
  score: Map<number, number>;
  hasLeft: Uint8Array;
}

/**
 * Pairs (a, b) adjacent within a clause whose count c(ab) >= minCount and whose normalised
 * pointwise mutual information
 *     npmi(a,b) = ln(p(ab) / (p(a) p(b))) / -ln p(ab),   p(x) = c(x) / T,  p(ab) = c(ab) / T,
 * (T = number of tokens in the stream, as gensim's npmi scorer) is >= minNpmi, and whose
 * combined word count is <= maxLength. Pairs are counted by a counting sort on the left term
 * and a sort of each left term's right neighbours, so memory stays two Int32Arrays of the
 * number of pairs (no hash map of all pairs).
 */
export function findPhrasePairs(input: TermStream, terms: TermTable, opts: PhraseOptions): PhrasePairs {
  const { stream, docOffsets } = input;
  const nTerms = terms.size;
  const count = new Int32Array(nTerms);
  let total = 0;
  for (let i = 0; i < stream.length; i++) {
    const t = stream[i];
    if (t >= 0) { count[t]++; total++; }
  }
  const words = Int32Array.from(terms.words);
  const eligible = (a: number, b: number): boolean =>
    count[a] >= opts.minCount && count[b] >= opts.minCount && words[a] + words[b] <= opts.maxLength;

  // counting sort of eligible pairs by left term
  const start = new Int32Array(nTerms + 1);
  const nDocs = docOffsets.length - 1;
  for (let d = 0; d < nDocs; d++) {
    const end = docOffsets[d + 1];
    for (let i = docOffsets[d]; i + 1 < end; i++) {
      const a = stream[i], b = stream[i + 1];
      if (a >= 0 && b >= 0 && eligible(a, b)) start[a + 1]++;
    }
  }
  for (let t = 0; t < nTerms; t++) start[t + 1] += start[t];
  const right = new Int32Array(start[nTerms]);
  const fill = start.slice(0, nTerms);
  for (let d = 0; d < nDocs; d++) {
    const end = docOffsets[d + 1];
    for (let i = docOffsets[d]; i + 1 < end; i++) {
      const a = stream[i], b = stream[i + 1];
      if (a >= 0 && b >= 0 && eligible(a, b)) right[fill[a]++] = b;
    }
  }

  const pairs: PhrasePairs = { stride: nTerms, score: new Map(), hasLeft: new Uint8Array(nTerms) };
  const lnT = Math.log(total);
  for (let a = 0; a < nTerms; a++) {
    const lo = start[a], hi = start[a + 1];
    if (hi - lo < opts.minCount) continue;
    const run = right.subarray(lo, hi).sort();
    for (let i = 0; i < run.length;) {
      const b = run[i];
      let j = i + 1;
      while (j < run.length && run[j] === b) j++;
      const cab = j - i;
      if (cab >= opts.minCount) {
        const lnPab = Math.log(cab) - lnT;
        const pmi = lnPab - (Math.log(count[a]) - lnT) - (Math.log(count[b]) - lnT);
        const npmi = lnPab === 0 ? 1 : pmi / -lnPab;
        if (npmi >= opts.minNpmi) {
          pairs.score.set(a * nTerms + b, npmi);
          pairs.hasLeft[a] = 1;
        }
      }
      i = j;
    }
  }
  return pairs;
}

function pairScore(pairs: PhrasePairs, a: number, b: number): number {
  if (a < 0 || b < 0 || a >= pairs.stride || b >= pairs.stride || pairs.hasLeft[a] === 0) return -Infinity;
  return pairs.score.get(a * pairs.stride + b) ?? -Infinity;
}

/**
 * Replace accepted pairs by phrase terms, left to right; when the next pair (b, c) also
 * qualifies and scores higher than (a, b), a stays alone so that b joins c. Consecutive BREAKs
 * collapse to one.
 */
export function mergePhrases(input: TermStream, pairs: PhrasePairs, terms: TermTable): TermStream {
  const { stream, display, docOffsets } = input;
  const nDocs = docOffsets.length - 1;
  const out = new Int32Array(stream.length);
  const outDisplay = new Int32Array(stream.length);
  const outOffsets = new Int32Array(nDocs + 1);
  let o = 0;
  for (let d = 0; d < nDocs; d++) {
    const end = docOffsets[d + 1];
    let i = docOffsets[d];
    while (i < end) {
      const a = stream[i];
      if (a < 0) {
        if (o > outOffsets[d] && out[o - 1] !== BREAK) { outDisplay[o] = BREAK; out[o++] = BREAK; }
        i++;
        continue;
      }
      if (i + 1 < end) {
        const b = stream[i + 1];
        const s = pairScore(pairs, a, b);
        if (s > -Infinity && !(i + 2 < end && pairScore(pairs, b, stream[i + 2]) > s)) {
          const p = terms.internPhrase(a, b);
          outDisplay[o] = terms.phraseDisplayId(display[i], display[i + 1], p);
          out[o++] = p;
          i += 2;
          continue;
        }
      }
      outDisplay[o] = display[i];
      out[o++] = a;
      i++;
    }
    if (o > outOffsets[d] && out[o - 1] === BREAK) o--;
    outOffsets[d + 1] = o;
  }
  return { stream: out.slice(0, o), display: outDisplay.slice(0, o), docOffsets: outOffsets };
}
