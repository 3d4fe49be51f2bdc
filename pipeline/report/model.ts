// ReportModel: everything the report page, its charts and the mail digest show, assembled by the report stage.
import type { Quality } from '../artifacts/topics.ts';
import type { KCurvePoint } from '../math/kmeans.ts';
import type { TrendBaseline, TrendFigures } from '../trends/baseline.ts';

export type { Quality, KCurvePoint, TrendBaseline, TrendFigures };

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

/** The change the trends stage measured for one topic: the figures of `trendBaseline`, the same in every place shown. */
export interface TopicTrend extends TrendFigures {
  /** Papers in the comparison window. */
  windowCount: number;
  /** Two-sided p-value of the exact test. */
  p: number;
  /** Whether the topic entered the test (a paper in the target period or the window). */
  tested: boolean;
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
  /** Where it comes from in the previous run (with --previous): split from, merged from, renamed from. */
  lineage?: { status: 'carried' | 'new' | 'split' | 'merged' | 'renamed'; from: string[] };
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
  /** The paper's id (links to Hugging Face and arXiv are made from it). */
  id: string;
  /** Authors, comma-separated ('' when unknown). */
  authors: string;
  /** The abstract, whole or cut to the report's excerpt length. */
  abstract: string;
  upvotes: number | null;
  /** The record's own link, only when it is an absolute http(s) URL. */
  url: string | null;
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
  /** Days (or arXiv pages) whose fetch failed, when the input was fetched, with the reason. */
  failedFetches?: { item: string; reason: string }[];
}

export interface ReportLink {
  label: string;
  /** Relative link (e.g. `../2025-W47/index.html`); external links are refused. */
  href: string;
}

export interface ReportModel {
  /** Run name (`sample`, `2025-W48`). */
  run: string;
  /** The window the report covers: its first and last paper's day, a label, and its dated papers. */
  period: { from: string; to: string; label: string; papers?: number };
  /** Time buckets of the series, oldest first (`2025-W44`, or `2025-11` / `2025-Q3` for long spans). */
  periods: string[];
  /** The bucket the trends test looks at (weekly: the target week), one of `periods`. */
  targetPeriod?: string;
  /** One line naming the trend test, shown under the trends chart. */
  trendTest?: string;
  /** The comparison every trend figure refers to (absent when nothing was tested). */
  trendBaseline?: TrendBaseline;
  /** The target period itself: its label, first and last day, and the papers dated in it. */
  target?: { label: string; from: string; to: string; papers: number };
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
  /** Set when the run had too few papers to cluster: one topic, no map structure. */
  tooFewToCluster?: boolean;
  /** Shown in the footer when given (keep it out for byte-identical reports). */
  generatedAt?: string;
}
