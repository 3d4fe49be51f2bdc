// One writer per run: a lock file in the run folder names the process writing it; a second command stops with one line, a dead holder's lock is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';

export const LOCK_FILE = '.lock';

interface Holder {
  pid: number;
  command: string;
  started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // it exists, owned by someone else
  }
}

function readHolder(path: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' ? { pid: h.pid, command: String(h.command ?? '?'), started: String(h.started ?? '?') } : null;
  } catch {
    return null; // being written this instant, or garbage: treated as held below only if it reappears
  }
}

/**
 * Takes the run's lock, or stops with one line naming the process that holds it. A lock whose
 * process is gone (killed, crashed, Ctrl-C) is stale and taken over. Returns the release function.
 */
export function lockRun(dir: string, run: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, command: process.argv.slice(2).join(' ').slice(0, 200), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me) + '\n', { flag: 'wx' });
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(path);
    if (holder !== null && holder.pid !== process.pid && alive(holder.pid)) {
      throw new InputError(
        `run ${run} is being written by another papermap (pid ${holder.pid}: papermap ${holder.command}, since ${holder.started}); wait for it to finish, or stop it, then run again`,
      );
    }
    rmSync(path, { force: true }); // its holder is gone: a stale lock
  }
  throw new InputError(`run ${run}: cannot take its lock ${path}; remove it if no papermap is running`);
}
