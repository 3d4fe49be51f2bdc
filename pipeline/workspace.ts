// The workspace's folders: every path papermap owns under data/ and reports/, and the rule for run names.
import { join } from 'node:path';
import { UsageError } from './config.ts';

/** Run folders (artifacts and manifests), the shared fetch cache, and the reports. */
export const RUNS = join('data', 'runs');
export const RAW = join('data', 'raw');
export const REPORTS = 'reports';

/** A file of a run, relative to the workspace (the run folder itself without a name). */
export function runPath(run: string, name?: string): string {
  return name === undefined ? join(RUNS, run) : join(RUNS, run, name);
}

const RUN_NAME = /^[A-Za-z0-9._-]+$/;
/** Longest run name: a folder name, well under the 255 bytes file systems allow, with room for temp names. */
const MAX_RUN_NAME = 100;

/** Refuse run names that could reach outside data/runs and reports/. */
export function checkRunName(name: string): string {
  if (name.length > MAX_RUN_NAME) {
    throw new UsageError(`run name '${name.slice(0, 40)}...' is ${name.length} characters long; use at most ${MAX_RUN_NAME} (it names a folder)`);
  }
  if (!RUN_NAME.test(name) || /^\.+$/.test(name)) {
    throw new UsageError(
      `run name '${name}' is not allowed: use letters, digits, '.', '-' and '_' only (and not only dots)`,
    );
  }
  return name;
}

export function runDir(cwd: string, run: string): string {
  return join(cwd, RUNS, checkRunName(run));
}

export function reportDir(cwd: string, run: string): string {
  return join(cwd, REPORTS, checkRunName(run));
}

/** Where an output named by a stage lives, relative to the workspace. */
export function outputPath(run: string, name: string): string {
  return name.startsWith('reports/') ? join(REPORTS, run, name.slice('reports/'.length)) : runPath(run, name);
}
