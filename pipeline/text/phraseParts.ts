// Adds each phrase's word parts to its document's tokens, so a phrase adds to its words' counts instead of replacing them.
import type { TokenizedCorpus } from './tokenize.ts';

/**
 * A corpus in which every multi-word term (key "large language model", or a hyphenated
 * "token level") also counts once for each of its words that exists as a term on its own.
 * Phrase terms stay; the words follow the document's own tokens. Pure; deterministic.
 */
export function withPhraseParts(corpus: TokenizedCorpus): TokenizedCorpus {
  const { vocab, docOffsets, tokens } = corpus;
  const idOf = new Map<string, number>();
  for (const [t, k] of vocab.entries()) idOf.set(k, t);
  const parts: Int32Array[] = vocab.map((k) => {
    if (!k.includes(' ')) return new Int32Array(0);
    const ids = k.split(' ').map((w) => idOf.get(w) ?? -1).filter((t) => t >= 0);
    return Int32Array.from(ids);
  });
  let extra = 0;
  for (let p = 0; p < tokens.length; p++) extra += parts[tokens[p]].length;
  if (extra === 0) return corpus;
  const nDocs = docOffsets.length - 1;
  const out = new Int32Array(tokens.length + extra);
  const offsets = new Int32Array(nDocs + 1);
  let o = 0;
  for (let d = 0; d < nDocs; d++) {
    const start = docOffsets[d];
    const end = docOffsets[d + 1];
    out.set(tokens.subarray(start, end), o);
    o += end - start;
    for (let p = start; p < end; p++) {
      const ps = parts[tokens[p]];
      out.set(ps, o);
      o += ps.length;
    }
    offsets[d + 1] = o;
  }
  return { ...corpus, docOffsets: offsets, tokens: out };
}
