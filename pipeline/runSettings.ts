// Resolves a command's settings: defaults, papermap.config.json, the run's saved flags, then this command's flags.
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { applySettings, checkSettings, defaults, UsageError, type Settings } from './config.ts';
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
  let saved: Record<string, unknown> = {};
  if (existsSync(savedPath)) {
    try {
      saved = JSON.parse(readFileSync(savedPath, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`${relative(cwd, savedPath)} (the run's saved settings) is not valid JSON: ${(err as Error).message}; fix it, or clear it with papermap settings --run ${run} --reset`);
    }
    if (saved === null || typeof saved !== 'object' || Array.isArray(saved)) {
      throw new UsageError(`${relative(cwd, savedPath)} (the run's saved settings) must hold a JSON object; fix it, or clear it with papermap settings --run ${run} --reset`);
    }
    s = applySettings(s, saved, `${savedPath}: `);
  }
  s = checkSettings(applySettings(s, flags, ''));
  const pinned: Record<string, unknown> = { ...saved, ...flags };
  // A year-less page date resolves against asOf: pin today's date in the run so a later day cannot change it.
  const asOfFromDefault = cfg.settings.asOf === undefined && runCfg?.asOf === undefined && pinned.asOf === undefined;
  if (asOfFromDefault) pinned.asOf = s.asOf;
  return {
    settings: s,
    save: () => writeFileAtomic(savedPath, JSON.stringify(pinned, null, 1) + '\n'),
  };
}
