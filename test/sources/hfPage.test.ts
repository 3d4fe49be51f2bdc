// Tests of the saved Daily Papers page reader, on the user's real page and on a small hand-made one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDateLine, readHfPage, resolvePageDate } from '../../pipeline/sources/hfPage.ts';
import { options, projectRoot, readFixture } from './fixtures.ts';

const SAMPLE = path.join(projectRoot, 'data/sample/daily-papers-page.txt');

describe('readHfPage on the shipped sample page', () => {
  const text = readFileSync(SAMPLE, 'utf8');
  const result = readHfPage(text, 'data/sample/daily-papers-page.txt', options({ asOf: '2026-11-28' }));
  const byTitle = (start: string) => {
    const found = result.records.filter((r) => r.title?.startsWith(start));
    expect(found, start).toHaveLength(1);
    return found[0];
  };

  it('finds 39 papers, no rejects, and the page date', () => {
    expect(result.records).toHaveLength(39);
    expect(result.rejects).toEqual([]);
    expect(result.pageDate).toBe('2025-12-12');
  });

  it('skips the page chrome', () => {
    const titles = result.records.map((r) => r.title);
    for (const chrome of ['new', 'Subscribe', 'Daily Papers', 'byAK and the research community', 'Get trending papers in your email inbox!', 'Dec 12']) {
      expect(titles).not.toContain(chrome);
    }
  });

  it('reads the first paper with its line, author count and year-less date', () => {
    const p = result.records[0];
    expect(p.title).toBe('Unified Work Embeddings: Contrastive Learning of a Bidirectional Multi-task Ranker');
    expect(p.line).toBe(13);
    expect(p.file).toBe('data/sample/daily-papers-page.txt');
    expect(p.authorCount).toBe(3);
    expect(p.authors).toEqual([]);
    expect(p.date).toBe('2025-11-11');
    expect(p.upvotes).toBeNull();
    expect(p.url).toBeNull();
    expect(p.id).toBeUndefined();
    expect(p.abstract).toMatch(/^Workforce transformation across diverse industries/);
    expect(p.abstract).toMatch(/over generalist embedding models\.$/);
  });

  it('takes dates with a year as written', () => {
    const p = byTitle('Contrastive Vision-Language Alignment');
    expect(p.authorCount).toBe(6);
    expect(p.date).toBe('2023-11-28');
    expect(p.upvotes).toBeNull();
    expect(byTitle('Vector representations of text data').date).toBe('2019-01-07');
    expect(byTitle('Token Prepending').date).toBe('2024-12-16');
  });

  it('reads trailing upvote counts, with and without a year', () => {
    const may = byTitle("Let's Predict Sentence by Sentence");
    expect(may.date).toBe('2025-05-28');
    expect(may.upvotes).toBe(2);
    expect(may.authorCount).toBe(10);
    const nov = byTitle('Word-Level Representation From Bytes');
    expect(nov.date).toBe('2022-11-22');
    expect(nov.upvotes).toBe(2);
    expect(byTitle('Zero-Shot Tokenizer Transfer')).toMatchObject({ date: '2024-05-13', upvotes: 3, authorCount: 3 });
    expect(byTitle('Emergent Semantics Beyond Token Embeddings')).toMatchObject({ date: '2025-07-07', upvotes: 1, authorCount: 1 });
  });

  it('resolves year-less dates to the latest day not after the page date', () => {
    expect(byTitle('Assimilation Matters').date).toBe('2025-11-29'); // Nov 29, before Dec 12
    expect(byTitle('CRISP').date).toBe('2025-05-16');
    expect(byTitle('GeoPix').date).toBe('2025-01-12');
  });

  it('reads the last paper, whose "Jun 6 2" line has no trailing newline', () => {
    const last = result.records[result.records.length - 1];
    expect(text.endsWith('Jun 6 2')).toBe(true);
    expect(last.title).toBe('Training-Free Tokenizer Transplantation via Orthogonal Matching Pursuit');
    expect(last).toMatchObject({ date: '2025-06-06', upvotes: 2, authorCount: 2, line: 313 });
  });

  it('keeps the one paper without an authors/date block, with date null', () => {
    const undated = result.records.filter((r) => r.date === null);
    expect(undated).toHaveLength(1);
    expect(undated[0].title).toBe('Forget BIT, It is All about TOKEN: Towards Semantic Information Theory for LLMs');
    expect(undated[0].authorCount).toBeUndefined();
    expect(undated[0].line).toBe(165);
    // the next paper is not swallowed into it
    expect(byTitle('Lexinvariant Language Models')).toMatchObject({ line: 169, date: '2023-05-24', authorCount: 6 });
  });

  it('moves year-less dates back a year when the page date moves', () => {
    const earlier = readHfPage(text, 'p.txt', options({ asOf: '2026-06-01' }));
    expect(earlier.pageDate).toBe('2025-12-12'); // Dec 12 is still the latest one not after June 2026
    const before = readHfPage(text, 'p.txt', options({ asOf: '2025-12-11' }));
    expect(before.pageDate).toBe('2024-12-12');
    expect(before.records[0].date).toBe('2024-11-11');
  });
});

