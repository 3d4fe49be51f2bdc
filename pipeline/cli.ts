// papermap's command line: dispatches to the commands (pipeline/commands/) and turns failures into one line and an exit code (0 done, 1 input or runtime error, 2 usage error).
import { readFileSync } from 'node:fs';
import { UsageError, type StageName } from './config.ts';
import { InputError } from './errors.ts';
import { runFetch } from './commands/fetch.ts';
import { runModels } from './commands/models.ts';
import { parseArgs } from './commands/parse.ts';
import { checkCommand, helpText } from './commands/help.ts';
import { runExport } from './commands/export.ts';
import { runWeekly } from './commands/weekly.ts';
import { runSettingsCommand } from './commands/settings.ts';
import { runCommand } from './commands/run.ts';
import { systemErrorLine } from './commands/failure.ts';

function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Run the CLI; returns the exit code. */
export async function main(given: string[], cwd = process.cwd()): Promise<number> {
  // --debug: a failure shows its stack trace as well as its one line
  const debug = given.includes('--debug');
  const argv = given.filter((a) => a !== '--debug');
  try {
    // fetch has its own options (not settings), so it parses its arguments itself.
    if (argv[0] === 'fetch') return await runFetch(cwd, argv.slice(1));
    if (argv[0] === 'models') return runModels(argv.slice(1));
    const p = parseArgs(argv);
    if (p.version) {
      process.stdout.write(`papermap ${version()}\n`);
      return 0;
    }
    // help: papermap, papermap -h, papermap help CMD, papermap CMD --help
    if (p.command === null || p.command === 'help' || p.help) {
      process.stdout.write(helpText(p.command === 'help' ? p.positionals[0] : (p.command ?? undefined)) + '\n');
      return 0;
    }
    checkCommand(p.command);
    if (p.command === 'weekly') {
      if (p.positionals.length) p.flags.input = [...((p.flags.input as string[] | undefined) ?? []), ...p.positionals];
      return await runWeekly(cwd, p);
    }
    if (p.command === 'export') return runExport(cwd, p);
    if (p.command === 'settings') return runSettingsCommand(cwd, p);
    return await runCommand(cwd, { ...p, command: p.command });
  } catch (err) {
    if (debug && err instanceof Error) process.stderr.write(`${err.stack ?? err.message}\n`);
    if (err instanceof UsageError) {
      process.stderr.write(`papermap: ${err.message}\n`);
      return 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`papermap: ${err.message}\n`);
      return 1;
    }
    const system = systemErrorLine(err, cwd);
    if (system !== null) {
      process.stderr.write(`papermap: ${system}\n`);
      return 1;
    }
    throw err;
  }
}


export type { StageName };
