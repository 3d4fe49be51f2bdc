// Map and topics as a user sees them: seeds, topic numbering, exports, and quality on the labelled 20 Newsgroups subset.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { papermap, scratchWorkspace, SHARED } from '../helpers/cli.ts';
import { K_TOLERANCE, plateauK } from '../../pipeline/stages/cluster.ts';

describe('topics on the sample', () => {
  const ws = scratchWorkspace();
  const run = (...args: string[]) => {
    const r = papermap(ws, ...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r;
  };

  it('another seed gives another map; topics are numbered by size', () => {
    run('run', '--run', 's1', '--input', 'data/sample/daily-papers-page.txt', '--as-of', '2025-12-12', '--seed', '1');
    run('run', '--run', 's2', '--input', 'data/sample/daily-papers-page.txt', '--as-of', '2025-12-12', '--seed', '2');
    const m1 = readFileSync(join(ws, 'data/runs/s1/map.bin'));
    const m2 = readFileSync(join(ws, 'data/runs/s2/map.bin'));
    expect(m1.equals(m2)).toBe(false);
    const { topics, quality } = JSON.parse(readFileSync(join(ws, 'data/runs/s1/topics.json'), 'utf8'));
    expect(topics.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < topics.length; i++) expect(topics[i].size).toBeLessThanOrEqual(topics[i - 1].size);
    expect(topics.reduce((n: number, t: { size: number }) => n + t.size, 0)).toBe(39);
    expect(topics[0].name).toMatch(/ · /);
    // the quality figures are this run's: the silhouette the cluster stage measured, the diversity of the topics' own terms
    const clusters = JSON.parse(readFileSync(join(ws, 'data/runs/s1/clusters.json'), 'utf8')).meta;
    expect(quality.silhouette).toBe(clusters.silhouette);
    expect(quality.silhouette).toBeGreaterThan(0.2);
    const terms = topics.map((t: { terms: { term: string }[] }) => t.terms.map((x) => x.term));
    const all = terms.flat();
    expect(quality.diversity).toBeCloseTo(new Set(all).size / all.length, 2);
  });

  it('--k fixes the number of topics; the k-selection curve is kept when k is chosen', () => {
    run('run', '--run', 's1', '--k', '5');
    const { topics } = JSON.parse(readFileSync(join(ws, 'data/runs/s1/topics.json'), 'utf8'));
    expect(topics).toHaveLength(5);
    const clusters = JSON.parse(readFileSync(join(ws, 'data/runs/s2/clusters.json'), 'utf8'));
    expect(clusters.meta.curve.length).toBeGreaterThan(2);
    // k is where the smoothed silhouette curve reaches its final plateau; splits add a topic each, merges take one away
    expect(clusters.meta.chosenK).toBe(plateauK(clusters.meta.curve, K_TOLERANCE));
    const r = clusters.meta.refinement;
    expect(clusters.meta.k).toBe(clusters.meta.chosenK + r.splits.length - r.merges.length);
    expect(clusters.meta.how).toMatch(/^k \d+ chosen over \d+\.\.\d+ \(where the silhouette, averaged over neighbouring k, starts its last stretch within 0\.02 of its best\)/);
  });

  it('exports papers and topics with the same topic ids the run uses', () => {
    run('export', '--run', 's1', '--out', 'papers.csv');
    const lines = readFileSync(join(ws, 'papers.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('id,title,date,upvotes,url,topic,topic_name,x,y');
    const papers = readFileSync(join(ws, 'data/runs/s1/papers.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(papers.length + 1);
    run('export', '--run', 's1', '--out', 'topics.jsonl', '--what', 'topics');
    const rows = readFileSync(join(ws, 'topics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(rows[0])).toEqual(['id', 'name', 'top_terms', 'size', 'representative_ids', 'counts', 'count', 'expected', 'rate_ratio', 'p', 'q', 'trend']);
    expect(rows.every((r) => typeof r.p === 'number' && typeof r.q === 'number' && (r.q as number) >= (r.p as number) - 1e-9)).toBe(true);
    expect(rows[0].counts).toMatch(/^\d{4}-(W\d{2}|\d{2}|Q\d):\d+( |$)/);
    expect(['steady', 'rising', 'fading', 'emerging']).toContain(rows[0].trend);
    const paperTopics = new Set(lines.slice(1).map((l) => Number(l.split(',').at(-4))));
    expect([...paperTopics].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('quotes titles with commas, quotes and line breaks in CSV', () => {
    const hostile = [
      { id: 'x1', title: 'Commas, "quotes" and\nnewlines', abstract: 'Alpha beta gamma delta.', date: '2025-01-06' },
      ...Array.from({ length: 11 }, (_, i) => ({ id: `x${i + 2}`, title: `Paper ${i}`, abstract: `Alpha beta gamma topic${i % 3} words here.`, date: '2025-01-07' })),
    ];
    writeFileSync(join(ws, 'hostile.jsonl'), hostile.map((h) => JSON.stringify(h)).join('\n'));
    run('run', '--input', 'hostile.jsonl', '--min-df', '1', '--k', '2');
    run('export', '--run', 'hostile', '--out', 'h.csv');
    const csv = readFileSync(join(ws, 'h.csv'), 'utf8');
    expect(csv).toContain('"Commas, ""quotes"" and newlines"'); // ingest folds the line break into a space
  });

  it('refuses to export a run without topics', () => {
    const r = papermap(ws, 'export', '--run', 'nothing', '--out', 'x.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^papermap: run nothing has no up-to-date ingest outputs; run it first: papermap run --run nothing/);
  });
});

const subset = join(SHARED, 'data/20newsgroups/sklearn_kmeans_example_subset.jsonl');
describe.skipIf(!existsSync(subset))('quality on the 20 Newsgroups k-means example subset', () => {
  it('UMAP + k-means reaches the V-measure and ARI scikit-learn publishes for LSA + k-means (seed 1)', () => {
    if (!existsSync(subset)) return;
    const ws = scratchWorkspace();
    const r = papermap(ws, 'run', '--input', subset, '--run', 'news', '--map', 'abstract=text', '--text-fields', 'abstract', '--k', '4', '--seed', '1');
    expect(r.code).toBe(0);
    const { quality } = JSON.parse(readFileSync(join(ws, 'data/runs/news/topics.json'), 'utf8'));
    expect(quality.labelled.classes).toBe(4);
    expect(quality.labelled.vMeasure).toBeGreaterThanOrEqual(0.412);
    expect(quality.labelled.ari).toBeGreaterThanOrEqual(0.321);
  });
});
if (!existsSync(subset)) console.log(`skipped: quality on 20 Newsgroups needs ${subset} (../shared is absent)`);