describe('readHfPage on the sample page saved with the site around it (header, navigation, footer)', () => {
  // the page as a browser's "save as text" gives it: the site's header and menus before the page, its footer after
  const page = readFileSync(path.join(projectRoot, 'data/sample/daily-papers-page.txt'), 'utf8');
  const header = readFixture('hf-site-header.txt');
  const footer = readFixture('hf-site-footer.txt');
  const bare = readHfPage(page, 'p.txt', options({ asOf: '2026-11-28' }));
  const whole = readHfPage(`${header}\n${page.replace(/^new\n\nGet trending[\s\S]*?research community\n\n/, '')}\n\n${footer}`, 'p.txt', options({ asOf: '2026-11-28' }));

  it('finds the page date inside the chrome, so no paper date moves a year', () => {
    expect(whole.pageDate).toBe('2025-12-12');
    expect(whole.records.map((r) => r.date)).toEqual(bare.records.map((r) => r.date));
  });

  it('finds the same 39 papers and takes no menu, button or footer line for a paper or a reject', () => {
    expect(whole.records.map((r) => [r.title, r.abstract, r.upvotes, r.authorCount])).toEqual(bare.records.map((r) => [r.title, r.abstract, r.upvotes, r.authorCount]));
    expect(whole.rejects).toEqual([]);
    expect(whole.chrome).toBeGreaterThanOrEqual(15);
    expect(bare.chrome).toBe(0);
  });

  it('finds the page date inside the navigation paragraph ("Previous", the date, "Next" saved without blank lines)', () => {
    const nav = readHfPage(`${header.replace(/Previous\nNext\n$/, '')}Previous\n${page.replace(/^[\s\S]*?research community\n\n/, '').replace(/^Dec 12\n/, 'Dec 12\nNext\n')}\n\n${footer}`, 'p.txt', options({ asOf: '2026-11-28' }));
    expect(nav.pageDate).toBe('2025-12-12');
    expect(nav.records.map((r) => r.date)).toEqual(bare.records.map((r) => r.date));
    expect(nav.rejects).toEqual([]);
  });

  it('still rejects a lone title between two papers (only the edges are chrome)', () => {
    const lines = page.split('\n');
    const at = lines.indexOf('Contrastive Vision-Language Alignment Makes Efficient Instruction Learner');
    const withLone = [...lines.slice(0, at), 'A Lone Title Without Abstract', '', ...lines.slice(at)].join('\n');
    const r = readHfPage(`${header}\n${withLone}\n\n${footer}`, 'p.txt', options({ asOf: '2026-11-28' }));
    expect(r.rejects.map((x) => x.reason)).toEqual(['title with no abstract after it']);
  });
});

