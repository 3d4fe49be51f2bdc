// --vectors minilm as a user meets it: one line when the model is missing, and a cache that spares a second run and the weekly run from embedding again.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, papermap, scratchWorkspace } from '../helpers/cli.ts';
import { MINILM, modelDir, ONNX_FILE } from '../../pipeline/embed/models.ts';

const installed = existsSync(join(modelDir(MINILM), ONNX_FILE));
if (!installed) console.log(`skipped: the --vectors minilm runs need the model in ${modelDir(MINILM)} (npx papermap models install minilm; .ci/run installs it)`);

const SAMPLE = 'data/sample/daily-papers-page.txt';

function embedCounts(ws: string, run: string): { docs: number; embedded: number; cached: number } {
  const manifest = JSON.parse(readFileSync(join(ws, 'data', 'runs', run, 'manifest.json'), 'utf8'));
  return manifest.stages.embed.counts;
}

describe('--vectors without the model', () => {
  it('says in one line how to install it, and the default path runs as before', () => {
    const ws = scratchWorkspace();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'papermap.js'), 'run', '--vectors', 'minilm', '--quiet'], {
      cwd: ws,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', PAPERMAP_MODELS: join(ws, 'no-models-here') },
    });
    expect(r.stderr).toMatch(/^papermap: --vectors minilm needs the all-MiniLM-L6-v2 model, which is not installed .*run `npx papermap models install minilm`/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.status).toBe(2);
    expect(papermap(ws, 'run', '--vectors', 'bert', '--quiet').stderr).toMatch(/^papermap: setting vectors \(--vectors\) must be one of tfidf, minilm; got 'bert'\n$/);
    const plain = papermap(ws, 'run', '--quiet');
    expect(plain.code, plain.stderr).toBe(0);
    expect(existsSync(join(ws, 'data', 'runs', 'sample', 'vectors.bin'))).toBe(false);
  }, 120_000);
});

describe.skipIf(!installed)('--vectors minilm on the sample', () => {
  const ws = scratchWorkspace();

  it('embeds each paper once: a second run and the weekly run take every vector from the cache', () => {
    const first = papermap(ws, 'run', '--vectors', 'minilm', '--quiet');
    expect(first.code, first.stderr).toBe(0);
    expect(embedCounts(ws, 'sample')).toEqual({ docs: 39, dims: 384, embedded: 39, cached: 0 });
    // no LSA is computed for a run that clusters the model's vectors
    expect(existsSync(join(ws, 'data', 'runs', 'sample', 'lsa.bin'))).toBe(false);
    const topics = JSON.parse(readFileSync(join(ws, 'data', 'runs', 'sample', 'topics.json'), 'utf8'));
    expect(topics.topics.length).toBeGreaterThanOrEqual(2);

    // a setting of reduce (LSA) does not touch a run whose map comes from the model's vectors
    const lsa = papermap(ws, 'run', '--vectors', 'minilm', '--n-components', '50');
    expect(lsa.code, lsa.stderr).toBe(0);
    expect(lsa.stdout).toMatch(/reduce\s+ran in/);
    expect(lsa.stdout).toMatch(/project\s+up to date/);

    const second = papermap(ws, 'run', '--run', 'again', '--input', SAMPLE, '--as-of', '2025-12-12', '--vectors', 'minilm', '--quiet');
    expect(second.code, second.stderr).toBe(0);
    expect(embedCounts(ws, 'again')).toEqual({ docs: 39, dims: 384, embedded: 0, cached: 39 });
    // from the cache or embedded afresh, the same bytes
    const bin = (run: string): string => readFileSync(join(ws, 'data', 'runs', run, 'vectors.bin')).toString('hex');
    expect(bin('again')).toBe(bin('sample'));

    const weekly = papermap(ws, 'weekly', '--input', SAMPLE, '--week', '2025-W48', '--history', '30', '--vectors', 'minilm', '--quiet');
    expect(weekly.code, weekly.stderr).toBe(0);
    const w = embedCounts(ws, '2025-W48');
    expect(w.embedded).toBe(0);
    expect(w.cached).toBe(w.docs);
    expect(w.docs).toBeGreaterThan(5);
  }, 240_000);
});
