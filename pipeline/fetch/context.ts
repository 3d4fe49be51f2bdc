// What a source fetcher gets (workspace, options, HTTP client settings, today, a log) and gives back (item reports, files).
import type { HttpOptions } from './http.ts';
import type { FetchOptions } from './options.ts';
import type { ItemReport } from './plan.ts';

export interface FetchContext {
  cwd: string;
  options: FetchOptions;
  http: HttpOptions;
  /** Today as `YYYY-MM-DD` (PAPERMAP_TODAY in tests): the cache rule measures a day's age against it. */
  today: string;
  log: (line: string) => void;
}

export interface FetchOutcome {
  reports: ItemReport[];
  /** Files the run reads, relative to the workspace, in order. */
  files: string[];
  /** A note for the summary (why paging stopped). */
  note?: string;
}
