// The stage graph, in the order the stages run.
import type { Stage } from './stage.ts';
import { ingest } from './ingest.ts';
import { tokenize } from './tokenize.ts';
import { vectorize } from './vectorize.ts';
import { reduce } from './reduce.ts';
import { embed } from './embed.ts';
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
  embed,
  project,
  cluster,
  label,
  trends,
  report,
];

export function stageIndex(name: string): number {
  return STAGES.findIndex((s) => s.name === name);
}

/** Index of the last stage. */
export function lastStage(): number {
  return STAGES.length - 1;
}
