// Resolves a command's settings: defaults, papermap.config.json, the run's saved flags, then this command's flags.
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { applySettings, checkSettings, defaults, SPECS, UsageError, type Settings } from './config.ts';
import { checkRunName, runDir } from './workspace.ts';
import { writeFileAtomic } from './io/atomic.ts';

export const CONFIG_FILE = 'papermap.config.json';
const SAVED_FILE = 'settings.json';

interface ConfigFile {
  settings: Record<string, unknown>;
  runs: Record<string, Record<string, unknown>>;
}

function readConfig(path: string, required: boolean): ConfigFile {
  if (!existsSync(path)) {
    if (required) throw new UsageError(`config file ${path} does not exist`);
    return { settings: {}, runs: {} };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`config file ${path} must hold a JSON object of settings`);
  }
  const { runs, ...settings } = parsed as Record<string, unknown>;
  if (runs !== undefined && (!runs || typeof runs !== 'object' || Array.isArray(runs))) {
    throw new UsageError(`config file ${path}: "runs" must be an object of run name -> settings`);
  }
  return { settings, runs: (runs ?? {}) as Record<string, Record<string, unknown>> };
}

/** The run a command works on: --run, else the first input's base name, else `sample`. */
export function runNameFor(flags: Record<string, unknown>, explicitRun: string | undefined): string {
  if (explicitRun !== undefined) return checkRunName(explicitRun);
  const input = flags.input as string[] | undefined;
  if (input && input.length > 0) {
    const first = input[0].replace(/[/\\]+$/, '');
    const base = basename(first, extname(first));
    try {
      return checkRunName(base);
    } catch {
      throw new UsageError(`cannot name the run after input '${input[0]}' (base name '${base}'); give --run NAME`);
    }
  }
  return 'sample';
}

export interface ResolvedSettings {
  settings: Settings;
  /** The flags to save for the run once the command succeeds. */
  save: () => void;
}

/** Layer the settings for `run` and check them; `flags` are this command's setting flags, already validated one by one. */
export function resolveSettings(cwd: string, run: string, flags: Record<string, unknown>, configPath?: string): ResolvedSettings {
  const cfgPath = configPath ?? join(cwd, CONFIG_FILE);
  const cfg = readConfig(cfgPath, configPath !== undefined);
  let s = applySettings(defaults(), cfg.settings, `${cfgPath}: `);
  const runCfg = cfg.runs[run];
  if (runCfg !== undefined) s = applySettings(s, runCfg, `${cfgPath}: runs.${run}: `);
  const savedPath = join(runDir(cwd, run), SAVED_FILE);
  const saved = savedSettings(cwd, run);
  if (Object.keys(saved).length > 0) s = applySettings(s, saved, `${savedPath}: `);
  // a map setting given again adds to the saved one (--topic-name 3=x keeps the names given before)
  const merged: Record<string, unknown> = { ...flags };
  for (const spec of SPECS) {
    if (spec.kind === 'map' && flags[spec.key] !== undefined && saved[spec.key] !== undefined) {
      merged[spec.key] = { ...(saved[spec.key] as Record<string, string>), ...(flags[spec.key] as Record<string, string>) };
    }
  }
  s = checkSettings(applySettings(s, merged, ''));
  const pinned: Record<string, unknown> = { ...saved, ...merged };
  // A year-less page date resolves against asOf: pin today's date in the run so a later day cannot change it.
  const asOfFromDefault = cfg.settings.asOf === undefined && runCfg?.asOf === undefined && pinned.asOf === undefined;
  if (asOfFromDefault) pinned.asOf = s.asOf;
  return {
    settings: s,
    save: () => writeFileAtomic(savedPath, JSON.stringify(pinned, null, 1) + '\n'),
  };
}

/** Settings a run keeps for itself that papermap pins on its own (the inputs, the as-of day), not choices to show. */
const PINNED_KEYS = new Set(['input', 'asOf']);

/** The run's saved settings file, relative to the workspace. */
export function savedSettingsPath(cwd: string, run: string): string {
  return relative(cwd, join(runDir(cwd, run), SAVED_FILE));
}

/** The run's saved flags (empty when it has none); a file that cannot be read is one line. */
export function savedSettings(cwd: string, run: string): Record<string, unknown> {
  const path = join(runDir(cwd, run), SAVED_FILE);
  if (!existsSync(path)) return {};
  const fix = `fix it, or clear it with papermap settings --run ${run} --reset`;
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`${savedSettingsPath(cwd, run)} (the run's saved settings) is not valid JSON: ${(err as Error).message}; ${fix}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new UsageError(`${savedSettingsPath(cwd, run)} (the run's saved settings) must hold a JSON object; ${fix}`);
  }
  return v as Record<string, unknown>;
}

/** The saved flags that differ from the defaults, as `--flag value` with the default beside (pinned inputs left out unless `all`). */
export function savedDifferences(saved: Record<string, unknown>, all = false): { flag: string; value: string; dflt: string }[] {
  const d = defaults() as unknown as Record<string, unknown>;
  const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  const out: { flag: string; value: string; dflt: string }[] = [];
  for (const spec of SPECS) {
    if (!(spec.key in saved) || (!all && PINNED_KEYS.has(spec.key))) continue;
    const v = saved[spec.key];
    if (JSON.stringify(v) === JSON.stringify(d[spec.key])) continue;
    out.push({ flag: `--${spec.flag}`, value: show(v), dflt: spec.key === 'asOf' ? 'today' : show(d[spec.key]) });
  }
  return out;
}

/** Clears the run's saved flags but what ties it to its papers (inputs, as-of day); returns what was cleared. */
export function resetSavedSettings(cwd: string, run: string): string[] {
  const saved = savedSettings(cwd, run);
  const kept = Object.fromEntries(Object.entries(saved).filter(([k]) => PINNED_KEYS.has(k)));
  const cleared = Object.keys(saved).filter((k) => !PINNED_KEYS.has(k));
  if (cleared.length > 0) writeFileAtomic(join(runDir(cwd, run), SAVED_FILE), JSON.stringify(kept, null, 1) + '\n');
  return cleared;
}
