// Tests for the tokenize algorithm: scanning, stopwords, stems and acronyms, display forms, NPMI phrases.
import { describe, expect, it } from 'vitest';
import { scanWords, createWordSpans } from '../../pipeline/text/scan.ts';
import { FIELD_STOPWORDS } from '../../pipeline/text/stopwords.ts';
import { TOKENIZE_DEFAULTS, tokenizeDocs, type TokenizedCorpus } from '../../pipeline/text/tokenize.ts';

const noPhrases = { phrases: { enabled: false } };

function docDisplays(c: TokenizedCorpus, d: number): string[] {
  return Array.from(c.tokens.subarray(c.docOffsets[d], c.docOffsets[d + 1]), (t) => c.display[t]);
}

function docKeys(c: TokenizedCorpus, d: number): string[] {
  return Array.from(c.tokens.subarray(c.docOffsets[d], c.docOffsets[d + 1]), (t) => c.vocab[t]);
}

function words(text: string): string[] {
  const s = scanWords(text, createWordSpans(4));
  return Array.from({ length: s.count }, (_, i) => text.slice(s.start[i], s.end[i]));
}

describe('scanWords', () => {
  it('keeps hyphenated compounds and decimal numbers whole, drops possessive endings', () => {
    expect(words("The model's token-level, multi-vector retrieval-augmented GPT-4o scores 3.5% (1,000 runs).")).toEqual([
      'The', 'model', 'token-level', 'multi-vector', 'retrieval-augmented', 'GPT-4o', 'scores', '3.5', '1,000', 'runs',
    ]);
  });

  it('skips URLs, LaTeX and citations', () => {
    expect(words('Code at https://github.com/x/y and www.example.org/page, e.g., here.')).toEqual(['Code', 'at', 'and', 'here']);
    expect(words('We bound $O(n \\log n)$ time with \\textbf{bold} claims \\cite{a,b} and $$x^2$$ too')).toEqual(['We', 'bound', 'time', 'with', 'claims', 'and', 'too']);
    expect(words('as shown [12] and [3, 4-6] and (Smith et al., 2020) or (Doe, 2021a) but (see below)')).toEqual(['as', 'shown', 'and', 'and', 'or', 'but', 'see', 'below']);
  });

  it('reads letters of every script, and splits Chinese, Japanese and Thai runs into words', () => {
    expect(words('基于大语言模型的检索增强生成方法')).toEqual(['基于', '大', '语言', '模型', '的', '检索', '增强', '生成', '方法']);
    expect(words('大規模言語モデルを用いた検索')).toEqual(['大規模', '言語', 'モデル', 'を', '用', 'い', 'た', '検索']);
    expect(words('BERT模型在中文上的效果')).toEqual(['BERT', '模型', '在', '中文', '上', '的', '効果'.replace('効', '效')]);
    expect(words('대규모 언어 모델 기반 검색')).toEqual(['대규모', '언어', '모델', '기반', '검색']);
    expect(words('نموذج لغوي كبير، للاسترجاع')).toEqual(['نموذج', 'لغوي', 'كبير', 'للاسترجاع']);
    expect(words('Модели языка и हिन्दी भाषा')).toEqual(['Модели', 'языка', 'и', 'हिन्दी', 'भाषा']);
    expect(words('naïve café, x × y ÷ z')).toEqual(['naïve', 'café', 'x', 'y', 'z']);
  });

  it('marks clause breaks at punctuation', () => {
    const s = scanWords('large language models, world model. next', createWordSpans());
    expect(Array.from(s.brk.subarray(0, s.count))).toEqual([0, 0, 0, 1, 0, 1]);
  });
});

