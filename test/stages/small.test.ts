// Quiet weeks and tiny inputs: runs of 1, 2 and 5 papers end in a report that says there are too few papers to cluster and still lists them.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { papermap, scratchWorkspace } from '../helpers/cli.ts';

const SUBJECTS = [
  'Sparse retrieval with learned term weights for passage ranking',
  'Diffusion models for video generation with temporal attention',
  'Robot manipulation policies learned from human video demonstrations',
  'Speech recognition for low-resource languages with self-supervised audio',
  'Protein structure prediction with geometric deep learning',
];

function papers(n: number): string {
  return (
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        id: `tiny-${i}`,
        title: `${SUBJECTS[i % SUBJECTS.length]} <${i}>`,
        abstract: `${SUBJECTS[i % SUBJECTS.length]}. We study this problem and report results on standard benchmarks ${i}.`,
        date: `2025-11-${String(24 + (i % 5)).padStart(2, '0')}`,
        upvotes: i,
      }),
    ).join('\n') + '\n'
  );
}

describe('runs of a handful of papers', () => {
  const ws = scratchWorkspace();
  for (const n of [1, 2, 5]) {
    it(`${n} paper${n === 1 ? '' : 's'}: exit 0, one topic, a report that says so and lists every paper`, () => {
      writeFileSync(join(ws, `p${n}.jsonl`), papers(n));
      const r = papermap(ws, 'run', '--input', `p${n}.jsonl`, '--run', `tiny${n}`);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/too few papers to cluster/);
      const topics = JSON.parse(readFileSync(join(ws, `data/runs/tiny${n}/topics.json`), 'utf8')).topics;
      expect(topics).toHaveLength(1);
      expect(topics[0].size).toBe(n);
      const html = readFileSync(join(ws, `reports/tiny${n}/index.html`), 'utf8');
      expect(html).toMatch(/too few papers to cluster \(\d, fewer than 6\)/);
      for (let i = 0; i < n; i++) expect(html).toContain(`${SUBJECTS[i]} &lt;${i}&gt;`);
      const digest = readFileSync(join(ws, `reports/tiny${n}/digest.md`), 'utf8');
      expect(digest).toContain(`**${n} paper${n === 1 ? '' : 's'}** kept of ${n} read`);
      expect(digest).toMatch(/too few papers to cluster/);
    });
  }

  it('an input with no usable record still stops with one line and writes no report', () => {
    writeFileSync(join(ws, 'none.jsonl'), `${JSON.stringify({ id: 'x', title: 'only a title' })}\n`);
    const r = papermap(ws, 'run', '--input', 'none.jsonl', '--run', 'none');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(ws, 'reports/none/index.html'))).toBe(false);
  });
});
