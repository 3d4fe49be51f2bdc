// The contract between the runner and a stage: what a stage reads, is given, and returns.
import type { Settings, StageName } from '../config.ts';
import type { Reporter } from '../progress.ts';
import type { Content } from '../io/atomic.ts';
import type { ArtifactReader } from '../artifacts/reader.ts';

export type { ArtifactReader };


export interface StageContext {
  settings: Settings;
  run: string;
  /** The workspace folder (data/ and reports/ are in it), for caches shared by its runs. */
  workspace: string;
  read: ArtifactReader;
  /** External input files of the run (ingest only), as given paths resolved and sorted. */
  inputFiles: string[];
  /** Size in bytes of an external input file (ingest only), known before reading it. */
  inputSize(path: string): number;
  /** The path an external input file is opened at (ingest only: relative paths are the run's working folder's). */
  inputPath(path: string): string;
  report: Reporter;
  /** Reads another run's artifacts (the previous week's topics). */
  readRun(run: string): ArtifactReader;
}

/** What a stage hands back: the runner writes the outputs atomically and records the rest in the manifest. */
export interface StageResult {
  /** File name in the run folder (or `reports/<name>` for the run's report folder) -> content. */
  outputs: Record<string, Content>;
  counts: Record<string, number>;
  /** Other figures recorded in the manifest (explained variance, resolved dates, ...). */
  meta?: Record<string, unknown>;
  /** One line printed after the stage ran. */
  summary: string;
  /**
   * Parsed forms of outputs, by output name, handed to the next stage in the same process instead of
   * reading the file back (taken once; the file on disk is the same data).
   */
  handoff?: Record<string, unknown>;
  /** Extra lines printed under it (a table). */
  details?: string[];
}

export interface Stage {
  name: StageName;
  /** One line: what it does. */
  about: string;
  /** Artifacts of earlier stages it reads (file names in the run folder). */
  reads: string[];
  /** Files of other runs it reads, given the settings (paths relative to the workspace, `cwd` to follow links between runs); hashed like its inputs. */
  externalInputs?(settings: Settings, run: string, cwd: string): string[];
  run(ctx: StageContext): Promise<StageResult>;
}
