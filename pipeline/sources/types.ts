// Shared shapes of the source readers: what a reader yields per record, and what it rejects.

/** One paper as a source reader found it, before normalisation and de-duplication. */
export interface RawPaper {
  /** The record's own id (arXiv id, HF id, a CSV id column), if it carries one. */
  id?: string;
  title?: string;
  abstract?: string;
  /** Listing date as the source gives it: ISO `YYYY-MM-DD` (readers resolve page dates themselves). */
  date?: string | null;
  /** arXiv publication date `YYYY-MM-DD`, when known. */
  published?: string | null;
  authors?: string[];
  /** Count of authors when only a count is known (the saved page says "• 6 authors"). */
  authorCount?: number;
  upvotes?: number | null;
  url?: string | null;
  /** Ground-truth labels for quality figures (arXiv categories, newsgroup), first is primary. */
  labels?: string[];
  /** Where it came from: file path and 1-based line of the record's start. */
  file: string;
  line: number;
}

/** A record that could not be used, with where it was and why. */
export interface Reject {
  file: string;
  line: number;
  reason: string;
  /** A short excerpt of the raw record (at most ~300 characters) so a user can find and fix it. */
  excerpt?: string;
}

/** What one reader returns for one file. */
export interface ReadResult {
  records: RawPaper[];
  rejects: Reject[];
}

/** Options a reader may need; all have defaults in config.ts. */
export interface ReadOptions {
  /** Field mapping, target -> source name: { abstract: "text", date: "publishedAt" }. */
  map: Record<string, string>;
  /** Reference day (`YYYY-MM-DD`) against which a saved page's year-less date line is resolved. */
  asOf: string;
  /** For API responses saved one file per day: the day the file was fetched for, from its name. */
  fileDate?: string | null;
}

/** The formats papermap reads. */
export const FORMATS = ['hf-page', 'jsonl', 'json', 'csv', 'hf-api', 'arxiv', 'arxiv-atom'] as const;
export type Format = (typeof FORMATS)[number];
