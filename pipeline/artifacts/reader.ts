// The reader every artifact module reads a run folder through (the runner makes it): text, JSON, JSON Lines and typed-array bundles by name.
import type { ArraysBundle } from '../io/arrays.ts';

/** Reads artifacts of earlier stages from the run folder, by name. */
export interface ArtifactReader {
  text(name: string): string;
  bytes(name: string): Uint8Array;
  json<T>(name: string): T;
  jsonl<T>(name: string): T[];
  /** A typed-array artifact: `<name>.json` header and `<name>.bin`. */
  arrays(name: string): ArraysBundle;
  /** True when an artifact exists. */
  has(name: string): boolean;
}

/** What an artifact reader function needs of a stage's context: the run's reader. */
export interface Reads {
  read: ArtifactReader;
}
