// Ingest as a careless or hostile user feeds it: papers are never fused on a weak id, every merge is written down, and bad input gets one line.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { papermap, scratchWorkspace } from '../helpers/cli.ts';

const jsonl = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('ids', () => {
  const ws = scratchWorkspace();

  it('two CSV files that number their rows 1, 2, 3 give six papers, each with its own title and abstract', () => {
    const csv = (who: string) =>
      'id,title,abstract,date\n' + [1, 2, 3].map((i) => `${i},${who} paper ${i},the abstract of ${who} paper ${i},2025-01-0${i + 5}`).join('\n') + '\n';
    writeFileSync(join(ws, 'a.csv'), csv('A'));
    writeFileSync(join(ws, 'b.csv'), csv('B'));
    const r = papermap(ws, 'ingest', '--input', 'a.csv', 'b.csv', '--run', 'two');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 6, kept 6, merged 0, rejected 0; 3 ids given to papers that disagree \(first: '1' at a\.csv:2 and b\.csv:2\)/);
    const papers = jsonl(join(ws, 'data/runs/two/papers.jsonl'));
    expect(papers).toHaveLength(6);
    for (const p of papers) expect(p.abstract).toBe(`the abstract of ${p.title as string}`);
    expect(new Set(papers.map((p) => p.id)).size).toBe(6);
    const ingest = JSON.parse(readFileSync(join(ws, 'data/runs/two/ingest.json'), 'utf8'));
    expect(ingest.conflicts.map((c: { id: string }) => c.id)).toEqual(['1', '2', '3']);
    expect(jsonl(join(ws, 'data/runs/two/merged.jsonl'))).toEqual([]);
  });

  it('the same papers given twice merge, and each merge is written to merged.jsonl with both sources', () => {
    writeFileSync(join(ws, 'a-copy.csv'), readFileSync(join(ws, 'a.csv')));
    const c = papermap(ws, 'ingest', '--input', 'a.csv', 'a-copy.csv', '--run', 'copy');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/read 6, kept 3, merged 3, rejected 0; which record merged into which: data\/runs\/copy\/merged\.jsonl/);
    expect(jsonl(join(ws, 'data/runs/copy/merged.jsonl'))).toEqual([
      // inputs are read in sorted order: a-copy.csv comes first
      { id: '1', kept: 'a-copy.csv:2', from: 'a.csv:2' },
      { id: '2', kept: 'a-copy.csv:3', from: 'a.csv:3' },
      { id: '3', kept: 'a-copy.csv:4', from: 'a.csv:4' },
    ]);
  });
});
