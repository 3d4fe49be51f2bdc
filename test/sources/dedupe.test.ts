// Tests of de-duplication: same id merges to the richest record, different ids never merge.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupe } from '../../pipeline/sources/dedupe.ts';
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
      p({ id: '1', source: 'page.txt:13', abstract: 'short', date: '2025-11-25', upvotes: 3, authorCount: 3, labels: ['cs.CL'] }),
      p({ id: '2', source: 'b.jsonl:1' }),
      p({ id: '1', source: 'api.json:2', title: 'Other title', abstract: 'a much longer abstract', date: '2025-11-24', published: '2025-11-20',
        url: 'https://huggingface.co/papers/1', authors: ['A', 'B'], authorCount: 2, upvotes: 10, labels: ['cs.LG', 'cs.CL'] }),
      p({ id: '1', source: 'late.jsonl:9', date: '2025-12-01', upvotes: 4, url: 'https://elsewhere' }),
    ];
    const r = dedupe(input);
    expect(r.papers.map((x) => x.id)).toEqual(['1', '2']);
    expect(r.merged).toBe(2);
    expect(r.merges).toEqual([
      { kept: 'page.txt:13', from: 'api.json:2' },
      { kept: 'page.txt:13', from: 'late.jsonl:9' },
    ]);
    expect(r.papers[0]).toEqual({
      id: '1',
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
