// Expands the user's input list (files, folders, globs) into a sorted list of files, with clear errors.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../config.ts';

/** Extensions read when an input is a folder (each also gzipped: .jsonl.gz). */
export const INPUT_EXTENSIONS = ['.txt', '.json', '.jsonl', '.ndjson', '.csv', '.xml', '.atom'];

const readable = (name: string): boolean => {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  return INPUT_EXTENSIONS.some((e) => n.endsWith(e));
};

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (readable(name)) out.push(p);
  }
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function expandGlob(pattern: string, cwd: string): string[] {
  const parts = pattern.split('/');
  const firstWild = parts.findIndex((p) => /[*?]/.test(p));
  const base = parts.slice(0, firstWild).join('/') || '.';
  const baseAbs = resolve(cwd, base);
  if (!existsSync(baseAbs)) return [];
  const all: string[] = [];
  const collect = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) collect(p);
      else all.push(p);
    }
  };
  collect(baseAbs);
  const re = globToRegExp(resolve(cwd, pattern).split(sep).join('/'));
  return all.filter((p) => re.test(p.split(sep).join('/')));
}

/** What a path is when it is not a regular file or a folder (a device, a FIFO, a socket), else null. */
function oddKind(abs: string): string | null {
  const st = statSync(abs);
  if (st.isFile() || st.isDirectory()) return null;
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Resolve inputs to existing regular files (paths relative to cwd when inside it), sorted and unique.
 * A device, FIFO or socket is refused before anything reads it (it could stream forever or block).
 */
export function resolveInputs(inputs: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (/[*?]/.test(input)) {
      const hits = expandGlob(input, cwd);
      if (hits.length === 0) throw new UsageError(`input ${input}: no file matches this pattern`);
      files.push(...hits);
      continue;
    }
    const abs = resolve(cwd, input);
    if (!existsSync(abs)) throw new UsageError(`input ${input}: no such file or folder`);
    const odd = oddKind(abs);
    if (odd !== null) throw new UsageError(`input ${input} is ${odd}, not a file; papermap reads only regular files`);
    if (statSync(abs).isDirectory()) {
      const inDir: string[] = [];
      walk(abs, inDir);
      if (inDir.length === 0) {
        throw new UsageError(`input ${input}: the folder holds no readable file (${INPUT_EXTENSIONS.join(' ')}, or any of them .gz)`);
      }
      files.push(...inDir);
    } else files.push(abs);
  }
  for (const f of files) {
    const odd = oddKind(f);
    if (odd !== null) throw new UsageError(`input ${relative(cwd, f)} is ${odd}, not a file; papermap reads only regular files`);
  }
  const shown = files.map((f) => {
    const rel = relative(cwd, f);
    return rel.startsWith('..') ? f : rel;
  });
  return [...new Set(shown)].sort();
}
