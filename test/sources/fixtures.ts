// Shared helpers of the source-reader tests: fixture paths, the project root, default read options.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadOptions } from '../../pipeline/sources/types.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtureDir = path.join(projectRoot, 'test/fixtures/sources');
/** The shared folder next to the project (read-only samples); tests that need it skip when it is absent. */
export const sharedDir = path.resolve(projectRoot, '../shared');

export function fixture(name: string): string {
  return path.join(fixtureDir, name);
}

export function readFixture(name: string): string {
  return readFileSync(fixture(name), 'utf8');
}

export function options(extra: Partial<ReadOptions> = {}): ReadOptions {
  return { map: {}, asOf: '2026-11-28', ...extra };
}
