#!/usr/bin/env node
// Launcher: runs papermap's TypeScript CLI through tsx (no build step), with a heap limit sized for the machine.
import { spawn } from 'node:child_process';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** Commands that hold a run's papers in memory: a million papers need more than Node's default heap. */
const HEAVY = new Set(['run', 'weekly', 'ingest', 'tokenize', 'vectorize', 'reduce', 'embed', 'project', 'cluster', 'label', 'trends', 'report']);

/** The heap papermap asks for: three quarters of the machine's memory (Node's default is about 4 GB). */
const wantMb = Math.floor((totalmem() * 0.75) / 2 ** 20);
const haveMb = getHeapStatistics().heap_size_limit / 2 ** 20;
const userSet = /--max-old-space-size/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);

if (HEAVY.has(process.argv[2]) && !userSet && !process.env.PAPERMAP_HEAP && haveMb < wantMb * 0.9) {
  // Node fixes the heap limit at start: run the same command again in a node with the larger limit.
  const child = spawn(process.execPath, [`--max-old-space-size=${wantMb}`, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, PAPERMAP_HEAP: String(wantMb) },
  });
  // Ctrl-C and kill reach the command itself, which cleans up (a signal to this process alone is passed on)
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../pipeline/cli.ts');
  process.exitCode = await main(process.argv.slice(2));
}
