// Versions recorded in the manifest: papermap, Node and the libraries whose output a stage depends on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let cached: Record<string, string> | null = null;

function pkgVersion(name: string): string {
  try {
    const p = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function versions(): Record<string, string> {
  if (cached) return cached;
  const own = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  cached = { papermap: own.version, node: process.version };
  for (const lib of ['natural', 'umap-js', 'ml-kmeans', 'danfojs-node', '@observablehq/plot']) cached[lib] = pkgVersion(lib);
  return cached;
}
