// Tests of de-duplication: same id merges to the richest record, different ids never merge.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupe, idStrength } from '../../pipeline/sources/dedupe.ts';
import { readHfPage } from '../../pipeline/sources/hfPage.ts';
import { normalizePaper } from '../../pipeline/sources/normalize.ts';
import { isReject } from '../../pipeline/sources/rejects.ts';
import type { Paper } from '../../pipeline/paper.ts';
import { options, projectRoot } from './fixtures.ts';

function p(over: Partial<Paper>): Paper {
  return {
    id: 'x', title: 'T', abstract: 'A', date: null, published: null, authors: [], authorCount: 0,
    upvotes: null, url: null, source: 's:1', ...over,
  };
}

describe('dedupe', () => {
  it('keeps first-seen order and position, merging the richest fields', () => {
    const input = [
      p({ id: '2511.00001', source: 'page.txt:13', abstract: 'short', date: '2025-11-25', upvotes: 3, authorCount: 3, labels: ['cs.CL'] }),
      p({ id: '2', source: 'b.jsonl:1' }),
      p({ id: '2511.00001', source: 'api.json:2', title: 't.', abstract: 'a much longer abstract', date: '2025-11-24', published: '2025-11-20',
        url: 'https://huggingface.co/papers/1', authors: ['A', 'B'], authorCount: 2, upvotes: 10, labels: ['cs.LG', 'cs.CL'] }),
      p({ id: '2511.00001', source: 'late.jsonl:9', date: '2025-12-01', upvotes: 4, url: 'https://elsewhere' }),
    ];
    const r = dedupe(input);
    expect(r.papers.map((x) => x.id)).toEqual(['2511.00001', '2']);
    expect(r.merged).toBe(2);
    expect(r.merges).toEqual([
      { id: '2511.00001', kept: 'page.txt:13', from: 'api.json:2' },
      { id: '2511.00001', kept: 'page.txt:13', from: 'late.jsonl:9' },
    ]);
    expect(r.papers[0]).toEqual({
      id: '2511.00001',
      title: 'T',
      abstract: 'a much longer abstract',
      date: '2025-11-24',
      published: '2025-11-20',
      authors: ['A', 'B'],
      authorCount: 3,
      upvotes: 10,
      url: 'https://huggingface.co/papers/1',
      source: 'page.txt:13',
      labels: ['cs.CL', 'cs.LG'],
    });
  });

  it('keeps the earliest date even when it comes later, and null upvotes stay null only if all are', () => {
    const r = dedupe([p({ id: 'a', date: null }), p({ id: 'a', date: '2025-01-02' }), p({ id: 'a', date: '2025-01-01' })]);
    expect(r.papers[0].date).toBe('2025-01-01');
    expect(r.papers[0].upvotes).toBeNull();
    expect(dedupe([p({ id: 'a' }), p({ id: 'a', upvotes: 0 })]).papers[0].upvotes).toBe(0);
  });

  it('never merges papers with different ids, even with the same title and abstract', () => {
    const posts = [
      p({ id: 'train/sci.space/1', title: 'Re: Shuttle launch', abstract: 'same text', source: 'n.jsonl:1' }),
      p({ id: 'train/sci.space/2', title: 'Re: Shuttle launch', abstract: 'same text', source: 'n.jsonl:2' }),
    ];
    const r = dedupe(posts);
    expect(r.papers).toEqual(posts);
    expect(r.merged).toBe(0);
    expect(r.merges).toEqual([]);
  });

  it('tells strong ids (arXiv, DOI, URL, content hash) from weak ones (row numbers, names)', () => {
    for (const id of ['2401.00001', 'hep-th/9901001', '10.1145/3292500.3330701', 'https://example.org/p/1', 'h:0123456789abcdef']) {
      expect(idStrength(id), id).toBe('strong');
    }
    for (const id of ['1', '42', 'a', 'train/sci.space/1', 'paper-7', '2401', '10.12/x y']) expect(idStrength(id), id).toBe('weak');
  });

  it('never fuses two CSV files that number their rows 1, 2, 3: six papers, each with its own title and abstract', () => {
    const a = [1, 2, 3].map((i) => p({ id: String(i), title: `A${i}`, abstract: `abstract of A${i}`, source: `a.csv:${i + 1}` }));
    const b = [1, 2, 3].map((i) => p({ id: String(i), title: `B${i}`, abstract: `abstract of B${i}`, source: `b.csv:${i + 1}` }));
    const r = dedupe([...a, ...b]);
    expect(r.papers).toHaveLength(6);
    expect(r.merged).toBe(0);
    for (const x of r.papers) expect(x.abstract).toBe(`abstract of ${x.title}`);
    expect(new Set(r.papers.map((x) => x.id)).size).toBe(6);
    // each colliding id keeps its given id as a prefix, so a reader can still find the row
    for (const x of r.papers) expect(x.id).toMatch(/^[123]~[0-9a-f]{8}$/);
    expect(r.conflicts).toEqual([
      { id: '1', sources: ['a.csv:2', 'b.csv:2'], ids: [r.papers[0].id, r.papers[3].id] },
      { id: '2', sources: ['a.csv:3', 'b.csv:3'], ids: [r.papers[1].id, r.papers[4].id] },
      { id: '3', sources: ['a.csv:4', 'b.csv:4'], ids: [r.papers[2].id, r.papers[5].id] },
    ]);
  });

  it('merges a weak id only when title and abstract are the same, and leaves a unique weak id exactly as given', () => {
    const r = dedupe([
      p({ id: '7', title: 'Same', abstract: 'same text', source: 'a.csv:2', upvotes: 1 }),
      p({ id: '7', title: 'Same', abstract: 'same text', source: 'b.csv:9', upvotes: 5 }),
      p({ id: 'only-once', title: 'Alone', abstract: 'x', source: 'b.csv:3' }),
    ]);
    expect(r.papers.map((x) => x.id)).toEqual(['7', 'only-once']);
    expect(r.papers[0].upvotes).toBe(5);
    expect(r.merges).toEqual([{ id: '7', kept: 'a.csv:2', from: 'b.csv:9' }]);
    expect(r.conflicts).toEqual([]);
  });

  it('does not fuse records of one strong id whose titles disagree', () => {
    const r = dedupe([
      p({ id: '2401.00001', title: 'Attention is all you need', abstract: 'x', source: 'a.jsonl:1' }),
      p({ id: '2401.00001', title: 'ATTENTION is all you need!', abstract: 'longer x', source: 'b.jsonl:1' }),
      p({ id: '2401.00001', title: 'A different paper', abstract: 'y', source: 'c.jsonl:1' }),
    ]);
    expect(r.papers).toHaveLength(2);
    expect(r.merged).toBe(1);
    expect(r.papers.map((x) => x.title)).toEqual(['Attention is all you need', 'A different paper']);
    expect(r.papers[0].abstract).toBe('longer x');
    expect(r.conflicts).toHaveLength(1);
    expect(r.papers.every((x) => x.id.startsWith('2401.00001~'))).toBe(true);
  });

  it('does not mutate its input', () => {
    const a = p({ id: 'k', abstract: 'a' });
    const b = p({ id: 'k', abstract: 'longer', labels: ['x'] });
    dedupe([a, b]);
    expect(a).toEqual(p({ id: 'k', abstract: 'a' }));
  });
});

