// papermap settings: what a run keeps of the flags it was given (where they differ from the defaults), and --reset to clear them.
import { UsageError } from '../config.ts';
import { checkRunName } from '../workspace.ts';
import { resetSavedSettings, savedDifferences, savedSettings, savedSettingsPath } from '../runSettings.ts';
import type { Parsed } from './parse.ts';

export const SETTINGS_HELP = [
  "papermap settings: the flags a run keeps from earlier commands, where they differ from the defaults",
  '',
  'Usage: papermap settings [--run NAME] [--reset]',
  '',
  '  --run NAME   the run (default sample)',
  '  --reset      clear them (the inputs and the as-of day stay: they tie the run to its papers); the next',
  '               command re-runs the stages they changed',
  '',
  'A flag given to a command on a run stays in effect for later commands on it (data/runs/<run>/settings.json),',
  'so that `papermap run --run R` repeats the last run; every command names the ones in effect.',
  '',
  'Example:',
  '  papermap settings --run my-week',
  '  papermap settings --run my-week --reset',
].join('\n');

export function runSettingsCommand(cwd: string, p: Parsed): number {
  const run = checkRunName(p.run ?? 'sample');
  if (Object.keys(p.flags).length > 0) throw new UsageError('papermap settings takes only --run and --reset; give settings to the command that uses them');
  const path = savedSettingsPath(cwd, run);
  if (p.reset) {
    const cleared = resetSavedSettings(cwd, run);
    process.stdout.write(cleared.length ? `run ${run}: cleared ${cleared.join(', ')} from ${path}\n` : `run ${run}: no saved settings to clear\n`);
    return 0;
  }
  const diff = savedDifferences(savedSettings(cwd, run), true);
  if (diff.length === 0) {
    process.stdout.write(`run ${run}: no saved settings differ from the defaults\n`);
    return 0;
  }
  const width = Math.max(...diff.map((d) => `${d.flag} ${d.value}`.length));
  process.stdout.write(`run ${run}: saved settings (${path}) that differ from the defaults:\n`);
  for (const d of diff) process.stdout.write(`  ${`${d.flag} ${d.value}`.padEnd(width)}   (default ${d.dflt})\n`);
  process.stdout.write(`papermap settings --run ${run} --reset clears them, but the inputs and the as-of day\n`);
  return 0;
}
