// Help texts: the overview, papermap run, each stage and each command, each with its own settings and an example; and the nearest command for a typo.
import { settingsHelp } from '../config.ts';
import { STAGES, stageIndex } from '../stages/index.ts';
import { CONFIG_FILE } from '../runSettings.ts';
import { FETCH_HELP } from '../fetch/options.ts';
import { EXPORT_HELP } from './export.ts';
import { WEEKLY_HELP } from './weekly.ts';
import { SETTINGS_HELP } from './settings.ts';
import { MODELS_HELP } from './models.ts';
import { editDistance } from './parse.ts';
import { UsageError } from '../config.ts';

/** Every command: run, the stages, and the others. */
export const COMMANDS: readonly string[] = ['run', ...STAGES.map((s) => s.name), 'fetch', 'weekly', 'export', 'settings', 'models', 'help'];

const RUN_OPTIONS = [
  '  --run NAME                 the run to work on (letters, digits, . - _); default: the input\'s base name, else sample',
  '  --force                    re-run the stages even when they are up to date',
  `  --config FILE              settings file (default ./${CONFIG_FILE}; keys as below, per-run under "runs")`,
  '  --quiet                    print nothing but errors',
  '  --debug                    on a failure, print the stack trace as well as the one line',
];

export function mainHelp(): string {
  const cmds = STAGES.map((s) => `  ${s.name.padEnd(10)} ${s.about}`);
  return [
    'papermap: turn research-paper abstracts into topic maps and weekly trend reports',
    '',
    'Usage: papermap <command> [options]',
    '',
    'Commands:',
    '  run        run the stages in order, skipping those whose inputs and settings are unchanged',
    ...cmds,
    '  fetch      download a window of papers (--source hf-daily|arxiv) into data/raw/ and make them a run\'s input',
    '  weekly     build one ISO week\'s run and report (--week 2025-W48 or last), linked to last week\'s',
    '  export     write a run\'s papers (topic, map x/y) or topics to CSV, JSONL or JSON',
    '  settings   show a run\'s saved settings where they differ from the defaults, or --reset them',
    '  models     list or install the sentence-embedding models of --vectors minilm (offline once installed)',
    '  help CMD   help on one command, with its own settings (also: papermap CMD --help)',
    '',
    'Examples:',
    '  papermap run                                    # the shipped sample, into data/runs/sample/',
    '  papermap weekly --input papers.jsonl --week last',
    '  papermap help run                               # every setting, with its default',
    '',
    'Each run lives in data/runs/<run>/ with a manifest.json of what every stage read, wrote and took.',
  ].join('\n');
}

export function runHelp(): string {
  return [
    'papermap run: run the stages in order, skipping those whose inputs and settings are unchanged',
    '',
    'Usage: papermap run [--from STAGE] [--to STAGE] [options] [--input PATH ...]',
    '',
    `Stages: ${STAGES.map((s) => s.name).join(', ')}.`,
    '',
    'Options:',
    '  --from STAGE               first stage to run (the stages before it must be up to date)',
    '  --to STAGE                 last stage to run (default: the last stage)',
    ...RUN_OPTIONS,
    '',
    'Settings (flags here, or keys of papermap.config.json; a run keeps the flags it was given, see papermap settings):',
    ...settingsHelp(STAGES.map((s) => s.name)),
    '',
    'Examples:',
    '  papermap run                                    # the shipped sample, into data/runs/sample/',
    '  papermap run --input data/in/ --run my-week --seed 7',
    '  papermap run --run my-week --from cluster --k 20',
  ].join('\n');
}

export function stageHelp(name: string): string {
  const st = STAGES[stageIndex(name)];
  const own = settingsHelp([st.name]);
  return [
    `papermap ${st.name}: ${st.about}`,
    '',
    `Usage: papermap ${st.name} [options]${st.name === 'ingest' ? ' [--input PATH ...]' : ''}`,
    '',
    `Runs the stages up to ${st.name} on the run, the ones before it only when they are out of date.`,
    '',
    'Options:',
    ...RUN_OPTIONS,
    '',
    `Settings of ${st.name}:`,
    ...(own.length ? own : ['  none of its own; the stages before it have theirs (papermap help run lists every setting)']),
    ...(st.name === 'ingest'
      ? ['', 'Formats: a saved Hugging Face Daily Papers page (.txt), JSON/JSONL exports, CSV with a header,',
          'Hugging Face daily papers API responses, arXiv metadata JSONL. Unreadable records go to rejects.jsonl.']
      : []),
    '',
    'Example:',
    `  papermap ${st.name} --run my-week${st.name === 'ingest' ? ' --input papers.jsonl' : ''}`,
  ].join('\n');
}

/** The nearest command to a typo, as " (did you mean X?)", or ''. */
export function nearestCommand(name: string): string {
  const near = COMMANDS.filter((c) => editDistance(c, name) <= Math.max(1, Math.floor(c.length / 3)));
  return near.length ? ` (did you mean ${near.join(', ')}?)` : '';
}

/** Refuses a name that is no command, in one line naming the nearest and listing them all. */
export function checkCommand(name: string): void {
  if (!COMMANDS.includes(name)) throw new UsageError(`unknown command '${name}'${nearestCommand(name)}; commands: ${COMMANDS.join(', ')}`);
}

/** The help of one command (undefined: the overview). */
export function helpText(topic: string | undefined): string {
  if (topic === undefined || topic === 'help') return mainHelp();
  checkCommand(topic);
  if (topic === 'run') return runHelp();
  if (topic === 'fetch') return FETCH_HELP;
  if (topic === 'weekly') return WEEKLY_HELP;
  if (topic === 'export') return EXPORT_HELP;
  if (topic === 'settings') return SETTINGS_HELP;
  if (topic === 'models') return MODELS_HELP;
  return stageHelp(topic);
}
