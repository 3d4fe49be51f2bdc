// Progress for long work: a live line on a terminal, short plain lines (every few seconds) elsewhere, e.g. in CI.

export interface Ticker {
  /** Report that `done` of the total units are finished (`total` replaces the total given at the start). */
  update(done: number, total?: number): void;
  /** Close the line (on a terminal) once the work is finished. */
  end(): void;
}

export interface Reporter {
  /** Print one line of output (stdout). */
  line(text: string): void;
  /** Start a progress ticker for `total` units of work called `label`. */
  ticker(label: string, total: number): Ticker;
}

export interface ReporterOptions {
  tty?: boolean;
  quiet?: boolean;
  write?: (s: string) => void;
  /** Seconds between plain lines when not on a terminal. */
  plainEvery?: number;
}

export function createReporter(opts: ReporterOptions = {}): Reporter {
  const write = opts.write ?? ((s: string) => void process.stderr.write(s));
  const tty = opts.tty ?? Boolean(process.stderr.isTTY);
  const quiet = opts.quiet ?? false;
  const plainEvery = (opts.plainEvery ?? 5) * 1000;
  return {
    line(text) {
      if (!quiet) process.stdout.write(text + '\n');
    },
    ticker(label, initialTotal) {
      let total = initialTotal;
      const t0 = Date.now();
      let last = 0;
      let shown = false;
      return {
        update(done, newTotal) {
          if (quiet) return;
          if (newTotal !== undefined) total = newTotal;
          const now = Date.now();
          const pct = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0;
          const secs = ((now - t0) / 1000).toFixed(1);
          if (tty) {
            if (now - last < 100 && done < total) return;
            last = now;
            shown = true;
            write(`\r  ${label} ${String(pct).padStart(3)}% (${done}/${total}) ${secs}s\x1b[K`);
          } else if (now - last >= plainEvery && now - t0 >= plainEvery) {
            last = now;
            write(`  ${label} ${pct}% (${done}/${total}) ${secs}s\n`);
          }
        },
        end() {
          if (tty && shown) write('\r\x1b[K');
        },
      };
    },
  };
}
