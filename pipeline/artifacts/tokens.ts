// The tokens artifact (tokens.json + tokens.bin): term keys and display forms, and the term ids of every paper.
import type { TokenizedCorpus } from '../text/tokenize.ts';
import type { Reads } from './reader.ts';

/** The tokens artifact (`tokens.json` + `tokens.bin`) read back as a corpus. */
export function readTokens(ctx: Reads): TokenizedCorpus {
  const b = ctx.read.arrays('tokens');
  return {
    vocab: b.meta.vocab as string[],
    display: b.meta.display as string[],
    docOffsets: b.arrays.docOffsets as Int32Array,
    tokens: b.arrays.tokens as Int32Array,
  };
}
