// Tests of the JSON Lines and JSON array readers: aliases, the field map, shapes per record, line numbers, rejects.
import { describe, expect, it } from 'vitest';
import { elementSpans, readJsonArray, readJsonl } from '../../pipeline/sources/jsonRecords.ts';
import { options, readFixture } from './fixtures.ts';

describe('readJsonl', () => {
  const text = readFixture('papers.jsonl');
  const result = readJsonl(text, 'papers.jsonl', options());
  const at = (line: number) => result.records.find((r) => r.line === line);

  it('reads generic records with their fields', () => {
    expect(at(1)).toEqual({
      file: 'papers.jsonl',
      line: 1,
      id: '2401.00001v2',
      title: 'Alpha',
      abstract: 'First abstract.',
      date: '2025-11-24',
      published: null,
      authors: ['Ann Lee', 'Bo Chen'],
      upvotes: 5,
      url: 'https://arxiv.org/abs/2401.00001',
    });
  });

  it('applies the built-in aliases; published never fills date', () => {
    expect(at(2)).toMatchObject({
      title: 'Beta',
      abstract: 'Summary used as abstract.',
      date: null,
      published: '2025-11-20',
      authors: ['Cy Dee'],
      upvotes: 7,
      labels: ['cs.CL'],
    });
    expect(at(4)).toMatchObject({
      abstract: 'Real abstract wins.',
      date: '2025-11-26', // 23:30 at -02:00 is the next day in UTC
      authors: ['Ann Lee', 'Bo Chen', 'Cy Dee'],
      labels: ['cs.LG', 'cs.AI'],
      url: 'https://example.org/gamma',
    });
    expect(at(5)).toMatchObject({ date: '2025-11-26', authorCount: 4, url: 'https://arxiv.org/abs/2401.00004', upvotes: null });
  });

  it('detects the HF API and arXiv metadata shapes per record', () => {
    expect(at(12)).toMatchObject({
      id: '2511.16334',
      title: 'HF entry in JSONL',
      abstract: 'An API entry inside JSON Lines.',
      date: '2025-11-24',
      published: '2025-11-20',
      upvotes: 12,
      authors: ['Kai Z'],
      url: 'https://huggingface.co/papers/2511.16334',
    });
    expect(at(13)).toMatchObject({ id: '0704.0001', date: '2007-04-02', labels: ['hep-ph'], url: 'https://arxiv.org/abs/0704.0001' });
  });

  it('skips the blank line and counts it', () => {
    expect(result.records.map((r) => r.line)).toEqual([1, 2, 4, 5, 12, 13]);
  });

  it('rejects broken lines, non-objects and wrong types with file, line, reason and excerpt', () => {
    const byLine = new Map(result.rejects.map((r) => [r.line, r]));
    expect([...byLine.keys()]).toEqual([6, 7, 8, 9, 10, 11]);
    for (const r of result.rejects) expect(r.file).toBe('papers.jsonl');
    expect(byLine.get(6)?.reason).toMatch(/^broken JSON: /);
    expect(byLine.get(6)?.excerpt).toBe('{"title": "Broken", "abstract":');
    expect(byLine.get(7)?.reason).toBe('record is an array, not an object');
    expect(byLine.get(8)?.reason).toBe('title is a number, not a string');
    expect(byLine.get(8)?.excerpt).toBe('{"title": 42, "abstract": "x"}');
    expect(byLine.get(9)?.reason).toBe("upvotes 'many' is not a number");
    expect(byLine.get(10)?.reason).toBe('authors is a number, not a list of names or a string');
    expect(byLine.get(11)?.reason).toMatch(/^date '24 November' is not a date/);
  });

  it('follows the field map: date from published, abstract from text', () => {
    const mapped = readJsonl(text, 'papers.jsonl', options({ map: { date: 'publishedAt', abstract: 'text' } }));
    const line = (n: number) => mapped.records.find((r) => r.line === n);
    expect(line(2)?.date).toBe('2025-11-20');
    expect(line(4)?.abstract).toBe('Text used as abstract.');
    expect(line(1)?.abstract).toBeUndefined(); // the map names `text`, which record 1 lacks
    const published = readJsonl('{"title":"t","abstract":"a","published":"2024-01-02"}', 'x.jsonl', options({ map: { date: 'published' } }));
    expect(published.records[0]).toMatchObject({ date: '2024-01-02', published: '2024-01-02' });
  });

  it('reads CRLF lines and a BOM', () => {
    const r = readJsonl('\uFEFF{"title":"a","abstract":"b"}\r\n\r\n{"title":"c","abstract":"d"}\r\n', 'x.jsonl', options());
    expect(r.rejects).toEqual([]);
    expect(r.records.map((p) => [p.line, p.title])).toEqual([[1, 'a'], [3, 'c']]);
  });

  it('cuts long excerpts to 300 characters', () => {
    const long = `{"title": 1, "abstract": "${'x'.repeat(1000)}"}`;
    const r = readJsonl(long, 'x.jsonl', options());
    expect(r.rejects[0].excerpt).toHaveLength(300);
  });

  it('parses the date forms and rejects others', () => {
    const lines = [
      '{"title":"a","abstract":"b","date":"2025-11-24T23:59:59Z"}',
      '{"title":"a","abstract":"b","date":"2025-11-24T23:00:00+05:00"}',
      '{"title":"a","abstract":"b","date":"2024/2/29"}',
      '{"title":"a","abstract":"b","date":"2025-02-29"}',
      '{"title":"a","abstract":"b","date":20251124}',
      '{"title":"a","abstract":"b","date":""}',
    ].join('\n');
    const r = readJsonl(lines, 'd.jsonl', options());
    expect(r.records.map((p) => p.date)).toEqual(['2025-11-24', '2025-11-24', '2024-02-29', null]);
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [4, "date '2025-02-29' is not a date (expected YYYY-MM-DD, an ISO datetime or YYYY/MM/DD)"],
      [5, 'date is a number, not a date string'],
    ]);
  });

  it('reads authors as names, {name} objects or a separated string, and rejects bad entries', () => {
    const lines = [
      '{"title":"a","abstract":"b","authors":"Ann Lee, Bo Chen, and Cy Dee"}',
      '{"title":"a","abstract":"b","authors":"Anderson Rand and Brandy Sand"}',
      '{"title":"a","abstract":"b","authors":[{"name":"X"},"Y"]}',
      '{"title":"a","abstract":"b","authors":[{"nom":"X"}]}',
    ].join('\n');
    const r = readJsonl(lines, 'a.jsonl', options());
    expect(r.records.map((p) => p.authors)).toEqual([['Ann Lee', 'Bo Chen', 'Cy Dee'], ['Anderson Rand', 'Brandy Sand'], ['X', 'Y']]);
    expect(r.rejects).toEqual([expect.objectContaining({ line: 4, reason: 'authors has an entry that is an object, not a name' })]);
  });

  it('rejects negative or fractional counts', () => {
    const r = readJsonl('{"title":"a","abstract":"b","upvotes":2.5}\n{"title":"a","abstract":"b","upvotes":"3"}', 'u.jsonl', options());
    expect(r.rejects.map((x) => x.reason)).toEqual(['upvotes 2.5 is not a whole number >= 0']);
    expect(r.records[0].upvotes).toBe(3);
  });
});

