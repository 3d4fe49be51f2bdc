// Command-line parsing shared by every command but fetch: general options, settings flags checked against the settings table, and the nearest name for a typo.
import { SPECS, UsageError, checkValue, removedSetting, specForFlag } from '../config.ts';

export interface Parsed {
  command: string | null;
  positionals: string[];
  flags: Record<string, unknown>;
  run?: string;
  from?: string;
  to?: string;
  force: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
  config?: string;
  out?: string;
  what?: string;
  week?: string;
  history?: string;
  fetch?: string;
  'base-url'?: string;
  reset: boolean;
  /** The arguments as given (for a message that repeats the command). */
  argv: string[];
}

const GENERAL = ['run', 'from', 'to', 'force', 'quiet', 'help', 'version', 'config', 'out', 'what', 'week', 'history', 'fetch', 'base-url', 'reset'];
const GENERAL_WITH_VALUE = new Set(['run', 'from', 'to', 'config', 'out', 'what', 'week', 'history', 'fetch', 'base-url']);

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export function suggest(flag: string): string {
  const all = [...GENERAL, ...SPECS.map((s) => s.flag)];
  const near = all.filter((f) => editDistance(f, flag) <= Math.max(1, Math.floor(f.length / 4)));
  return near.length ? ` (did you mean --${near.join(', --')}?)` : '';
}

/** One argument read as papermap reads every command's: `-h`, a positional, or `--name`, `--name=value`, `--name value`. */
export type ArgToken = ({ kind: 'help' } | { kind: 'positional'; text: string } | { kind: 'flag'; name: string; inline: string | undefined }) & { value: () => string };

/** The arguments as tokens, with `value()` to take a flag's value (inline, else the next argument unless it is a flag). */
export function* argTokens(argv: readonly string[]): Generator<ArgToken> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const at = i;
    const noValue = (): string => { throw new UsageError(`${arg} takes no value`); };
    if (arg === '-h') { yield { kind: 'help', value: noValue }; continue; }
    if (!arg.startsWith('--')) { yield { kind: 'positional', text: arg, value: noValue }; continue; }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    yield {
      kind: 'flag', name, inline,
      value: (): string => {
        if (inline !== undefined) return inline;
        const v = argv[at + 1];
        if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`--${name} needs a value`);
        i = at + 1;
        return v;
      },
    };
  }
}

/** Parse argv into a command, general options and setting flags (each validated). */
export function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { command: null, positionals: [], flags: {}, force: false, quiet: false, help: false, version: false, reset: false, argv: [...argv] };
  for (const tok of argTokens(argv)) {
    if (tok.kind === 'help') {
      p.help = true;
      continue;
    }
    if (tok.kind === 'positional') {
      if (p.command === null) p.command = tok.text;
      else p.positionals.push(tok.text);
      continue;
    }
    let name = tok.name;
    const inline = tok.inline;
    const takeValue = tok.value;
    if (GENERAL.includes(name)) {
      if (GENERAL_WITH_VALUE.has(name)) (p as unknown as Record<string, string>)[name] = takeValue();
      else (p as unknown as Record<string, boolean>)[name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    let negated = false;
    if (name.startsWith('no-') && specForFlag(name.slice(3))?.kind === 'boolean') {
      negated = true;
      name = name.slice(3);
    }
    const spec = specForFlag(name);
    const removed = removedSetting(name);
    if (removed) throw new UsageError(removed);
    if (!spec) throw new UsageError(`unknown option --${name}${suggest(name)}; see papermap --help`);
    if (spec.kind === 'boolean') {
      p.flags[spec.key] = negated ? false : inline === undefined ? true : checkValue(spec, inline);
    } else if (spec.kind === 'map') {
      const v = takeValue();
      const at = v.indexOf('=');
      if (at <= 0 || at === v.length - 1) throw new UsageError(`--${spec.flag} takes ${spec.arg} (e.g. --map abstract=text); got '${v}'`);
      p.flags[spec.key] = { ...((p.flags[spec.key] as Record<string, string>) ?? {}), [v.slice(0, at)]: v.slice(at + 1) };
    } else if (spec.kind === 'list') {
      const prev = (p.flags[spec.key] as string[] | undefined) ?? [];
      p.flags[spec.key] = [...prev, ...(checkValue(spec, takeValue()) as string[])];
    } else {
      p.flags[spec.key] = checkValue(spec, takeValue());
    }
  }
  return p;
}
