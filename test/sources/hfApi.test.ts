// Tests of the Hugging Face daily papers API entries: fixture file, file-name dates, and the real responses when ../shared is there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateFromFileName, fromHfEntry } from '../../pipeline/sources/hfApi.ts';
import { readJsonArray } from '../../pipeline/sources/jsonRecords.ts';
import { readSource } from '../../pipeline/sources/detect.ts';
import { isReject } from '../../pipeline/sources/rejects.ts';
import { fixture, options, readFixture, sharedDir } from './fixtures.ts';

describe('dateFromFileName', () => {
  it('finds a valid YYYY-MM-DD in the base name only', () => {
    expect(dateFromFileName('data/raw/2025-11-24.json')).toBe('2025-11-24');
    expect(dateFromFileName('C:\\raw\\daily-2024-02-29.json')).toBe('2024-02-29');
    expect(dateFromFileName('2025-11-24/papers.json')).toBeNull();
    expect(dateFromFileName('2025-02-30.json')).toBeNull();
    expect(dateFromFileName('papers.json')).toBeNull();
  });
});

describe('HF API entries', () => {
  const file = fixture('2025-11-24.json');
  const text = readFixture('2025-11-24.json');

  it('reads an entry: listing day from submittedOnDailyAt, published from paper.publishedAt', () => {
    const r = readSource(text, file, 'hf-api', options());
    expect(r.records[0]).toEqual({
      file,
      line: 2,
      id: '2511.16334',
      title: 'OpenMMReasoner: Pushing the Frontiers for Multimodal Reasoning',
      abstract: 'Recent advancements in large reasoning models have fueled growing interest.',
      date: '2025-11-24',
      published: '2025-11-20',
      authors: ['Kaichen Zhang', 'Keming Wu'],
      upvotes: 93,
      url: 'https://huggingface.co/papers/2511.16334',
    });
  });

  it('takes the file name date when the entry has no submittedOnDailyAt, or opts.fileDate when set', () => {
    const byName = readSource(text, file, 'hf-api', options());
    expect(byName.records[1]).toMatchObject({ line: 16, id: '2511.17000', date: '2025-11-24', published: '2025-11-21', upvotes: 0 });
    const byOpt = readSource(text, file, 'hf-api', options({ fileDate: '2025-11-30' }));
    expect(byOpt.records[1].date).toBe('2025-11-30');
    expect(byOpt.records[0].date).toBe('2025-11-24'); // submittedOnDailyAt still wins
    const none = readSource(text, file, 'hf-api', options({ fileDate: null }));
    expect(none.records[1].date).toBeNull();
    const noName = readJsonArray(text, 'papers.json', options());
    expect(noName.records[1].date).toBeNull();
  });

  it('rejects an entry with a wrongly typed title and a string element', () => {
    const r = readSource(text, file, 'hf-api', options());
    expect(r.records).toHaveLength(2);
    expect(r.rejects).toEqual([
      expect.objectContaining({ file, line: 27, reason: 'paper.title is a number, not a string' }),
      expect.objectContaining({ file, line: 30, reason: 'record is a string, not an object' }),
    ]);
  });

  it('falls back to the entry-level title and summary', () => {
    const r = fromHfEntry({ paper: { id: '1' }, title: 'Outer', summary: 'Outer summary' }, 'f.json', 3, options());
    if (isReject(r)) throw new Error(r.reason);
    expect(r).toMatchObject({ title: 'Outer', abstract: 'Outer summary', line: 3, upvotes: null, authors: [] });
  });
});

const apiDir = path.join(sharedDir, 'samples/hf-daily-papers-api');
const haveShared = existsSync(apiDir);

describe('real HF API responses', () => {
  it.skipIf(!haveShared)(haveShared ? 'reads every entry of the five archived days' : `skipped: ${apiDir} not found`, () => {
    const files = readdirSync(apiDir).filter((f) => f.endsWith('.json')).sort();
    expect(files).toHaveLength(5);
    let total = 0;
    for (const name of files) {
      const p = path.join(apiDir, name);
      const text = readFileSync(p, 'utf8');
      const entries = JSON.parse(text) as Array<{ paper: { id: string; upvotes: number } }>;
      const r = readSource(text, p, 'hf-api', options());
      expect(r.rejects).toEqual([]);
      expect(r.records).toHaveLength(entries.length);
      for (let i = 0; i < entries.length; i++) {
        expect(r.records[i].id).toBe(entries[i].paper.id);
        expect(r.records[i].upvotes).toBe(entries[i].paper.upvotes);
        expect(r.records[i].date).toBe(name.slice(0, 10));
        expect(r.records[i].published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(r.records[i].authors?.length).toBeGreaterThan(0);
      }
      // each element starts on a line holding only "{"
      const lines = text.split('\n');
      for (const rec of r.records) expect(lines[rec.line - 1].trim()).toBe('{');
      total += entries.length;
    }
    expect(total).toBe(65);
  });
});
