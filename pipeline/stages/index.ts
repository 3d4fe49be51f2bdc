// The stage graph in order; a stage marked `planned` would say which issue builds it.
import type { Stage } from './stage.ts';
import { ingest } from './ingest.ts';
import { tokenize } from './tokenize.ts';
import { vectorize } from './vectorize.ts';
import { reduce } from './reduce.ts';
import { project } from './project.ts';
import { cluster } from './cluster.ts';
import { label } from './label.ts';
import { trends } from './trends.ts';
import { report } from './report.ts';

export const STAGES: Stage[] = [
  ingest,
  tokenize,
  vectorize,
  reduce,
  project,
  cluster,
  label,
  trends,
  report,
];

export function stageIndex(name: string): number {
  return STAGES.findIndex((s) => s.name === name);
}

/** Index of the last stage that is built. */
export function lastBuilt(): number {
  let i = 0;
  while (i + 1 < STAGES.length && !STAGES[i + 1].planned) i++;
  return i;
}
