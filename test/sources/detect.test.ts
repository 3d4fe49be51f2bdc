// Tests of format detection, the binary check, strict UTF-8 decoding and the reader dispatch.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, detectFormat, invalidUtf8Offset, looksBinary, readSource } from '../../pipeline/sources/detect.ts';
import { fixture, options, projectRoot, readFixture } from './fixtures.ts';

const enc = new TextEncoder();

describe('detectFormat', () => {
  it('goes by extension for jsonl, csv and page text', () => {
    expect(detectFormat('a.jsonl', '{"title":"x"}\n')).toBe('jsonl');
    expect(detectFormat('a.NDJSON', '{"title":"x"}\n')).toBe('jsonl');
    expect(detectFormat('a.csv', 'whatever')).toBe('csv');
    expect(detectFormat('page.txt', readFileSync(path.join(projectRoot, 'data/sample/daily-papers-page.txt'), 'utf8').slice(0, 4096))).toBe('hf-page');
    expect(detectFormat('page.md', 'Title\n\nAbstract.\n\n  • 3 authors\n·\nNov 11\n')).toBe('hf-page');
    expect(detectFormat('notes.txt', 'just some notes\n')).toBeNull();
  });

  it('tells arXiv metadata from generic JSON Lines', () => {
    expect(detectFormat('arxiv-meta.jsonl', readFixture('arxiv-meta.jsonl'))).toBe('arxiv');
    expect(detectFormat('arxiv-metadata-oai-snapshot.json', readFixture('arxiv-meta.jsonl'))).toBe('arxiv');
  });

  it('decides .json by content', () => {
    expect(detectFormat('2025-11-24.json', readFixture('2025-11-24.json'))).toBe('hf-api');
    expect(detectFormat('papers.json', readFixture('papers.json'))).toBe('json');
    expect(detectFormat('papers-data.json', readFixture('papers-data.json'))).toBe('json');
    expect(detectFormat('lines.json', readFixture('papers.jsonl'))).toBe('jsonl');
    expect(detectFormat('day.json', '{"status":"ok","date":"2025-01-10","data":["{\'paper\': {}}"]}')).toBe('json');
    expect(detectFormat('day.json', '\uFEFF  [{"paper": {"id": "1"}}]')).toBe('hf-api');
    expect(detectFormat('x.json', 'not json')).toBeNull();
  });

  it('treats a head cut inside a long first line sensibly', () => {
    expect(detectFormat('long.json', '{"id": "1", "title": "t", "abstract": "' + 'x'.repeat(100))).toBe('jsonl');
    expect(detectFormat('long.json', '{"data": [{"title": "' + 'x'.repeat(100))).toBe('json');
  });

  it('goes by content for other names', () => {
    expect(detectFormat('export', '[{"title": "a"}]')).toBe('json');
    expect(detectFormat('export', '{"title": "a"}\n{"title": "b"}\n')).toBe('jsonl');
    expect(detectFormat('export.tsv', 'id,Title,Abstract\n1,a,b\n')).toBe('csv');
    expect(detectFormat('export', 'x,y,z\n1,2,3\n')).toBeNull();
    expect(detectFormat('dump', 'new\n\nDaily Papers\n\nDec 12\n')).toBe('hf-page');
    expect(detectFormat('dump', 'hello world')).toBeNull();
  });
});

describe('looksBinary', () => {
  it('is true for a NUL in the first 8 KB only', () => {
    expect(looksBinary(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe(true);
    expect(looksBinary(enc.encode('plain text, no nul'))).toBe(false);
    const late = new Uint8Array(9000).fill(0x41);
    late[8500] = 0;
    expect(looksBinary(late)).toBe(false);
    late[8000] = 0;
    expect(looksBinary(late)).toBe(true);
  });

  it('flags UTF-16 text, which is full of NULs', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x62, 0x00]);
    expect(looksBinary(utf16)).toBe(true);
  });
});

describe('decodeUtf8Strict', () => {
  it('decodes UTF-8 and strips a BOM', () => {
    expect(decodeUtf8Strict(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode('héllo')]), 'a.txt')).toBe('héllo');
    expect(decodeUtf8Strict(enc.encode('naïve • ·'), 'a.txt')).toBe('naïve • ·');
  });

  it('names the file and the byte offset of Latin-1 text', () => {
    const latin1 = Uint8Array.from([...enc.encode('title,abstract\ncaf'), 0xe9, ...enc.encode(',x\n')]);
    expect(() => decodeUtf8Strict(latin1, 'data/team.csv')).toThrow('data/team.csv: not valid UTF-8 at byte offset 18 (byte 0xe9); save the file as UTF-8');
  });

  it('finds overlong, surrogate and truncated sequences', () => {
    expect(invalidUtf8Offset(enc.encode('ok ✓ 𝄞'))).toBe(-1);
    expect(invalidUtf8Offset(Uint8Array.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(invalidUtf8Offset(Uint8Array.from([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(invalidUtf8Offset(Uint8Array.from([0x41, 0xe2, 0x9c]))).toBe(1);
    expect(invalidUtf8Offset(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(() => decodeUtf8Strict(Uint8Array.from([0x41, 0xe2, 0x9c]), 'cut.txt')).toThrow(/cut\.txt: not valid UTF-8 at byte offset 1 /);
  });
});

describe('readSource', () => {
  it('dispatches to each reader', () => {
    const page = readSource(readFixture('page-small.txt'), 'page-small.txt', 'hf-page', options({ asOf: '2026-01-10' }));
    expect(page.records).toHaveLength(5);
    expect((page as typeof page & { pageDate: string | null }).pageDate).toBe('2026-01-03');
    expect(readSource(readFixture('papers.jsonl'), 'p.jsonl', 'jsonl', options()).records).toHaveLength(6);
    expect(readSource(readFixture('papers.json'), 'p.json', 'json', options()).records).toHaveLength(2);
    expect(readSource(readFixture('papers.csv'), 'p.csv', 'csv', options()).records).toHaveLength(4);
    expect(readSource(readFixture('arxiv-meta.jsonl'), 'a.jsonl', 'arxiv', options()).records).toHaveLength(3);
    expect(readSource(readFixture('2025-11-24.json'), fixture('2025-11-24.json'), 'hf-api', options()).records).toHaveLength(2);
  });

  it('accepts text that still has a BOM', () => {
    const r = readSource('\uFEFF[{"title": "a", "abstract": "b"}]', 'x.json', 'json', options());
    expect(r.rejects).toEqual([]);
    expect(r.records[0]).toMatchObject({ title: 'a', line: 1 });
  });
});