describe('tokenizeDocs', () => {
  it('drops English and field stopwords, numbers and short tokens', () => {
    const c = tokenizeDocs(['In this paper we propose a novel method that improves accuracy by 10x on 3 benchmarks (2024).'], noPhrases);
    expect(docDisplays(c, 0)).toEqual(['accuracy', 'benchmarks']);
    expect(FIELD_STOPWORDS).toContain('propose');
  });

  it('matches acronyms on a canonical key and keeps their written form', () => {
    const c = tokenizeDocs(['LLMs beat the LLM baseline; an LLM and a ViT with CoT.', 'llms again'], noPhrases);
    const llm = c.vocab.indexOf('llm');
    expect(llm).toBeGreaterThanOrEqual(0);
    expect(c.display[llm]).toBe('LLM');
    expect(docKeys(c, 0)).toEqual(['llm', 'beat', 'llm', 'baselin', 'llm', 'vit', 'cot']);
    expect(docDisplays(c, 1)[0]).toBe('LLM');
    expect(c.display[c.vocab.indexOf('vit')]).toBe('ViT');
  });

  it('uses Porter stems as keys and the most frequent written form for display', () => {
    const c = tokenizeDocs(['Models model models. Modelling graphs', 'graph graph'], noPhrases);
    const model = c.vocab.indexOf('model');
    expect(c.display[model]).toBe('models'); // "models" x2 (one capitalised) vs "model" x1 ("modelling" is its own stem)
    expect(c.display[c.vocab.indexOf('graph')]).toBe('graph');
    // tie between two forms: the alphabetically smaller wins
    const tie = tokenizeDocs(['tokens token'], noPhrases);
    expect(tie.display).toEqual(['token']);
  });

  it('keeps compounds whole with per-part keys and user stopwords by surface or key', () => {
    const c = tokenizeDocs(['Token-level and LLM-based retrieval; diffusion models'], { extraStopwords: ['Diffusion', 'model'], phrases: { enabled: false } });
    expect(docDisplays(c, 0)).toEqual(['token-level', 'LLM-based', 'retrieval']);
    expect(docKeys(c, 0)[0]).toBe('token level');
  });

  it('numbers term ids by first occurrence and keeps empty documents', () => {
    const c = tokenizeDocs(['beta alpha beta', '', 'gamma alpha'], noPhrases);
    expect(c.vocab).toEqual(['beta', 'alpha', 'gamma']);
    expect(Array.from(c.docOffsets)).toEqual([0, 3, 3, 5]);
    expect(Array.from(c.tokens)).toEqual([0, 1, 0, 2, 1]);
  });

  describe('phrases', () => {
    // a corpus where "large language model" is a collocation, "world" and "model" are not
    const filler = ['graph', 'kernel', 'protein', 'robot', 'speech', 'vision', 'agent', 'policy', 'sensor', 'query'];
    const texts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const a = filler[i % 10], b = filler[(i * 3 + 1) % 10];
      texts.push(`${a} large language models for ${b}. The model of the world ${a} and ${b} matter. Retrieval-augmented generation helps ${b}.`);
      texts.push(`A ${b} tackles ${a}; retrieval augmented generation with ${a} world knowledge.`);
    }

    it('merges frequent adjacent pairs into bigram and trigram terms, never across stopwords', () => {
      const c = tokenizeDocs(texts);
      expect(c.vocab).toContain('larg languag model');
      expect(c.display[c.vocab.indexOf('larg languag model')]).toBe('large language models');
      expect(c.vocab).not.toContain('model world');
      expect(c.vocab.some((k) => k.includes('model world'))).toBe(false);
      // hyphenated and spaced forms share one key; the more frequent written form is displayed
      const rag = c.vocab.indexOf('retriev augment gener');
      expect(rag).toBeGreaterThanOrEqual(0);
      expect(c.display[rag]).toBe('retrieval augmented generation'); // 40 of each: tie -> alphabetical
      expect(docDisplays(c, 1)).toContain('retrieval augmented generation');
    });

    it('stops at bigrams when maxLength is 2 and respects minCount', () => {
      const c2 = tokenizeDocs(texts, { phrases: { maxLength: 2 } });
      expect(c2.vocab.some((k) => k.split(' ').length > 2)).toBe(false);
      expect(c2.vocab).toContain('larg languag');
      const none = tokenizeDocs(texts, { phrases: { minCount: 1000 } });
      expect(none.vocab.filter((k) => k.includes(' '))).toEqual(['retriev augment']); // the written compound only
    });

    it('is deterministic', () => {
      const a = tokenizeDocs(texts);
      const b = tokenizeDocs([...texts]);
      expect(b.vocab).toEqual(a.vocab);
      expect(b.display).toEqual(a.display);
      expect(Array.from(b.tokens)).toEqual(Array.from(a.tokens));
    });
  });

  it('reports progress and validates options', () => {
    const seen: Array<[number, number]> = [];
    tokenizeDocs(['a b c'], {}, (d, t) => seen.push([d, t]));
    expect(seen.at(-1)).toEqual([3, 3]);
    expect(TOKENIZE_DEFAULTS.phrases.maxLength).toBe(3);
    expect(() => tokenizeDocs([], { phrases: { minNpmi: 2 } })).toThrow(/minNpmi/);
  });
});
