// The topics artifact (topics.json): each topic's stable id, name, terms, papers and lineage, and the run's quality figures.
/** What happened to a topic since the previous run: exactly one. `renamed` is set by the naming step. */
export type TopicStatus = 'carried' | 'new' | 'split' | 'merged' | 'renamed';
export type NameSource = 'user' | 'inherited' | 'computed';

export interface TopicTerm {
  term: string;
  weight: number;
}

export interface Topic {
  /** Stable id: the cluster number in a fresh run, inherited from the previous run when matched. */
  id: number;
  name: string;
  /** Where the name comes from: the user's settings, the previous run, or this run's terms. */
  nameSource: NameSource;
  /** The name a next run inherits (never a user's name, so removing it brings the computed one back). */
  inheritName: string;
  /** How it matched the previous run's topics (absent without --previous). */
  match?: {
    /** The previous id it keeps (null for new and split topics). */
    previous: number | null;
    /** The previous topic it descends from (kept, split from, or the largest merged from). */
    previousId: number | null;
    status: TopicStatus;
    mergedFrom: number[];
    similarity: number;
    paperJaccard: number | null;
    termCosine: number;
    termJaccard: number;
    evidence: 'papers' | 'terms' | null;
    /** The name it had in the previous run, when it descends from one. */
    previousName: string | null;
  };
  size: number;
  terms: TopicTerm[];
  /** Paper ids closest to the topic's centre in the clustering space, nearest first. */
  representatives: string[];
  /** Paper ids with the most upvotes, most first (papers without upvotes left out). */
  mostUpvoted: string[];
}

export interface Quality {
  silhouette: number;
  coherence: number;
  diversity: number;
  /** Present when the input carries labels. */
  labelled?: { papers: number; classes: number; homogeneity: number; completeness: number; vMeasure: number; ari: number };
}

export interface TopicsFile {
  /** Indexed by cluster number (clusters.bin); each carries its stable id. */
  topics: Topic[];
  quality: Quality;
  /** The run matched against, the previous topics with no match, and the next fresh id to hand out. */
  previous: string | null;
  gone: { id: number; name: string; size: number }[];
  /** Previous topics merged into a topic of this run that took another id. */
  mergedInto?: { id: number; name: string; size: number; into: number }[];
  nextId: number;
}
