// Runs one command as a child process, under GNU `/usr/bin/time -v` when present: wall time, peak RSS, exit code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const TIME = '/usr/bin/time';

export interface Measured {
  /** Wall time of the process, seconds (measured around the spawn). */
  wallS: number;
  /** Peak resident set size of the process, MB (MiB), or null without /usr/bin/time. */
  peakRssMb: number | null;
  exitCode: number;
  /** The last lines of the process's stderr, for a failure message. */
  stderrTail: string;
}

let probed: boolean | null = null;

/** True when /usr/bin/time is GNU time and reports the maximum resident set size. */
export function hasGnuTime(): boolean {
  if (probed === null) {
    if (!existsSync(TIME)) probed = false;
    else {
      const r = spawnSync(TIME, ['-v', 'true'], { encoding: 'utf8' });
      probed = r.status === 0 && /Maximum resident set size/.test(r.stderr ?? '');
    }
  }
  return probed;
}

/** Peak RSS in MB from `time -v` output, or null. */
export function parseMaxRss(text: string): number | null {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  return m ? Number(m[1]) / 1024 : null;
}

let seq = 0;

/**
 * Runs `argv` in `cwd` and measures it. `onLine` receives each stdout line as it arrives
 * (stdout is otherwise discarded); stderr is kept for its tail.
 */
export async function measure(
  argv: string[],
  opts: { cwd: string; onLine?: (line: string) => void },
): Promise<Measured> {
  const timeFile = hasGnuTime() ? join(tmpdir(), `papermap-bench-${process.pid}-${seq++}.time`) : null;
  const full = timeFile ? [TIME, '-v', '-o', timeFile, ...argv] : argv;
  let stderr = '';
  let pending = '';
  const t0 = performance.now();
  const child = spawn(full[0], full.slice(1), { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (!opts.onLine) return;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) opts.onLine(line);
  });
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const wallS = (performance.now() - t0) / 1000;
  if (opts.onLine && pending !== '') opts.onLine(pending);
  let peakRssMb: number | null = null;
  if (timeFile) {
    if (existsSync(timeFile)) peakRssMb = parseMaxRss(readFileSync(timeFile, 'utf8'));
    rmSync(timeFile, { force: true });
  }
  const tail = stderr.trim().split('\n').slice(-6).join('\n');
  return { wallS, peakRssMb, exitCode, stderrTail: tail };
}