describe('readHfPage on a hand-made page', () => {
  const result = readHfPage(readFixture('page-small.txt'), 'page-small.txt', options({ asOf: '2026-01-10' }));
  const rec = (title: string) => result.records.find((r) => r.title === title);

  it('resolves the page date against asOf and paper dates against the page date', () => {
    expect(result.pageDate).toBe('2026-01-03');
    expect(rec('Sparse Probing of Toy Models')).toMatchObject({ line: 7, date: '2025-12-30', authorCount: 2, upvotes: null });
    expect(rec('Leap Day Transformers')).toMatchObject({ line: 15, date: '2024-02-29', authorCount: 1 });
    expect(rec('Old But Dated')).toMatchObject({ line: 23, date: '2021-03-05', upvotes: 7, authorCount: 12 });
    expect(rec('Last Paper Without Newline')).toMatchObject({ line: 51, date: '2025-06-06', upvotes: 2, authorCount: 5 });
  });

  it('keeps a paper without a block and pairs the following title correctly', () => {
    expect(rec('No Block After This One')).toMatchObject({ line: 31, date: null, upvotes: null });
    expect(rec('No Block After This One')?.abstract).toBe('This paper has no authors or date block; the next title follows directly.');
    expect(result.records.map((r) => r.line)).toEqual([7, 15, 23, 31, 51]);
  });

  it('rejects an impossible date, a title without abstract and an abstract without title', () => {
    expect(result.rejects).toEqual([
      expect.objectContaining({ file: 'page-small.txt', line: 35, reason: "invalid date 'Feb 30' (no such day)" }),
      expect.objectContaining({ file: 'page-small.txt', line: 43, reason: 'title with no abstract after it', excerpt: 'A Title Left Alone' }),
      expect.objectContaining({ file: 'page-small.txt', line: 49, reason: 'abstract with no title before it' }),
    ]);
    expect(result.rejects[0].excerpt).toContain('Impossible Day Paper');
  });

  it('reads CRLF line ends the same way', () => {
    const crlf = readHfPage(readFixture('page-small.txt').replace(/\n/g, '\r\n'), 'page-small.txt', options({ asOf: '2026-01-10' }));
    expect(crlf.records).toEqual(result.records);
    expect(crlf.rejects).toEqual(result.rejects);
  });

  it('resolves against asOf when the page has no date of its own', () => {
    const text = 'A Paper\n\nAn abstract that ends properly.\n\n  • 2 authors\n·\nDec 30\n';
    const r = readHfPage(text, 'x.txt', options({ asOf: '2026-01-10' }));
    expect(r.pageDate).toBeNull();
    expect(r.records).toHaveLength(1);
    expect(r.records[0].date).toBe('2025-12-30');
  });

  it('joins an authors/date block split by a blank line', () => {
    const text = 'Dec 12\n\nA Paper\n\nAn abstract.\n\n  • 2 authors\n·\n\nNov 11 4\n';
    const r = readHfPage(text, 'x.txt', options());
    expect(r.rejects).toEqual([]);
    expect(r.records[0]).toMatchObject({ authorCount: 2, date: '2025-11-11', upvotes: 4 });
  });

  it('rejects a block with no paper and a block with an unknown line', () => {
    const text = 'Dec 12\n\nA Paper\n\nAn abstract.\n\n  • 2 authors\n·\nNov 11\n\n  • 3 authors\n·\nNov 12\n\nB Paper\n\nAnother abstract.\n\n  • 1 authors\nSubmitted by someone\nNov 13\n';
    const r = readHfPage(text, 'x.txt', options());
    expect(r.records.map((p) => p.title)).toEqual(['A Paper']);
    expect(r.rejects).toEqual([
      expect.objectContaining({ line: 11, reason: 'authors/date block with no paper before it' }),
      expect.objectContaining({ line: 15, reason: "unrecognised line 'Submitted by someone' in the authors/date block" }),
    ]);
  });

  it('rejects an impossible page date', () => {
    const r = readHfPage('Feb 30\n\nA Paper\n\nAn abstract.\n', 'x.txt', options());
    expect(r.pageDate).toBeNull();
    expect(r.rejects).toEqual([expect.objectContaining({ line: 1, reason: "page date 'Feb 30' is not a valid date" })]);
    expect(r.records).toHaveLength(1);
  });
});

describe('date lines', () => {
  it('parses month-day, year and upvotes', () => {
    expect(parseDateLine('Nov 11')).toMatchObject({ month: 11, day: 11, year: null, upvotes: null });
    expect(parseDateLine('Nov 22, 2022 2')).toMatchObject({ month: 11, day: 22, year: 2022, upvotes: 2 });
    expect(parseDateLine('May 28 2')).toMatchObject({ month: 5, day: 28, year: null, upvotes: 2 });
    expect(parseDateLine('September 5')).toMatchObject({ month: 9, day: 5 });
    expect(parseDateLine('Table 3')).toBeNull();
    expect(parseDateLine('Mayday 3')).toBeNull();
  });

  it('resolves to the latest such day not after the reference', () => {
    const d = parseDateLine('Dec 12');
    if (d === null) throw new Error('no date');
    expect(resolvePageDate(d, '2026-11-28')).toBe('2025-12-12');
    expect(resolvePageDate(d, '2026-12-12')).toBe('2026-12-12');
    const leap = parseDateLine('Feb 29');
    if (leap === null) throw new Error('no date');
    expect(resolvePageDate(leap, '2026-01-03')).toBe('2024-02-29');
    const bad = parseDateLine('Feb 30, 2024');
    if (bad === null) throw new Error('no date');
    expect(resolvePageDate(bad, '2026-01-03')).toBeNull();
  });
});
