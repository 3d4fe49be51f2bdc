// The stage graph runner: runs a range of stages on a run folder, skips the fresh ones, writes the manifest.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from './io/atomic.ts';
import { hashBytes, hashFile, rememberHash, stableJson } from './io/hash.ts';
import { forEachLineSync } from './io/lineStream.ts';
import { decodeArrays } from './io/arrays.ts';
import { stageSettings, UsageError, type Settings, type StageName } from './config.ts';
import type { Reporter } from './progress.ts';
import type { ArtifactReader, Stage, StageResult } from './stages/stage.ts';
import { versions } from './versions.ts';
import { collectGarbage } from './io/gc.ts';
import { lockRun } from './io/runLock.ts';
import { checkRunName, outputPath, reportDir, runDir, runPath } from './workspace.ts';
import { InputError } from './errors.ts';

export interface StageRecord {
  settings: Record<string, unknown>;
  settingsHash: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  versions: Record<string, string>;
  started: string;
  finished: string;
  durationMs: number;
  counts: Record<string, number>;
  meta?: Record<string, unknown>;
}

export interface Manifest {
  run: string;
  stages: Partial<Record<StageName, StageRecord>>;
}

export function readManifest(cwd: string, run: string): Manifest {
  const p = join(runDir(cwd, run), 'manifest.json');
  if (!existsSync(p)) return { run, stages: {} };
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Manifest;
  } catch {
    // A manifest that cannot be read is treated as absent: every stage runs again.
    return { run, stages: {} };
  }
}

function writeManifest(cwd: string, m: Manifest): void {
  writeFileAtomic(join(runDir(cwd, m.run), 'manifest.json'), JSON.stringify(m, null, 1) + '\n');
}

/** True when every output a record lists exists with the recorded hash. */
function outputsIntact(cwd: string, rec: StageRecord): boolean {
  return Object.entries(rec.outputs).every(([p, h]) => hashFile(join(cwd, p)) === h);
}

/**
 * Refuse to read a run whose artifacts from these stages are missing, edited by hand or stale (made
 * from another version of an earlier stage's artifact); one line naming the file.
 */
export function requireIntact(cwd: string, run: string, stages: StageName[]): void {
  const m = readManifest(cwd, run);
  const rebuild = `rebuild it with papermap run --run ${run}`;
  for (const stage of stages) {
    const rec = m.stages[stage];
    if (!rec) throw new UsageError(`run ${run} has no up-to-date ${stage} outputs; run it first: papermap run --run ${run} --to ${stage}`);
    for (const [p, h] of Object.entries(rec.outputs)) {
      if (hashFile(join(cwd, p)) !== h) throw new UsageError(`run ${run}: ${p} does not match what the ${stage} stage wrote (edited, replaced or removed since); ${rebuild}`);
    }
    for (const [p, h] of Object.entries(rec.inputs)) {
      if (isAbsolute(p) || !p.startsWith(runPath(run) + '/')) continue; // the user's own inputs may move on
      // a file the stage found missing (vectors.json of a tfidf run) is still consistent while it stays missing
      if ((hashFile(join(cwd, p)) ?? 'missing') !== h) throw new UsageError(`run ${run}: the ${stage} stage was made from another ${p} than the one there now (stale); ${rebuild}`);
    }
  }
}

/** An artifact's JSON, or one line naming the file when it is not JSON (edited by hand, or cut short by a full disk). */
function parseArtifact<T>(text: string, path: string, run: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InputError(`${path} is not valid JSON (${(err as Error).message}); it was edited or cut short: remove it, or rebuild with papermap run --run ${run} --force`);
  }
}

