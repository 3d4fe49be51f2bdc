// Tests of arXiv metadata records (Kaggle snapshot shape) read through JSON Lines.
import { describe, expect, it } from 'vitest';
import { parseCreatedDay } from '../../pipeline/sources/arxivMeta.ts';
import { readSource } from '../../pipeline/sources/detect.ts';
import { options, readFixture } from './fixtures.ts';

describe('arXiv metadata', () => {
  const r = readSource(readFixture('arxiv-meta.jsonl'), 'arxiv-meta.jsonl', 'arxiv', options());

  it('reads date and published from the first version, labels from categories, authors from authors_parsed', () => {
    expect(r.records[0]).toMatchObject({
      line: 1,
      id: '0704.0001',
      date: '2007-04-02',
      published: '2007-04-02',
      labels: ['hep-ph'],
      url: 'https://arxiv.org/abs/0704.0001',
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan'],
      upvotes: null,
    });
    expect(r.records[0].title).toBe('Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies');
  });

  it('finds v1 even when it is not listed first, and splits the authors string', () => {
    expect(r.records[1]).toMatchObject({ line: 2, date: '2007-03-31', labels: ['math.CO', 'cs.CG'], authors: ['Ileana Streinu', 'Louis Theran'] });
  });

  it('keeps a record without versions, with date null', () => {
    expect(r.records[2]).toMatchObject({ line: 3, id: 'cs/9901001v1', date: null, published: null, labels: ['cs.AI'], authors: ['Solo Author'] });
  });

  it('rejects an unreadable created date', () => {
    expect(r.records).toHaveLength(3);
    expect(r.rejects).toEqual([expect.objectContaining({ file: 'arxiv-meta.jsonl', line: 4, reason: "versions created 'sometime in April' is not a date" })]);
  });

  it('parses RFC 2822 dates to the UTC day', () => {
    expect(parseCreatedDay('Mon, 2 Apr 2007 19:18:42 GMT')).toBe('2007-04-02');
    expect(parseCreatedDay('Mon, 2 Apr 2007 23:18:42 -0200')).toBe('2007-04-03');
    expect(parseCreatedDay('2 Apr 2007')).toBe('2007-04-02');
    expect(parseCreatedDay('31 Feb 2007')).toBeNull();
    expect(parseCreatedDay('2007-04-02T10:00:00Z')).toBe('2007-04-02');
  });
});
