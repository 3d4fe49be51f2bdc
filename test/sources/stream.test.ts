// Streamed reading (JSON Lines, arXiv metadata, CSV; plain and gzip) gives exactly what the whole-text readers give, chunk and block boundaries anywhere.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../pipeline/sources/csv.ts';
import { readJsonl } from '../../pipeline/sources/jsonRecords.ts';
import { streamSource } from '../../pipeline/sources/streamReaders.ts';
import type { Format, RawPaper, ReadResult, Reject } from '../../pipeline/sources/types.ts';
import { isReject } from '../../pipeline/sources/rejects.ts';
import { forEachLineSync, lineBatches } from '../../pipeline/io/lineStream.ts';
import { options } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'papermap-stream-'));

function file(name: string, data: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

async function streamed(path: string, format: Format, gzip: boolean, csvBlock?: number): Promise<ReadResult> {
  const out: ReadResult = { records: [], rejects: [] };
  const record = (r: RawPaper | Reject): void => {
    if (isReject(r)) out.rejects.push(r);
    else out.records.push(r);
  };
  await streamSource(path, 'in', gzip, format, options(), { record }, csvBlock);
  return out;
}

/** JSON Lines over several 1 MB chunks: multi-byte characters everywhere (some cut by a chunk's end), CRLF, blanks, broken lines, a BOM. */
function jsonlText(): string {
  const lines: string[] = ['\uFEFF' + JSON.stringify({ id: '2501.00001', title: 'First', abstract: 'a'.repeat(50), date: '2025-01-06' })];
  for (let i = 0; i < 3000; i++) {
    if (i % 97 === 0) lines.push('{"title": "broken');
    else if (i % 89 === 0) lines.push('   ');
    else lines.push(JSON.stringify({ id: `2501.${String(10000 + i)}`, title: `Étude ${i} 模型 😀`, abstract: `Über ${'données '.repeat(100)} 数据 ${i}`, date: '2025-01-07' }));
  }
  return lines.join('\r\n') + '\r\n';
}

describe('streamed JSON Lines', () => {
  it('gives the records and rejects of the whole-text reader, with the same lines, plain and gzipped', async () => {
    const text = jsonlText();
    expect(Buffer.byteLength(text)).toBeGreaterThan(2.5 * 2 ** 20);
    const whole = readJsonl(text, 'in', options());
    expect(whole.rejects.length).toBeGreaterThan(20);
    const plain = await streamed(file('a.jsonl', text), 'jsonl', false);
    expect(plain).toEqual(whole);
    const gz = await streamed(file('a.jsonl.gz', gzipSync(text)), 'jsonl', true);
    expect(gz).toEqual(whole);
  });

  it('stops with one line naming the file, the line and the byte on invalid UTF-8', async () => {
    const bad = Buffer.concat([Buffer.from('{"title":"a"}\n{"title":"b"}\n{"title":"'), Buffer.from([0xff]), Buffer.from('"}\n')]);
    await expect(streamed(file('bad.jsonl', bad), 'jsonl', false)).rejects.toThrow(/^in:3: not valid UTF-8 at byte offset 38 \(byte 0xff\)/);
  });

  it('names a cut gzip file in one line', async () => {
    const gz = gzipSync(jsonlText());
    await expect(streamed(file('cut.jsonl.gz', gz.subarray(0, gz.length >> 1)), 'jsonl', true)).rejects.toThrow(/^in: not a whole gzip file/);
  });

  it('counts lines across chunks: the last line without a newline is still read', async () => {
    const lines: string[] = [];
    for await (const b of lineBatches(file('tail.txt', 'x\r\ny\nlast'), 'tail', false)) lines.push(...b.lines);
    expect(lines).toEqual(['x', 'y', 'last']);
  });
});

/** CSV with quoted multi-line fields, doubled quotes, CRLF rows, a wrong field count and a quote never closed. */
function csvText(): string {
  const rows = ['id,title,abstract,date'];
  for (let i = 0; i < 400; i++) {
    if (i === 150) rows.push(`2501.${10000 + i},"never closed,the abstract,2025-01-07`);
    else if (i % 37 === 0) rows.push(`2501.${10000 + i},short row`);
    else rows.push(`2501.${10000 + i},"Title ${i}, ""quoted""","line one ${i}\r\nline two\nline three ${'x'.repeat(i % 50)}",2025-01-0${1 + (i % 9)}`);
  }
  return rows.join('\n') + '\n';
}

describe('streamed CSV', () => {
  it('gives the whole-text reader\'s records and rejects whatever the block size (quoted newlines carried over)', async () => {
    const text = csvText();
    const whole = readCsv(text, 'in', options());
    expect(whole.records.length).toBeGreaterThan(300);
    expect(whole.rejects.length).toBeGreaterThan(5);
    const path = file('a.csv', text);
    for (const block of [64, 333, 4096, 1 << 22]) expect(await streamed(path, 'csv', false, block), `block ${block}`).toEqual(whole);
    expect(await streamed(file('a.csv.gz', gzipSync(text)), 'csv', true, 500)).toEqual(whole);
  });

  it('a quote open to the end of the file is an error at its line, and the rows after it are read', async () => {
    const text = 'title,abstract\nA,"open\nB,b\nC,c\n';
    const whole = readCsv(text, 'in', options());
    expect(whole.rejects.map((r) => r.line)).toEqual([2]);
    expect(await streamed(file('open.csv', text), 'csv', false, 8)).toEqual(whole);
  });
});

describe('artifact lines', () => {
  it('forEachLineSync reads a file over its 16 MB chunks line by line, multi-byte characters cut anywhere', () => {
    const lines = Array.from({ length: 120_000 }, (_, i) => `${i} ${'模型é😀'.repeat(i % 97)} ${'x'.repeat(i % 13)}`);
    const text = lines.join('\n') + '\n';
    expect(Buffer.byteLength(text)).toBeGreaterThan(32 * 2 ** 20);
    const path = file('lines.jsonl', text);
    const got: string[] = [];
    forEachLineSync(path, (l) => got.push(l));
    expect(got).toEqual(lines);
  });
});