export function artifactReader(cwd: string, run: string, handoff = new Map<string, unknown>()): ArtifactReader {
  const dir = runDir(cwd, run);
  const path = (name: string): string => {
    const p = join(dir, name);
    if (!existsSync(p)) throw new Error(`artifact ${join('data/runs', run, name)} is missing`);
    return p;
  };
  const bytes = (name: string): Uint8Array => readFileSync(path(name));
  const text = (name: string): string => readFileSync(path(name), 'utf8');
  return {
    bytes,
    text,
    json: <T>(name: string) => parseArtifact<T>(text(name), join('data/runs', run, name), run),
    jsonl: <T>(name: string) => {
      const handed = handoff.get(name);
      if (handed !== undefined) {
        handoff.delete(name);
        return handed as T[];
      }
      // Read in chunks, never as one string: a million-paper table is over V8's string limit.
      const rows: T[] = [];
      const shown = join('data/runs', run, name);
      forEachLineSync(path(name), (line) => rows.push(parseArtifact<T>(line, shown, run)));
      return rows;
    },
    arrays: (name: string) => decodeArrays(text(`${name}.json`), bytes(`${name}.bin`), `data/runs/${run}/${name}`),
    has: (name: string) => existsSync(join(dir, name)),
  };
}

export interface RunOptions {
  cwd: string;
  run: string;
  settings: Settings;
  stages: Stage[];
  /** Index range into `stages` (inclusive). */
  from: number;
  to: number;
  force: boolean;
  /** Stages before `from` must be fresh; with `true` stale ones run first instead (single-stage commands). --force applies from `from` on. */
  runStaleUpstream: boolean;
  /** The command that builds `stage` with this command's settings (for the message when an earlier stage is stale). */
  rerun?: (stage: StageName) => string;
  report: Reporter;
  /** Resolves the run's external input files (ingest). */
  resolveInputs: () => string[];
}

export interface RunOutcome {
  ran: StageName[];
  skipped: StageName[];
  manifest: Manifest;
}

function removeStaleTemps(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (/^\..*\.tmp-\d+-[0-9a-f]+$/.test(name)) rmSync(join(dir, name), { force: true });
}

function inputHashes(cwd: string, stage: Stage, run: string, inputFiles: string[], settings: Settings): Record<string, string> {
  const out: Record<string, string> = {};
  const paths = stage.name === 'ingest' ? inputFiles : stage.reads.map((r) => runPath(run, r));
  paths.push(...(stage.externalInputs?.(settings, run, cwd) ?? []));
  for (const p of paths) {
    out[p] = hashFile(isAbsolute(p) ? p : join(cwd, p)) ?? 'missing';
  }
  return out;
}

function isFresh(cwd: string, rec: StageRecord | undefined, settingsHash: string, inputs: Record<string, string>): boolean {
  if (!rec || rec.settingsHash !== settingsHash) return false;
  if (stableJson(rec.inputs) !== stableJson(inputs)) return false;
  return outputsIntact(cwd, rec);
}

/** Why a stage is not fresh, in a few words (as DVC says): never run, a setting, an input, or an output changed. */
function staleWhy(cwd: string, rec: StageRecord | undefined, settings: Record<string, unknown>, settingsHash: string, inputs: Record<string, string>): string {
  if (!rec) return ' (never run)';
  if (rec.settingsHash !== settingsHash) {
    const changed = Object.keys({ ...rec.settings, ...settings }).filter((k) => stableJson(rec.settings[k]) !== stableJson(settings[k]));
    return changed.length ? ` (setting ${changed.join(', ')} changed)` : ' (papermap was upgraded)';
  }
  const input = Object.keys({ ...rec.inputs, ...inputs }).find((p) => rec.inputs[p] !== inputs[p]);
  if (input !== undefined) return ` (${input} changed)`;
  const output = Object.entries(rec.outputs).find(([p, h]) => hashFile(join(cwd, p)) !== h);
  return output ? ` (${output[0]} was edited or removed)` : '';
}

function fmtSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Runs one stage; files an InputError asks to keep (the rejects of an unreadable input) are written before it goes on up. */
async function runStage(stage: Stage, o: RunOptions, ctx: Parameters<Stage['run']>[0]): Promise<StageResult> {
  try {
    return await stage.run(ctx);
  } catch (err) {
    if (err instanceof InputError) {
      for (const [name, data] of Object.entries(err.keep)) writeFileAtomic(join(o.cwd, outputPath(o.run, name)), data);
    }
    throw err;
  }
}

