// Errors the CLI reports as one clear line (no stack trace): bad input data, as opposed to bad arguments.

/**
 * An input that cannot be read at all (missing, binary, not UTF-8, unknown format, no records).
 * `keep` holds files worth writing even so (the rejects of an input whose every record was
 * rejected), by output name: the runner writes them, and records no stage, so nothing trusts them.
 */
export class InputError extends Error {
  override name = 'InputError';
  readonly keep: Record<string, string>;
  constructor(message: string, keep: Record<string, string> = {}) {
    super(message);
    this.keep = keep;
  }
}
