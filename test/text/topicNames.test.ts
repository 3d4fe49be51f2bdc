// Topic names: led by the most distinctive phrase, no word twice (hyphen parts count), distinct in a run; a carried name that drifted is renamed.
import { describe, expect, it } from 'vitest';
import { composeName, distinctNames, nameHolds, repeatsNoWord, wordsOf } from '../../pipeline/text/topicNames.ts';
import { nameTopics } from '../../pipeline/stages/label.ts';
import type { Topic } from '../../pipeline/artifacts/topics.ts';
import { mulberry32 } from '../../pipeline/math/random.ts';

describe('composeName', () => {
  it('leads with a phrase that extends the top term and repeats no word', () => {
    expect(composeName(['GUI', 'GUI agents', 'mobile', 'agents', 'web'])).toEqual(['GUI agents', 'mobile', 'web']);
    expect(composeName(['audio', 'audio-visual', 'video', 'speech'])).toEqual(['audio-visual', 'video', 'speech']);
    expect(composeName(['spatial', 'spatial reasoning', 'VLM', 'reasoning', '3D'])).toEqual(['spatial reasoning', 'VLM', '3D']);
    expect(composeName(['LLM', 'fine-tuning', 'unlearning'])).toEqual(['LLM', 'fine-tuning', 'unlearning']);
    expect(wordsOf('audio-visual speech')).toEqual(['audio', 'visual', 'speech']);
  });

  it('never produces a name that repeats a word, on random term lists', () => {
    const words = ['audio', 'visual', 'video', 'model', 'language', 'agents', 'GUI', 'reasoning', 'spatial', '3D', 'scene'];
    const rand = mulberry32(7);
    for (let k = 0; k < 2000; k++) {
      const terms = Array.from({ length: 3 + Math.floor(rand() * 8) }, () => {
        const n = 1 + Math.floor(rand() * 2);
        const sep = rand() < 0.5 ? ' ' : '-';
        return Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(sep);
      });
      const name = composeName(terms).join(' · ');
      expect(repeatsNoWord(name), `${terms.join(', ')} -> ${name}`).toBe(true);
    }
    expect(repeatsNoWord('audio · audio-visual · video')).toBe(false);
    expect(repeatsNoWord('GUI · GUI agents · mobile')).toBe(false);
  });
});

describe('distinctNames', () => {
  it('extends a repeated name with the next term that shares no word, keeping the user names', () => {
    const names = ['3D · scene · geometry', '3D · scene · geometry', 'mine'];
    const ranked = [['3D', 'scene', 'geometry'], ['3D', 'scene', 'geometry', 'scene graph', 'reconstruction'], ['x']];
    expect(distinctNames(names, ranked, [false, false, true])).toEqual(['3D · scene · geometry', '3D · scene · geometry · reconstruction', 'mine']);
    expect(distinctNames(['a', 'a'], [['a'], ['a']], [false, false])).toEqual(['a', 'a (2)']);
  });
});

describe('nameTopics', () => {
  const topic = (id: number, size: number, terms: string[], status: 'carried' | 'new' = 'carried'): Topic => ({
    id,
    name: composeName(terms).join(' · '),
    nameSource: 'computed',
    inheritName: '',
    match: { previous: status === 'new' ? null : id, previousId: status === 'new' ? null : id, status, mergedFrom: [], similarity: 0.5, paperJaccard: 0.5, termCosine: 0.5, termJaccard: 0.5, evidence: 'papers', previousName: null },
    size,
    terms: terms.map((term, i) => ({ term, weight: 1 / (i + 1) })),
    representatives: [],
    mostUpvoted: [],
  });

  it('keeps a carried name while its terms are among the top terms, renames it when they drift, keeps user names', () => {
    const topics = [
      topic(0, 30, ['retrieval', 'dense', 'reranking', 'index']),
      topic(1, 20, ['scientific', 'prediction', 'forecasting', 'time series']),
      topic(2, 10, ['speech', 'audio', 'acoustic']),
      topic(3, 5, ['graphs', 'nodes'], 'new'),
    ];
    const inherited = ['retrieval · dense · reranking', 'foundation models · chart · dataset', 'speech · audio · tts', null];
    nameTopics(topics, inherited, topics.map((t) => t.terms.map((x) => x.term)), { '2': 'Speech, mine' });
    expect(topics.map((t) => [t.name, t.nameSource, t.match?.status])).toEqual([
      ['retrieval · dense · reranking', 'inherited', 'carried'],
      ['scientific · prediction · forecasting', 'computed', 'renamed'],
      ['Speech, mine', 'user', 'carried'],
      ['graphs · nodes', 'computed', 'new'],
    ]);
    expect(nameHolds('retrieval · dense', ['Retrieval', 'dense'])).toBe(true);
  });

  it('gives two topics with the same words two names', () => {
    const topics = [topic(0, 30, ['3D', 'scene', 'geometry', 'indoor']), topic(1, 20, ['3D', 'scene', 'geometry', 'motion'])];
    nameTopics(topics, [null, null], topics.map((t) => t.terms.map((x) => x.term)), {});
    expect(topics.map((t) => t.name)).toEqual(['3D · scene · geometry', '3D · scene · geometry · motion']);
  });
});
