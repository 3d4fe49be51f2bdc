// Where a command may write a file the user names: never over an input of a run, never inside papermap's own folders, never over a file already there without --force.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../config.ts';
import { RAW, REPORTS, RUNS } from '../workspace.ts';

/** The path as the file system resolves it (symlinks followed), also for a file that does not exist yet. */
function realPath(p: string): string {
  if (existsSync(p)) return realpathSync(p);
  const parent = dirname(p);
  return parent === p ? p : join(realPath(parent), basename(p));
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Every input file any run of the workspace read (the ingest inputs its manifest records), by real path, with the run. */
function runInputs(cwd: string): Map<string, string> {
  const out = new Map<string, string>();
  const runs = join(cwd, RUNS);
  if (!existsSync(runs)) return out;
  for (const run of readdirSync(runs)) {
    let inputs: Record<string, string> = {};
    try {
      const m = JSON.parse(readFileSync(join(runs, run, 'manifest.json'), 'utf8')) as { stages?: { ingest?: { inputs?: Record<string, string> } } };
      inputs = m.stages?.ingest?.inputs ?? {};
    } catch {
      continue; // no manifest, or one that cannot be read: that run has read nothing papermap knows of
    }
    for (const p of Object.keys(inputs)) out.set(realPath(resolve(cwd, p)), run);
  }
  return out;
}

/**
 * Checks that `out` (as the user gave it, relative to cwd) may be written; returns its absolute path.
 * Refused, even with --force: an input file of any run, and anything inside data/runs, data/raw or
 * reports (artifacts the runner hashes). Refused without --force: a file that exists.
 */
export function checkOutputPath(cwd: string, out: string, force: boolean): string {
  const abs = resolve(cwd, out);
  const real = realPath(abs);
  const owner = runInputs(cwd).get(real);
  if (owner !== undefined) throw new UsageError(`--out ${out} is an input of run ${owner}; write the export to another file`);
  for (const own of [RUNS, RAW, REPORTS]) {
    if (inside(real, realPath(join(cwd, own)))) {
      throw new UsageError(`--out ${out} is inside papermap's own ${own.split(sep).join('/')} folder; write the export elsewhere`);
    }
  }
  if (existsSync(abs) && !force) throw new UsageError(`--out ${out} exists; give --force to replace it`);
  return abs;
}
