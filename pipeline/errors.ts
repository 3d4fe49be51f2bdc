// Errors the CLI reports as one clear line (no stack trace): bad input data, as opposed to bad arguments.

/** An input that cannot be read at all (missing, binary, not UTF-8, unknown format, no records). */
export class InputError extends Error {
  override name = 'InputError';
}
