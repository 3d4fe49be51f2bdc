// The stage graph in order: built stages and the ones still planned (which say which issue builds them).
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { StageName } from '../config.ts';
import { ingest } from './ingest.ts';
import { tokenize } from './tokenize.ts';
import { vectorize } from './vectorize.ts';
import { reduce } from './reduce.ts';
import { project } from './project.ts';
import { cluster } from './cluster.ts';
import { label } from './label.ts';
import { trends } from './trends.ts';

function planned(name: StageName, about: string, issue: string): Stage {
  return {
    name,
    about,
    reads: [],
    planned: issue,
    run: (_ctx: StageContext): Promise<StageResult> => Promise.reject(new Error(`stage ${name} is not built yet`)),
  };
}

export const STAGES: Stage[] = [
  ingest,
  tokenize,
  vectorize,
  reduce,
  project,
  cluster,
  label,
  trends,
  planned('report', 'self-contained HTML report and a Markdown digest', 'issue #5'),
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