describe('readJsonArray', () => {
  it('gives each element the line where it starts, despite brackets and escapes in strings', () => {
    const r = readJsonArray(readFixture('papers.json'), 'papers.json', options());
    expect(r.records.map((p) => [p.line, p.title])).toEqual([
      [2, 'Brackets [in] {strings} "and" escapes \\'],
      [9, 'Second'],
    ]);
    expect(r.records[0]).toMatchObject({ authors: ['Ann Lee', 'Bo Chen'], date: '2025-11-24', id: '2401.00010' });
    expect(r.rejects).toEqual([
      expect.objectContaining({ file: 'papers.json', line: 11, reason: 'record is a string, not an object', excerpt: '"not an object"' }),
      expect.objectContaining({ file: 'papers.json', line: 12, reason: 'upvotes -1 is not a whole number >= 0' }),
    ]);
    expect(r.rejects[1].excerpt).toMatch(/^\{\n {4}"title": "Fourth"/);
  });

  it('reads the records of an object with a data array, at their lines', () => {
    const r = readJsonArray(readFixture('papers-data.json'), 'papers-data.json', options());
    expect(r.rejects).toEqual([]);
    expect(r.records.map((p) => [p.line, p.title])).toEqual([[6, 'Wrapped one'], [7, 'Wrapped two']]);
  });

  it('reads a papers array too', () => {
    const r = readJsonArray('{"papers": [\n{"title": "p", "abstract": "q"}\n]}', 'x.json', options());
    expect(r.records).toEqual([expect.objectContaining({ title: 'p', line: 2 })]);
  });

  it('keeps the good elements of a broken file and rejects the broken one at its line', () => {
    const r = readJsonArray(readFixture('broken.json'), 'broken.json', options());
    expect(r.records.map((p) => [p.line, p.title])).toEqual([[2, 'Good one'], [4, 'Good two']]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ file: 'broken.json', line: 3 });
    expect(r.rejects[0].reason).toMatch(/^broken JSON: /);
    expect(r.rejects[0].excerpt).toBe('{"title": "Broken one" "abstract": "no comma"}');
  });

  it('rejects a file that is not JSON at all, or not an array of records', () => {
    expect(readJsonArray('hello', 'h.json', options()).rejects).toEqual([expect.objectContaining({ line: 1, reason: expect.stringMatching(/^not valid JSON: /) })]);
    expect(readJsonArray('{"title": "x"}', 'o.json', options()).rejects).toEqual([
      expect.objectContaining({ line: 1, reason: 'top-level JSON is an object without a `data` or `papers` array, not an array of records' }),
    ]);
    expect(readJsonArray('42', 'n.json', options()).rejects[0].reason).toBe('top-level JSON is a number, not an array of records');
  });

  it('reports trailing garbage after a valid array', () => {
    const r = readJsonArray('[{"title":"a","abstract":"b"}]\n]', 't.json', options());
    expect(r.records).toHaveLength(1);
    expect(r.rejects).toEqual([expect.objectContaining({ line: 2, reason: expect.stringMatching(/^not valid JSON/) })]);
  });

  it('elementSpans finds starts of top-level elements only', () => {
    const text = '[\n  {"a": [1, {"b": "]"}]},\n  [2, 3],\n\n  "s\\"]"\n]';
    const spans = elementSpans(text).get('');
    expect(spans?.map((s) => s.line)).toEqual([2, 3, 5]);
    expect(spans?.map((s) => JSON.parse(text.slice(s.start, s.end)))).toEqual([{ a: [1, { b: ']' }] }, [2, 3], 's"]']);
  });
});
