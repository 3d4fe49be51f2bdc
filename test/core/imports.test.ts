// The module graph of pipeline/ has no import cycle (the check madge --circular makes), so every module can be read and tested from the bottom up.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';

const PIPELINE = join(ROOT, 'pipeline');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts')) out.push(p);
  }
  return out;
}

/** Relative imports and re-exports of a module, type-only ones included (they are still a dependency a reader follows). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/g)) out.push(resolve(dirname(file), m[1]));
  for (const m of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push(resolve(dirname(file), m[1]));
  return out;
}

/** Every cycle found by a depth-first walk, each as the list of modules around it. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => graphHas(files, t))]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of graph.get(f) ?? []) {
      if (state.get(t) === 'open') found.push(stack.slice(stack.indexOf(t)).concat(t));
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

function graphHas(files: string[], f: string): boolean {
  return files.includes(f);
}

describe('the import graph of pipeline/', () => {
  it('has no cycle', () => {
    const found = cycles(sources(PIPELINE)).map((c) => c.map((f) => relative(PIPELINE, f)).join(' -> '));
    expect(found).toEqual([]);
  });

  it('the check finds a cycle when there is one', () => {
    // a -> b -> a, written as two modules that import each other
    const dir = join(ROOT, 'test', 'fixtures', 'cycle');
    expect(cycles(sources(dir)).map((c) => c.map((f) => relative(dir, f)))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });
});
