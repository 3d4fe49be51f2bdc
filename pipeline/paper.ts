// The paper record: one row of papers.jsonl, the table every stage after ingest reads.

export interface Paper {
  /** Stable id: the record's own id or arXiv id, else `h:` + a hash of normalised title and abstract. */
  id: string;
  title: string;
  abstract: string;
  /** Day it appeared in the listing the user follows (`YYYY-MM-DD`), or null when unknown. */
  date: string | null;
  /** arXiv publication date (`YYYY-MM-DD`) when known. */
  published: string | null;
  authors: string[];
  /** Number of authors (authors.length, or the count a saved page gives without names). */
  authorCount: number;
  upvotes: number | null;
  url: string | null;
  /** `file:line` of the record kept (the first one seen, for merged duplicates). */
  source: string;
  /** Ground-truth labels when the input carries them (first is primary). */
  labels?: string[];
}
