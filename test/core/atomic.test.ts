// Atomic writes: a writer killed mid-write leaves the old file or the whole new one, never a part.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../pipeline/io/atomic.ts';

describe('writeFileAtomic', () => {
  it('replaces content whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'papermap-atomic-'));
    const f = join(dir, 'sub', 'x.json');
    writeFileAtomic(f, '{"a":1}');
    writeFileAtomic(f, '{"a":2}');
    expect(readFileSync(f, 'utf8')).toBe('{"a":2}');
    rmSync(dir, { recursive: true });
  });

  it('never exposes a partial file when the writer is killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'papermap-atomic-'));
    const target = join(dir, 'big.bin');
    writeFileSync(target, 'old');
    const mb = 64;
    for (const delay of [30, 120, 400]) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../helpers/writeBig.ts'), target, String(mb)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((res) => child.stdout.once('data', () => res()));
      await new Promise((res) => setTimeout(res, delay));
      child.kill('SIGKILL');
      await new Promise((res) => child.once('exit', res));
      const size = statSync(target).size;
      expect(size === 3 || size === mb * 1024 * 1024).toBe(true);
    }
    rmSync(dir, { recursive: true });
  });
});
