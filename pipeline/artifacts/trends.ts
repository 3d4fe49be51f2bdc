// The trends artifact (trends.json): papers per topic per period, the target period tested against its window, and each topic's flag.
import type { TrendFlag } from '../trends/rateTest.ts';

export interface TopicTrendRow {
  /** Cluster index (position in topics.json) and the topic's id. */
  index: number;
  id: number;
  name: string;
  counts: number[];
  shares: number[];
  upvotes: number[];
  undated: number;
  /** The target period against the trailing window: x papers now, y in the window, E = y E_t / E_w expected. */
  count: number;
  windowCount: number;
  expected: number;
  /** x / E; null when infinite (no papers in the window) or undefined (none in either). */
  rateRatio: number | null;
  /** Exact 95% interval of the rate ratio; the upper end is null when infinite. */
  ci: [number, number | null] | null;
  pUp: number;
  pDown: number;
  /** Two-sided p-value of the exact test, and its Benjamini-Hochberg q-value among the period's tested topics. */
  p: number;
  q: number;
  /** Whether the topic entered the test (a paper in the target period or the window). */
  tested: boolean;
  trend: TrendFlag;
}

export interface TrendsFile {
  period: 'week' | 'month' | 'quarter';
  periods: string[];
  totals: number[];
  undated: number;
  /** The period tested and the window it is compared with. */
  target: string | null;
  window: string[];
  /** E_t, the papers of the target period, and E_w, those of the window. */
  targetTotal: number;
  windowTotal: number;
  test: { method: string; fdr: number; minCount: number; ciLevel: number; tested: number };
  topics: TopicTrendRow[];
}