/** Run stages `from..to`, skipping those whose settings, inputs and outputs are unchanged. */
export async function runStages(o: RunOptions): Promise<RunOutcome> {
  const dir = runDir(o.cwd, o.run);
  // one writer per run: the temp files cleaned below are a dead process's, never a live one's
  const release = lockRun(dir, o.run);
  try {
    return await runLocked(o, dir);
  } finally {
    release();
  }
}

async function runLocked(o: RunOptions, dir: string): Promise<RunOutcome> {
  removeStaleTemps(dir);
  removeStaleTemps(reportDir(o.cwd, o.run));
  const manifest = readManifest(o.cwd, o.run);
  const handoff = new Map<string, unknown>();
  const read = artifactReader(o.cwd, o.run, handoff);
  const ran: StageName[] = [];
  const skipped: StageName[] = [];
  let inputFiles: string[] | null = null;

  for (let i = 0; i <= o.to; i++) {
    const stage = o.stages[i];
    if (stage.name === 'ingest') inputFiles = o.resolveInputs();
    const settings = stageSettings(o.settings, stage.name);
    // papermap's version is part of the key: after an upgrade, every stage runs again.
    const settingsHash = hashBytes(stableJson({ settings, papermap: versions().papermap }));
    const inputs = inputHashes(o.cwd, stage, o.run, inputFiles ?? [], o.settings);
    const rec = manifest.stages[stage.name];
    const fresh = isFresh(o.cwd, rec, settingsHash, inputs);
    const name = stage.name.padEnd(10);

    if (i < o.from) {
      if (fresh) continue;
      if (!o.runStaleUpstream) {
        throw new UsageError(
          `stage ${stage.name} of run ${o.run} is missing or out of date${staleWhy(o.cwd, rec, settings as Record<string, unknown>, settingsHash, inputs)}, so ${o.stages[o.from].name} cannot start from it; ` +
            `run it first: ${o.rerun ? o.rerun(stage.name) : `papermap run --run ${o.run} --to ${stage.name}`}`,
        );
      }
    } else if (fresh && !o.force) {
      skipped.push(stage.name);
      o.report.line(`${name} up to date, skipped (--force re-runs it)`);
      continue;
    }

    // why it runs again (the first run of a stage needs no reason)
    const why = rec === undefined ? '' : fresh ? ' (--force)' : staleWhy(o.cwd, rec, settings as Record<string, unknown>, settingsHash, inputs);
    collectGarbage();
    const started = new Date();
    const t0 = performance.now();
    const inputPath = (p: string): string => (isAbsolute(p) ? p : join(o.cwd, p));
    const result: StageResult = await runStage(stage, o, {
      settings: o.settings,
      run: o.run,
      workspace: o.cwd,
      read,
      inputFiles: inputFiles ?? [],
      inputSize: (p) => statSync(inputPath(p)).size,
      inputPath,
      report: o.report,
      readRun: (other) => artifactReader(o.cwd, other),
    });
    const outputs: Record<string, string> = {};
    for (const [outName, data] of Object.entries(result.outputs)) {
      const rel = outputPath(o.run, outName);
      const abs = join(o.cwd, rel);
      const h = writeFileAtomic(abs, data);
      rememberHash(abs, h);
      outputs[rel] = h;
    }
    const durationMs = Math.round(performance.now() - t0);
    manifest.stages[stage.name] = {
      settings,
      settingsHash,
      inputs,
      outputs,
      versions: versions(),
      started: started.toISOString(),
      finished: new Date().toISOString(),
      durationMs,
      counts: result.counts,
      ...(result.meta ? { meta: result.meta } : {}),
    };
    writeManifest(o.cwd, manifest);
    for (const [k, v] of Object.entries(result.handoff ?? {})) handoff.set(k, v);
    ran.push(stage.name);
    o.report.line(`${name} ran in ${fmtSeconds(durationMs)}${why}: ${result.summary}`);
    for (const d of result.details ?? []) o.report.line(d);
  }
  return { ran, skipped, manifest };
}
