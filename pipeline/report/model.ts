// ReportModel: everything the report page, its charts and the mail digest show, assembled by the report stage.
import type { Quality } from '../stages/label.ts';
import type { KCurvePoint } from '../math/kmeans.ts';

export type { Quality, KCurvePoint };

/** Trend flags from the trends test (rising / fading / emerging) and from topic matching across runs (new). */
export type TopicFlag = 'rising' | 'fading' | 'emerging' | 'new';

/** A paper as the report lists it. */
export interface ReportPaper {
  id: string;
  title: string;
  /** Linked only when it is an absolute http(s) URL. */
  url: string | null;
  /** `YYYY-MM-DD` or null when undated. */
  date: string | null;
  upvotes: number | null;
}

/** A paper of the target period, with its topic (the "this week's papers" list). */
export interface ReportTargetPaper extends ReportPaper {
  topic: number;
}

/** The change the trends stage measured for one topic. */
export interface TopicTrend {
  /** Papers in the comparison window (the digest says "grew from `from` to `to` papers"). */
  from: number;
  /** Papers in the target period. */
  to: number;
  /** Rate in the target period over the rate in the trailing window; null when the window had none. */
  rateRatio: number | null;
  /** p-value of the test, when it was run. */
  pValue: number | null;
}

export interface ReportTopic {
  /** Stable topic id: the colour and every artifact key by it. */
  id: number;
  name: string;
  /** Papers in the topic over the whole run. */
  size: number;
  /** c-TF-IDF terms, best first. */
  terms: { term: string; weight: number }[];
  flags: TopicFlag[];
  /** Papers per period, aligned with ReportModel.periods (dated papers only). */
  counts: number[];
  trend: TopicTrend | null;
  /** Closest to the topic's centre, nearest first. */
  representatives: ReportPaper[];
  /** Most upvotes first. */
  mostUpvoted: ReportPaper[];
  /** Size in earlier weekly runs, oldest first (optional: weekly mode with --previous). */
  history?: { run: string; size: number }[];
}

/** One paper on the 2-D map. */
export interface MapPoint {
  x: number;
  y: number;
  topic: number;
  title: string;
  date: string | null;
  /** Row of the paper in papers.jsonl. */
  index: number;
}

export interface Coverage {
  /** Records read from the inputs (kept + merged + rejected). */
  read: number;
  kept: number;
  merged?: number;
  rejected: number;
  /** Kept papers without a date (on the map, out of the time series). */
  undated: number;
  /** Days of the window (`YYYY-MM-DD`) with no papers. */
  daysWithoutPapers: string[];
  /** Days whose fetch failed, when the input was fetched. */
  failedFetches?: string[];
}

export interface ReportLink {
  label: string;
  /** Relative link (e.g. `../2025-W47/index.html`); external links are refused. */
  href: string;
}

export interface ReportModel {
  /** Run name (`sample`, `2025-W48`). */
  run: string;
  /** The window the report covers. */
  period: { from: string; to: string; label: string };
  /** Time buckets of the series, oldest first (`2025-W44`, or `2025-11` / `2025-Q3` for long spans). */
  periods: string[];
  /** The bucket the trends test looks at (weekly: the target week), one of `periods`. */
  targetPeriod?: string;
  /** One line naming the trend test, shown under the trends chart. */
  trendTest?: string;
  coverage: Coverage;
  quality: Quality;
  /** Topics, largest first by convention. */
  topics: ReportTopic[];
  /** Topics of the previous run without a match in this one. */
  gone?: { id: number; name: string; size: number }[];
  map: { points: MapPoint[] };
  kCurve: { points: KCurvePoint[]; chosenK: number; how?: string };
  nav?: { previous?: ReportLink; next?: ReportLink; index?: ReportLink };
  targetPapers?: ReportTargetPaper[];
  /** Shown in the footer when given (keep it out for byte-identical reports). */
  generatedAt?: string;
}
