// papermap run and the stage commands (ingest ... report): resolve the run's settings and run the stages it asks for.
import { relative, join } from 'node:path';
import { UsageError } from '../config.ts';
import { STAGES, stageIndex, lastStage } from '../stages/index.ts';
import { runStages } from '../runner.ts';
import { runDir } from '../workspace.ts';
import { resolveInputs } from '../io/inputs.ts';
import { resolveSettings, runNameFor, savedDifferences, savedSettings } from '../runSettings.ts';
import { artifactReader } from '../runner.ts';
import type { TopicsFile } from '../artifacts/topics.ts';
import { createReporter } from '../progress.ts';
import type { Parsed } from './parse.ts';

function checkStage(name: string, what: string): number {
  const i = stageIndex(name);
  if (i < 0) throw new UsageError(`${what} '${name}' is not a stage; stages: ${STAGES.map((s) => s.name).join(', ')}`);
  return i;
}

/**
 * Once a run has topics, --topic-name for an id it does not have is a typo: refused in one line.
 * (Before the run's first label the names are kept, and label warns of ids no topic has.)
 */
export function checkTopicNames(cwd: string, run: string, flags: Record<string, unknown>): void {
  const names = flags.topicNames as Record<string, string> | undefined;
  const read = artifactReader(cwd, run);
  if (names === undefined || !read.has('topics.json')) return;
  let ids: number[];
  try {
    ids = read.json<TopicsFile>('topics.json').topics.map((t) => t.id);
  } catch {
    return; // an unreadable topics.json: label will make it again
  }
  const missing = Object.keys(names).filter((id) => !ids.includes(Number(id)));
  if (missing.length > 0) {
    throw new UsageError(
      `--topic-name ${missing[0]}=...: run ${run} has no topic ${missing[0]}; its topic ids are ${[...ids].sort((a, b) => a - b).join(', ')} (papermap export --run ${run} --what topics --out topics.csv lists them)`,
    );
  }
}

/** The saved flags of the run that this command did not give again, as one line (empty when none). */
export function savedNote(cwd: string, run: string, flags: Record<string, unknown>): string | null {
  const given = new Set(Object.keys(flags));
  const saved = savedSettings(cwd, run);
  const applying = Object.fromEntries(Object.entries(saved).filter(([k]) => !given.has(k)));
  const diff = savedDifferences(applying);
  return diff.length ? `saved settings in effect (papermap settings --run ${run} shows and resets them): ${diff.map((d) => `${d.flag} ${d.value}`).join(', ')}` : null;
}

/** This command again, up to `stage`: its settings kept, its --from and --to replaced (so a stale earlier stage is built as this command would see it). */
export function rerunCommand(argv: readonly string[], stage: string): string {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (i === 0 && !a.startsWith('-')) continue; // the command
    if (a === '--from' || a === '--to') { i++; continue; }
    if (a.startsWith('--from=') || a.startsWith('--to=')) continue;
    out.push(/^[\w./:=@,+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  }
  return ['papermap run', ...out, '--to', stage].join(' ');
}

/** Runs `papermap run` (a range of stages) or a stage command (the stages up to it, stale ones first). */
export async function runCommand(cwd: string, p: Parsed & { command: string }): Promise<number> {
  const isRun = p.command === 'run';
  if (p.positionals.length > 0) {
    p.flags.input = [...((p.flags.input as string[] | undefined) ?? []), ...p.positionals];
  }
  if (p.out !== undefined || p.what !== undefined) throw new UsageError('--out and --what go with papermap export');
  if (p.week !== undefined || p.history !== undefined || p.fetch !== undefined) {
    throw new UsageError('--week, --history and --fetch go with papermap weekly');
  }
  if (!isRun && (p.from !== undefined || p.to !== undefined)) {
    throw new UsageError(`--from and --to go with 'papermap run'; 'papermap ${p.command}' runs up to ${p.command}`);
  }
  const from = isRun ? (p.from !== undefined ? checkStage(p.from, '--from') : 0) : checkStage(p.command, 'command');
  const to = isRun ? (p.to !== undefined ? checkStage(p.to, '--to') : lastStage()) : checkStage(p.command, 'command');
  if (from > to) throw new UsageError(`--from ${STAGES[from].name} comes after --to ${STAGES[to].name}`);
  const run = runNameFor(p.flags, p.run);
  checkTopicNames(cwd, run, p.flags);
  const { settings, save } = resolveSettings(cwd, run, p.flags, p.config ? join(cwd, p.config) : undefined);
  const report = createReporter({ quiet: p.quiet });
  report.line(`papermap: run ${run} (${relative(cwd, runDir(cwd, run)) || '.'})`);
  const note = savedNote(cwd, run, p.flags);
  if (note) report.line(note);
  await runStages({
    cwd,
    run,
    settings,
    stages: STAGES,
    from,
    to,
    force: p.force,
    runStaleUpstream: !isRun,
    rerun: (stage) => rerunCommand(p.argv, stage),
    report,
    resolveInputs: () => resolveInputs(settings.input, cwd),
  });
  save();
  return 0;
}
