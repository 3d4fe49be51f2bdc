// Stage tokenize: the chosen text fields of every paper -> term ids per document (stems, acronyms, phrases).
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { Paper } from '../paper.ts';
import { tokenizeDocs } from '../text/tokenize.ts';
import { arraysOutputs } from '../io/arrays.ts';

/** The text of one paper: the chosen fields, each ending a clause so no phrase spans two fields. */
export function paperText(p: Paper, fields: readonly string[]): string {
  const parts: string[] = [];
  for (const f of fields) {
    const v = f === 'title' ? p.title : f === 'abstract' ? p.abstract : '';
    if (v) parts.push(v);
  }
  return parts.join('.\n');
}

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  const papers = ctx.read.jsonl<Paper>('papers.jsonl');
  const texts = papers.map((p) => paperText(p, s.textFields));
  papers.length = 0;
  const tick = ctx.report.ticker('tokenize', 1);
  const corpus = tokenizeDocs(
    texts,
    { extraStopwords: s.stopwords, phrases: { enabled: s.phrases, minCount: s.phraseMinCount, minNpmi: s.phraseMinNpmi } },
    (done, total) => tick.update(done, total),
  );
  tick.end();
  const nDocs = corpus.docOffsets.length - 1;
  const phrases = corpus.vocab.filter((k) => k.includes(' ')).length;
  const empty = corpus.docOffsets.reduce((n, o, i, a) => (i > 0 && o === a[i - 1] ? n + 1 : n), 0);
  const counts = { docs: nDocs, tokens: corpus.tokens.length, terms: corpus.vocab.length, phrases, emptyDocs: empty };
  return {
    outputs: arraysOutputs('tokens', {
      arrays: { docOffsets: corpus.docOffsets, tokens: corpus.tokens },
      meta: { vocab: corpus.vocab, display: corpus.display },
    }),
    counts,
    summary: `${nDocs} docs, ${corpus.tokens.length} tokens, ${corpus.vocab.length} terms (${phrases} multi-word)${empty ? `; ${empty} docs with no terms` : ''}`,
  };
}

export const tokenize: Stage = {
  name: 'tokenize',
  about: 'words, stopwords, stems and phrases of each paper',
  reads: ['papers.jsonl'],
  run,
};
