// Tests of the CSV parser (RFC 4180 quoting, CRLF, BOM) and of CSV rows read as papers.
import { describe, expect, it } from 'vitest';
import { csvRows, readCsv } from '../../pipeline/sources/csv.ts';
import { options, readFixture } from './fixtures.ts';

const rows = (text: string, sep = ',') => [...csvRows(text, sep)].map((r) => ({ fields: r.fields, line: r.line, ...(r.error ? { error: r.error } : {}) }));

describe('csvRows', () => {
  it('splits plain rows on LF, CRLF and lone CR', () => {
    expect(rows('a,b\nc,d\r\ne,f\rg,h')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['c', 'd'], line: 2 },
      { fields: ['e', 'f'], line: 3 },
      { fields: ['g', 'h'], line: 4 },
    ]);
  });

  it('handles quoted commas, doubled quotes and embedded newlines, counting lines', () => {
    expect(rows('"a,1","say ""hi""","two\r\nlines"\nnext,"x\ny\nz"\nlast,')).toEqual([
      { fields: ['a,1', 'say "hi"', 'two\r\nlines'], line: 1 },
      { fields: ['next', 'x\ny\nz'], line: 3 },
      { fields: ['last', ''], line: 6 },
    ]);
  });

  it('skips a BOM and keeps empty fields', () => {
    expect(rows('\uFEFFa,,c\n,,\n')).toEqual([
      { fields: ['a', '', 'c'], line: 1 },
      { fields: ['', '', ''], line: 2 },
    ]);
  });

  it('reports an unterminated quote and text after a closing quote', () => {
    expect(rows('a,"b"c,d\ne,"open')).toEqual([
      { fields: ['a', 'bc', 'd'], line: 1, error: 'text after a closing quote' },
      { fields: ['e', 'open'], line: 2, error: 'a quote opened on line 2 is never closed' },
    ]);
  });

  it('an unclosed quote costs its own line only: the rows after it are read again', () => {
    expect(rows('id,title\n1,"open title\n2,fine\n3,"quoted, too"\n')).toEqual([
      { fields: ['id', 'title'], line: 1 },
      { fields: ['1', 'open title'], line: 2, error: 'a quote opened on line 2 is never closed' },
      { fields: ['2', 'fine'], line: 3 },
      { fields: ['3', 'quoted, too'], line: 4 },
    ]);
  });

  it('splits on another separator when asked', () => {
    expect(rows('a;b;"c;d"', ';')).toEqual([{ fields: ['a', 'b', 'c;d'], line: 1 }]);
  });
});

describe('readCsv', () => {
  const result = readCsv(readFixture('papers.csv'), 'papers.csv', options());

  it('reads rows through the shared field logic (BOM, CRLF, a "Title" header)', () => {
    expect(result.records[0]).toEqual({
      file: 'papers.csv',
      line: 2,
      id: '2401.00020',
      title: 'Quoted, with comma',
      abstract: 'An abstract with "doubled quotes" and\r\na newline inside.',
      date: '2025-11-24',
      published: null,
      authors: ['Ann Lee', 'Bo Chen'],
      upvotes: 4,
      url: null,
      labels: ['cs.CL', 'cs.LG'],
    });
  });

  it('gives each row its first line and reads empty numeric cells as null', () => {
    expect(result.records.map((r) => [r.line, r.title])).toEqual([
      [2, 'Quoted, with comma'],
      [4, 'Plain title'],
      [6, 'Multi\nline title'],
      [10, 'Last row no newline'],
    ]);
    expect(result.records[1]).toMatchObject({ upvotes: null, authors: ['Cy Dee'], labels: ['cs.CV'] });
    expect(result.records[2]).toMatchObject({ date: null, upvotes: null });
    expect(result.records[2].authors).toBeUndefined();
    expect(result.records[2].labels).toBeUndefined();
    expect(result.records[3]).toMatchObject({ upvotes: 0, abstract: 'Final, quoted.', date: '2025-11-27' });
  });

  it('rejects a row with the wrong field count and a bad number, at their lines', () => {
    expect(result.rejects).toEqual([
      { file: 'papers.csv', line: 5, reason: 'row has 3 fields, the header has 7', excerpt: '2401.00022,Too few,fields' },
      expect.objectContaining({ file: 'papers.csv', line: 8, reason: "upvotes 'lots' is not a number" }),
    ]);
  });

  it('rejects a row with a quoting error and follows the field map', () => {
    const text = 'name,body,when\nx,"y"z,2025-01-01\nTitle,Body text,2025/01/02\n';
    const r = readCsv(text, 'm.csv', options({ map: { title: 'name', abstract: 'body', date: 'when' } }));
    expect(r.rejects).toEqual([expect.objectContaining({ line: 2, reason: 'bad CSV row: text after a closing quote' })]);
    expect(r.records).toEqual([expect.objectContaining({ line: 3, title: 'Title', abstract: 'Body text', date: '2025-01-02' })]);
  });

  it('reads a header-only or empty file as no records', () => {
    expect(readCsv('title,abstract\n', 'h.csv', options())).toEqual({ records: [], rejects: [] });
    expect(readCsv('', 'e.csv', options())).toEqual({ records: [], rejects: [] });
  });
});
