// Scale check: each reader, normalisation and de-duplication read 50k records of about 1 KB whole and right (their speed is measured by npm run bench -- --scale).
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../pipeline/sources/csv.ts';
import { readJsonArray, readJsonl } from '../../pipeline/sources/jsonRecords.ts';
import { readHfPage } from '../../pipeline/sources/hfPage.ts';
import { normalizePaper } from '../../pipeline/sources/normalize.ts';
import { dedupe } from '../../pipeline/sources/dedupe.ts';
import { isReject } from '../../pipeline/sources/rejects.ts';
import type { Paper } from '../../pipeline/paper.ts';
import { options } from './fixtures.ts';
import { asCsv, asJsonArray, asJsonl, asPage, bigRecords } from '../helpers/bigRecords.ts';

const N = 50_000;

describe(`readers on ${N} records`, () => {
  const objs = bigRecords(N);

  it('JSON Lines, then normalise and de-duplicate', () => {
    const text = asJsonl(objs) + asJsonl(objs.slice(0, 100));
    const read = readJsonl(text, 'big.jsonl', options());
    expect(read.records).toHaveLength(N + 100);
    expect(read.rejects).toHaveLength(0);
    const norm: Paper[] = [];
    for (const r of read.records) {
      const p = normalizePaper(r);
      if (!isReject(p)) norm.push(p);
    }
    expect(norm).toHaveLength(N + 100);
    expect(norm[0].abstract).toContain('O(n)');
    const d = dedupe(norm);
    expect(d.papers).toHaveLength(N);
    expect(d.merged).toBe(100);
  });

  it('JSON array with line numbers', () => {
    const read = readJsonArray(asJsonArray(objs), 'big.json', options());
    expect(read.records).toHaveLength(N);
    const linesPerElement = JSON.stringify(objs[0], null, 1).split('\n').length;
    expect(read.records[N - 1].line).toBe(2 + (N - 1) * linesPerElement);
  });

  it('CSV with quoted fields', () => {
    const read = readCsv(asCsv(objs), 'big.csv', options());
    expect(read.records).toHaveLength(N);
    expect(read.records[N - 1].line).toBe(N + 1);
  });

  it('saved page', () => {
    const read = readHfPage(asPage(objs.slice(0, 20_000)), 'big.txt', options());
    expect(read.records).toHaveLength(20_000);
    expect(read.rejects).toHaveLength(0);
  });
});
