// Tests of text normalisation and of RawPaper -> Paper (rejects, stable ids, counts).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { arxivId, normalizePaper, normalizeText } from '../../pipeline/sources/normalize.ts';
import { isReject } from '../../pipeline/sources/rejects.ts';
import type { RawPaper } from '../../pipeline/sources/types.ts';
import type { Paper } from '../../pipeline/paper.ts';

function paper(raw: RawPaper): Paper {
  const p = normalizePaper(raw);
  if (isReject(p)) throw new Error(`unexpected reject: ${p.reason}`);
  return p;
}

describe('normalizeText', () => {
  it('composes to NFC and collapses whitespace', () => {
    expect(normalizeText('  Cafe\u0301\n\n\tbar   baz\u00a0qux ')).toBe('Café bar baz qux');
  });

  it('strips stray HTML tags but keeps comparisons', () => {
    expect(normalizeText('H<sub>2</sub>O is <b>wet</b>.<br/>Next<p class="x">para</p>')).toBe('H2O is wet. Next para');
    expect(normalizeText('<jats:p>Abstract text.</jats:p>')).toBe('Abstract text.');
    expect(normalizeText('a<b and c>d, x < y > z')).toBe('a<b and c>d, x < y > z');
  });

  it('decodes the common entities once', () => {
    expect(normalizeText('Q&amp;A &lt;tag&gt; &quot;q&quot; it&#39;s &#233; &#x3b1; &amp;lt;')).toBe('Q&A <tag> "q" it\'s é α &lt;');
    expect(normalizeText('AT&T & co')).toBe('AT&T & co');
  });

  it('reduces inline math to its plain content', () => {
    expect(normalizeText('runs in $\\mathcal{O}(n)$ time')).toBe('runs in O(n) time');
    expect(normalizeText('a $\\alpha$-divergence with $k \\leq 10$ and $O(n \\log n)$')).toBe('a alpha-divergence with k ≤ 10 and O(n log n)');
    expect(normalizeText('$$x^2$$ and $\\alpha\\beta$')).toBe('x^2 and alpha beta');
    expect(normalizeText('costs $5 and $10 today')).toBe('costs $5 and $10 today');
  });

  it('unwraps text commands, drops citations, turns ties into spaces', () => {
    expect(normalizeText('\\emph{Deep} and \\textbf{bold \\textit{nested}} \\texttt{code}')).toBe('Deep and bold nested code');
    expect(normalizeText('as shown~\\cite{smith2020,lee2021} in Fig.~3 (see~\\citep[p.~2]{x})')).toBe('as shown in Fig. 3 (see )');
    expect(normalizeText('50\\% of \\& more')).toBe('50% of & more');
    expect(normalizeText('see github.io/~user and ~3x faster')).toBe('see github.io/~user and ~3x faster');
  });

  it('leaves plain text alone', () => {
    const s = 'A plain abstract, with punctuation (and brackets) - nothing to change.';
    expect(normalizeText(s)).toBe(s);
  });
});

describe('arxivId', () => {
  it('reduces URLs, prefixes and versions to the bare id', () => {
    expect(arxivId('2401.00001v2')).toBe('2401.00001');
    expect(arxivId(' arXiv:2401.00001 ')).toBe('2401.00001');
    expect(arxivId('https://arxiv.org/abs/2401.00001v3')).toBe('2401.00001');
    expect(arxivId('http://arxiv.org/pdf/2401.00001v1.pdf')).toBe('2401.00001');
    expect(arxivId('https://huggingface.co/papers/2511.16334')).toBe('2511.16334');
    expect(arxivId('hep-th/9901001v2')).toBe('hep-th/9901001');
    expect(arxivId('train/alt.atheism/49960')).toBeNull();
    expect(arxivId('https://example.org/2401.00001')).toBeNull();
  });
});

describe('normalizePaper', () => {
  const base: RawPaper = { file: 'f.jsonl', line: 7, title: '  A  Title ', abstract: 'An <i>abstract</i>.' };

  it('normalises fields and fills defaults', () => {
    expect(paper(base)).toEqual({
      id: expect.stringMatching(/^h:[0-9a-f]{16}$/),
      title: 'A Title',
      abstract: 'An abstract.',
      date: null,
      published: null,
      authors: [],
      authorCount: 0,
      upvotes: null,
      url: null,
      source: 'f.jsonl:7',
    });
  });

  it('hashes lower-cased title and abstract when there is no id', () => {
    const expected = 'h:' + createHash('sha256').update('a title\nAn abstract.').digest('hex').slice(0, 16);
    expect(paper(base).id).toBe(expected);
    expect(paper({ ...base, title: 'A TITLE', line: 9 }).id).toBe(expected);
    expect(paper({ ...base, abstract: 'Another abstract.' }).id).not.toBe(expected);
  });

  it('uses the own id, reduced when it is an arXiv one, else the arXiv id of the url', () => {
    expect(paper({ ...base, id: ' arXiv:2401.00001v2 ' }).id).toBe('2401.00001');
    expect(paper({ ...base, id: 'train/alt.atheism/49960' }).id).toBe('train/alt.atheism/49960');
    expect(paper({ ...base, url: 'https://arxiv.org/abs/2401.00002v1' }).id).toBe('2401.00002');
    expect(paper({ ...base, id: '  ', url: 'https://example.org/x' }).id).toMatch(/^h:/);
  });

  it('rejects a missing title or abstract, also when only markup is left', () => {
    expect(normalizePaper({ ...base, title: undefined })).toEqual({ file: 'f.jsonl', line: 7, reason: 'no title', excerpt: 'An abstract.' });
    expect(normalizePaper({ ...base, abstract: '<p> </p> &nbsp;' })).toEqual({ file: 'f.jsonl', line: 7, reason: 'no abstract', excerpt: 'A Title' });
  });

  it('counts authors from the list or the given count, and keeps labels', () => {
    expect(paper({ ...base, authors: ['A', ' ', 'B'] })).toMatchObject({ authors: ['A', 'B'], authorCount: 2 });
    expect(paper({ ...base, authors: [], authorCount: 6 }).authorCount).toBe(6);
    expect(paper({ ...base, authors: ['A', 'B'], authorCount: 1 }).authorCount).toBe(2);
    expect(paper({ ...base, labels: ['cs.CL', 'cs.LG', 'cs.CL'] }).labels).toEqual(['cs.CL', 'cs.LG']);
    expect(paper({ ...base, labels: [] }).labels).toBeUndefined();
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(normalizePaper({ ...base, date: 'Nov 11' })).toMatchObject({ reason: "date 'Nov 11' is not YYYY-MM-DD" });
  });
});
