// Scale check: each reader, normalisation and de-duplication stay linear on 50k records of about 1 KB.
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../pipeline/sources/csv.ts';
import { readJsonArray, readJsonl } from '../../pipeline/sources/jsonRecords.ts';
import { readHfPage } from '../../pipeline/sources/hfPage.ts';
import { normalizePaper } from '../../pipeline/sources/normalize.ts';
import { dedupe } from '../../pipeline/sources/dedupe.ts';
import { isReject } from '../../pipeline/sources/rejects.ts';
import type { Paper } from '../../pipeline/paper.ts';
import { options } from './fixtures.ts';

const N = 50_000;
// Generous bound per step: a linear reader takes well under a second here; a quadratic one takes minutes.
const BUDGET_MS = 10_000;
const WORDS = 'language model token embedding vision transformer $\\mathcal{O}(n)$ data <b>bold</b> &amp; retrieval "quoted", with, commas'.split(' ');

function abstract(i: number): string {
  const parts: string[] = [];
  let len = 0;
  for (let k = i; len < 1000; k = (k * 7 + 3) % 1_000_003) {
    const w = WORDS[k % WORDS.length];
    parts.push(w);
    len += w.length + 1;
  }
  return parts.join(' ');
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe(`readers on ${N} records`, () => {
  const objs = Array.from({ length: N }, (_, i) => ({
    id: `2401.${String(i).padStart(5, '0')}`,
    title: `Paper ${i}`,
    abstract: abstract(i),
    date: '2025-11-24',
    authors: ['Ann Lee', 'Bo Chen'],
    upvotes: i % 50,
  }));

  it('JSON Lines, then normalise and de-duplicate', () => {
    const text = objs.map((o) => JSON.stringify(o)).join('\n') + '\n' + objs.slice(0, 100).map((o) => JSON.stringify(o)).join('\n');
    const read = timed(() => readJsonl(text, 'big.jsonl', options()));
    expect(read.value.records).toHaveLength(N + 100);
    expect(read.value.rejects).toHaveLength(0);
    expect(read.ms).toBeLessThan(BUDGET_MS);
    const norm = timed(() => {
      const out: Paper[] = [];
      for (const r of read.value.records) {
        const p = normalizePaper(r);
        if (!isReject(p)) out.push(p);
      }
      return out;
    });
    expect(norm.value).toHaveLength(N + 100);
    expect(norm.value[0].abstract).toContain('O(n)');
    expect(norm.ms).toBeLessThan(BUDGET_MS);
    const d = timed(() => dedupe(norm.value));
    expect(d.value.papers).toHaveLength(N);
    expect(d.value.merged).toBe(100);
    expect(d.ms).toBeLessThan(BUDGET_MS);
  });

  it('JSON array with line numbers', () => {
    const text = JSON.stringify(objs, null, 1);
    const read = timed(() => readJsonArray(text, 'big.json', options()));
    expect(read.value.records).toHaveLength(N);
    const linesPerElement = JSON.stringify(objs[0], null, 1).split('\n').length;
    expect(read.value.records[N - 1].line).toBe(2 + (N - 1) * linesPerElement);
    expect(read.ms).toBeLessThan(BUDGET_MS);
  });

  it('CSV with quoted fields', () => {
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const text = 'id,title,abstract,date,authors,upvotes\r\n' + objs.map((o) => [o.id, q(o.title), q(o.abstract), o.date, q(o.authors.join(', ')), o.upvotes].join(',')).join('\r\n');
    const read = timed(() => readCsv(text, 'big.csv', options()));
    expect(read.value.records).toHaveLength(N);
    expect(read.value.records[N - 1].line).toBe(N + 1);
    expect(read.ms).toBeLessThan(BUDGET_MS);
  });

  it('saved page', () => {
    const blocks = objs.slice(0, 20_000).map((o, i) => `${o.title}\n\n${o.abstract}.\n\n  • 2 authors\n·\nNov ${1 + (i % 28)}`);
    const text = 'Daily Papers\n\nDec 12\n\n' + blocks.join('\n\n');
    const read = timed(() => readHfPage(text, 'big.txt', options()));
    expect(read.value.records).toHaveLength(20_000);
    expect(read.value.rejects).toHaveLength(0);
    expect(read.ms).toBeLessThan(BUDGET_MS);
  });
});