describe('the sample page through normalisation and de-duplication', () => {
  it('gives 39 papers with 39 distinct hashed ids and merges nothing', () => {
    const text = readFileSync(path.join(projectRoot, 'data/sample/daily-papers-page.txt'), 'utf8');
    const { records } = readHfPage(text, 'data/sample/daily-papers-page.txt', options());
    const papers: Paper[] = [];
    for (const r of records) {
      const p = normalizePaper(r);
      if (isReject(p)) throw new Error(p.reason);
      papers.push(p);
    }
    const r = dedupe(papers);
    expect(r.papers).toHaveLength(39);
    expect(r.merged).toBe(0);
    expect(new Set(r.papers.map((x) => x.id)).size).toBe(39);
    expect(r.papers.every((x) => /^h:[0-9a-f]{16}$/.test(x.id))).toBe(true);
    expect(r.papers[0]).toMatchObject({ authorCount: 3, source: 'data/sample/daily-papers-page.txt:13', date: '2025-11-11' });
    // a page listed twice (two saved copies) collapses to one set of papers
    const twice = dedupe([...papers, ...papers.map((p) => ({ ...p, source: `copy.txt:${p.source.split(':')[1]}` }))]);
    expect(twice.papers).toHaveLength(39);
    expect(twice.merged).toBe(39);
  });
});
