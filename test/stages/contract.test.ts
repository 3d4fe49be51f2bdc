// The contract every built stage keeps: same input and seed give the same bytes; a re-run is skipped; a changed setting re-runs from its stage on.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { papermap, scratchWorkspace } from '../helpers/cli.ts';
import { STAGES } from '../../pipeline/stages/index.ts';

const built = STAGES.map((s) => s.name);

function artifacts(ws: string, run: string): Map<string, Buffer> {
  const dir = join(ws, 'data/runs', run);
  const out = new Map<string, Buffer>();
  for (const f of readdirSync(dir).sort()) {
    if (f === 'manifest.json' || f === 'settings.json') continue;
    out.set(f, readFileSync(join(dir, f)));
  }
  return out;
}

describe(`stage contract (${built.join(', ')})`, () => {
  const ws = scratchWorkspace();
  const input = 'data/sample/daily-papers-page.txt';

  it('same input, settings and seed give byte-identical artifacts', () => {
    for (const run of ['a', 'b']) {
      const r = papermap(ws, 'run', '--input', input, '--run', run, '--as-of', '2025-12-12', '--seed', '7');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      for (const st of built) expect(r.stdout).toMatch(new RegExp(`${st}\\s+ran in`));
    }
    const a = artifacts(ws, 'a');
    const b = artifacts(ws, 'b');
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a.size).toBeGreaterThan(built.length);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name) as Buffer), name).toBe(true);
  });

  it('a second run skips every stage', () => {
    const r = papermap(ws, 'run', '--run', 'a');
    expect(r.code).toBe(0);
    for (const st of built) expect(r.stdout).toMatch(new RegExp(`${st}\\s+up to date, skipped`));
  });

  it('every stage records settings, hashes, versions, timing and counts in the manifest', () => {
    const m = JSON.parse(readFileSync(join(ws, 'data/runs/a/manifest.json'), 'utf8'));
    for (const st of built) {
      const rec = m.stages[st];
      expect(rec, st).toBeTruthy();
      if (st === 'embed') {
        // with the default --vectors tfidf the embed stage has nothing to do, and writes nothing
        expect(rec.settings.vectors).toBe('tfidf');
        expect(rec.outputs).toEqual({});
        continue;
      }
      expect(Object.keys(rec.outputs).length, st).toBeGreaterThan(0);
      for (const h of Object.values(rec.outputs)) expect(h).toMatch(/^[0-9a-f]{40}$/);
      expect(rec.versions.papermap).toBeTruthy();
      expect(rec.durationMs).toBeGreaterThanOrEqual(0);
      expect(Object.keys(rec.counts).length, st).toBeGreaterThan(0);
    }
  });

  it(`--from a middle stage re-runs it and what follows, when its setting changes`, () => {
    const r = papermap(ws, 'run', '--run', 'a', '--min-df', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ingest\s+up to date/);
    expect(r.stdout).toMatch(/tokenize\s+up to date/);
    expect(r.stdout).toMatch(/vectorize\s+ran in/);
    expect(r.stdout).toMatch(/reduce\s+ran in/);
  });

  it('the last stage, report, leaves its report and digest where the manifest says', () => {
    const m = JSON.parse(readFileSync(join(ws, 'data/runs/a/manifest.json'), 'utf8'));
    expect(Object.keys(m.stages)).toEqual(built);
    expect(Object.keys(m.stages.report.outputs).sort()).toEqual(['reports/a/digest.md', 'reports/a/index.html']);
    for (const p of Object.keys(m.stages.report.outputs)) expect(readFileSync(join(ws, p)).length, p).toBeGreaterThan(500);
  });
});

describe('stage contract on degenerate input', () => {
  const ws = scratchWorkspace();

  it('every stage lists each of its outputs in the manifest with the hash of what is on disk, and leaves no temp file', () => {
    const r = papermap(ws, 'run', '--input', 'data/sample/daily-papers-page.txt', '--run', 'c', '--as-of', '2025-12-12', '--quiet');
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(join(ws, 'data/runs/c/manifest.json'), 'utf8'));
    for (const st of built) {
      for (const [path, hash] of Object.entries(m.stages[st].outputs as Record<string, string>)) {
        expect(createHash('sha1').update(readFileSync(join(ws, path))).digest('hex'), `${st}: ${path}`).toBe(hash);
      }
    }
    for (const dir of ['data/runs/c', 'reports/c']) expect(readdirSync(join(ws, dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('papers with no usable word: one line naming the run, no stack trace, nothing later stages would trust', () => {
    const rows = Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `n${i}`, title: `The ${i}`, abstract: `This is the ${i * 7} and 42 of them.` }));
    writeFileSync(join(ws, 'noterms.jsonl'), rows.join('\n') + '\n');
    const r = papermap(ws, 'run', '--input', 'noterms.jsonl', '--run', 'noterms');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('papermap: the 12 papers of run noterms hold no word papermap can use (their title and abstract are numbers, stopwords or single letters); nothing to map\n');
    const m = JSON.parse(readFileSync(join(ws, 'data/runs/noterms/manifest.json'), 'utf8'));
    expect(Object.keys(m.stages)).toEqual(['ingest', 'tokenize']);
  });

  it('papers that all say the same (copies under other ids): their topics merge into one, and the run ends with a report, not a stack trace', () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ id: `2511.${10000 + i}`, title: 'Same title about diffusion models', abstract: 'We study diffusion models for image generation with transformers.', date: `2025-11-0${1 + (i % 9)}` }),
    );
    writeFileSync(join(ws, 'copies.jsonl'), rows.join('\n') + '\n');
    const r = papermap(ws, 'run', '--input', 'copies.jsonl', '--run', 'copies', '--max-df', '1', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const clusters = JSON.parse(readFileSync(join(ws, 'data/runs/copies/clusters.json'), 'utf8'));
    expect(clusters.meta.k).toBe(1);
    expect(clusters.meta.silhouette).toBeNull();
    expect(readFileSync(join(ws, 'reports/copies/digest.md'), 'utf8')).toContain('diffusion');
  });

  it('--min-df above the paper count: one line naming the settings', () => {
    const r = papermap(ws, 'run', '--run', 'c', '--min-df', '1000');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^papermap: no term is left after --min-df 1000 and --max-df 0\.5 over the 39 papers of run c .*\n$/);
  });
});

