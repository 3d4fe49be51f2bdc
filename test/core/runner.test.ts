// The runner's contract: outputs and manifest written, fresh stages skipped, changes and edits re-run, bad names refused.
import { describe, expect, it, beforeEach } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStages, readManifest, type RunOptions } from '../../pipeline/runner.ts';
import { checkRunName } from '../../pipeline/workspace.ts';
import { defaults, UsageError } from '../../pipeline/config.ts';
import { createReporter } from '../../pipeline/progress.ts';
import type { Stage } from '../../pipeline/stages/stage.ts';

let cwd: string;
let calls: string[];

function stages(): Stage[] {
  return [
    {
      name: 'ingest',
      about: 'copy the input',
      reads: [],
      run: async (ctx) => {
        calls.push('ingest');
        const text = ctx.inputFiles.map((f) => readFileSync(ctx.inputPath(f), 'utf8')).join('');
        return { outputs: { 'a.txt': text }, counts: { n: text.length }, summary: 'copied' };
      },
    },
    {
      name: 'tokenize',
      about: 'upper-case it',
      reads: ['a.txt'],
      run: async (ctx) => {
        calls.push('tokenize');
        const t = ctx.read.text('a.txt');
        return { outputs: { 'b.txt': t.toUpperCase() + ctx.settings.stopwords.join(',') }, counts: {}, summary: 'upper' };
      },
    },
  ];
}

function opts(over: Partial<RunOptions> = {}): RunOptions {
  return {
    cwd,
    run: 'r1',
    settings: defaults(),
    stages: stages(),
    from: 0,
    to: 1,
    force: false,
    runStaleUpstream: true,
    report: createReporter({ quiet: true }),
    resolveInputs: () => ['in.txt'],
    ...over,
  };
}

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'papermap-runner-'));
  writeFileSync(join(cwd, 'in.txt'), 'hello');
  calls = [];
  return () => rmSync(cwd, { recursive: true, force: true });
});

describe('runStages', () => {
  it('writes outputs and a manifest with hashes, counts and timings', async () => {
    await runStages(opts());
    expect(readFileSync(join(cwd, 'data/runs/r1/b.txt'), 'utf8')).toBe('HELLO');
    const m = readManifest(cwd, 'r1');
    const rec = m.stages.ingest;
    expect(rec?.counts).toEqual({ n: 5 });
    expect(Object.keys(rec?.outputs ?? {})).toEqual(['data/runs/r1/a.txt']);
    expect(rec?.inputs["in.txt"]).toMatch(/^[0-9a-f]{40}$/);
    expect(rec?.versions.papermap).toBeTruthy();
    expect(typeof rec?.durationMs).toBe('number');
  });

  it('skips a second run, and re-runs only what a changed setting touches', async () => {
    await runStages(opts());
    calls = [];
    const second = await runStages(opts());
    expect(calls).toEqual([]);
    expect(second.skipped).toEqual(['ingest', 'tokenize']);
    await runStages(opts({ settings: { ...defaults(), stopwords: ['x'] } }));
    expect(calls).toEqual(['tokenize']);
  });

  it('re-runs a stage whose output was deleted or edited, and one whose input changed', async () => {
    await runStages(opts());
    calls = [];
    rmSync(join(cwd, 'data/runs/r1/b.txt'));
    await runStages(opts());
    expect(calls).toEqual(['tokenize']);
    calls = [];
    writeFileSync(join(cwd, 'data/runs/r1/a.txt'), 'edited by hand');
    await runStages(opts());
    expect(calls).toEqual(['ingest']); // ingest rewrites a.txt as before, so tokenize's input is unchanged
    calls = [];
    writeFileSync(join(cwd, 'in.txt'), 'changed');
    await runStages(opts());
    expect(calls).toEqual(['ingest', 'tokenize']);
  });

  it('--force re-runs the chosen range only', async () => {
    await runStages(opts());
    calls = [];
    await runStages(opts({ force: true, from: 1, runStaleUpstream: false }));
    expect(calls).toEqual(['tokenize']);
  });

  it('refuses to start from a stage whose upstream is stale', async () => {
    await expect(runStages(opts({ from: 1, runStaleUpstream: false }))).rejects.toThrow(/ingest of run r1 is missing or out of date/);
    expect(calls).toEqual([]);
  });

  it('a stage that fails writes nothing and leaves the previous artifacts trusted as before', async () => {
    await runStages(opts());
    const before = readFileSync(join(cwd, 'data/runs/r1/manifest.json'), 'utf8');
    const failing = stages();
    failing[1] = { ...failing[1], run: async () => Promise.reject(new Error('boom')) };
    await expect(runStages(opts({ stages: failing, force: true }))).rejects.toThrow('boom');
    expect(readFileSync(join(cwd, 'data/runs/r1/b.txt'), 'utf8')).toBe('HELLO');
    const after = JSON.parse(readFileSync(join(cwd, 'data/runs/r1/manifest.json'), 'utf8'));
    expect(after.stages.tokenize).toEqual(JSON.parse(before).stages.tokenize);
  });

  it('removes temp files a killed writer left behind', async () => {
    await runStages(opts());
    writeFileSync(join(cwd, 'data/runs/r1/.b.txt.tmp-123-abcd1234'), 'partial');
    await runStages(opts());
    expect(readdirSync(join(cwd, 'data/runs/r1')).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(cwd, 'data/runs/r1/b.txt'))).toBe(true);
  });
});

describe('run names', () => {
  it('accepts letters, digits, dot, dash and underscore', () => {
    expect(checkRunName('2025-W48')).toBe('2025-W48');
    expect(checkRunName('my_week.v2')).toBe('my_week.v2');
  });
  it('refuses names that could leave data/ and reports/', () => {
    for (const bad of ['..', '.', '../etc', 'a/b', 'a b', '', 'x\\y', '~']) {
      expect(() => checkRunName(bad)).toThrow(UsageError);
    }
    expect(() => checkRunName('../x')).toThrow(/letters, digits/);
  });
});
