// A user's mistakes and a failing disk end in one line on stderr that names what and where, never a stack trace (exit 2 for usage, 1 for data and the disk).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, scratchWorkspace } from '../helpers/cli.ts';

const FAULT = pathToFileURL(join(ROOT, 'test', 'helpers', 'fsFault.mjs')).href;

/** papermap as a user runs it, with the file system made to fail as a full disk or a read-only folder would. */
function papermapWith(cwd: string, env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'papermap.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLine(r: { code: number; stderr: string }, code: number, pattern: RegExp): void {
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(code);
}

describe('one line for every user error', () => {
  const ws = scratchWorkspace();
  const run = (...args: string[]) => papermapWith(ws, {}, ...args);

  it('--min-df 1000 on the sample names the settings and the papers', () => {
    expectOneLine(run('run', '--min-df', '1000', '--quiet'), 2, /^papermap: no term is left after --min-df 1000 and --max-df 0\.5 over the 39 papers of run sample .*lower --min-df or raise --max-df\n$/);
  });

  it('--k 100 on the sample says how many papers there are', () => {
    expectOneLine(run('run', '--k', '100', '--quiet'), 2, /^papermap: --k 100 needs more papers than the 39 in this run/);
  });

  it('a bad papermap.config.json and a bad saved settings.json are named', () => {
    writeFileSync(join(ws, 'bad.json'), '{ "k": ');
    expectOneLine(run('run', '--config', 'bad.json', '--quiet'), 2, /^papermap: config file .*bad\.json is not valid JSON/);
    mkdirSync(join(ws, 'data/runs/broken'), { recursive: true });
    writeFileSync(join(ws, 'data/runs/broken/settings.json'), '{ nope');
    expectOneLine(run('run', '--run', 'broken', '--quiet'), 2, /^papermap: data\/runs\/broken\/settings\.json \(the run's saved settings\) is not valid JSON/);
  });

  it('an artifact that is not JSON (a hand-edited fetch.json) is named, not a stack trace', () => {
    expect(run('run', '--quiet').code).toBe(0);
    writeFileSync(join(ws, 'data/runs/sample/fetch.json'), '{ bad');
    expectOneLine(run('run', '--quiet'), 1, /^papermap: data\/runs\/sample\/fetch\.json is not valid JSON \(.*\); it was edited or cut short: remove it/);
  });

  it('an over-long run name is refused before any folder is made', () => {
    const name = 'w'.repeat(300);
    expectOneLine(run('run', '--run', name, '--quiet'), 2, /^papermap: run name 'w{40}\.\.\.' is 300 characters long; use at most 100/);
    expect(existsSync(join(ws, 'data/runs', name.slice(0, 100)))).toBe(false);
  });
});

describe('one line when the disk fails', () => {
  it('a full disk while ingest writes papers.jsonl: one line naming the file, and no half-written file or temp file left', () => {
    const ws = scratchWorkspace();
    const r = papermapWith(ws, { NODE_OPTIONS: `--import=${FAULT}`, PAPERMAP_FAULT_CODE: 'ENOSPC', PAPERMAP_FAULT_MATCH: 'papers.jsonl' }, 'run', '--quiet');
    expectOneLine(r, 1, /^papermap: cannot use data\/runs\/sample\/papers\.jsonl: no space left on the device \(write\); nothing half-written is kept/);
    const dir = join(ws, 'data/runs/sample');
    expect(readdirSync(dir).filter((n) => n.includes('papers.jsonl'))).toEqual([]);
    // the disk has room again: the run goes through
    const again = papermapWith(ws, {}, 'run', '--quiet');
    expect(again.code).toBe(0);
  });

  it('a read-only data folder: one line naming the folder', () => {
    const ws = scratchWorkspace();
    const r = papermapWith(ws, { NODE_OPTIONS: `--import=${FAULT}`, PAPERMAP_FAULT_CODE: 'EROFS', PAPERMAP_FAULT_MATCH: join(ws, 'data') }, 'run', '--quiet');
    expectOneLine(r, 1, /^papermap: cannot use data\/runs\/sample[^:]*: the file system is read-only \((open|mkdir)\)/);
  });
});
