// Text formatting of the benchmark output: numbers, aligned tables, progress lines with elapsed time.
import { performance } from 'node:perf_hooks';

export function secs(s: number | null | undefined): string {
  return s === null || s === undefined || !Number.isFinite(s) ? '-' : s.toFixed(s < 10 ? 2 : 1);
}

export function int(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '-' : Math.round(n).toLocaleString('en-US');
}

export function mb(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(0);
}

export function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}x` : '-';
}

/** An aligned table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][], indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const started = performance.now();

/** A progress line on stderr, prefixed with the time since the harness started. */
export function progress(text: string): void {
  const t = Math.floor((performance.now() - started) / 1000);
  const stamp = `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
  process.stderr.write(`[${stamp}] ${text}\n`);
}

/** A command as one shell line (arguments with spaces or quotes quoted). */
export function shellLine(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
