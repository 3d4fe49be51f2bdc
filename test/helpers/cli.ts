// Test helper: runs the papermap CLI as a user would (a child process) in a scratch workspace.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const SHARED = resolve(ROOT, '../shared');
const BIN = join(ROOT, 'bin', 'papermap.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh workspace holding the shipped sample and config, like a clone. */
export function scratchWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'papermap-e2e-'));
  mkdirSync(join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'data', 'sample'), join(dir, 'data', 'sample'), { recursive: true });
  cpSync(join(ROOT, 'papermap.config.json'), join(dir, 'papermap.config.json'));
  return dir;
}

export function papermap(cwd: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
