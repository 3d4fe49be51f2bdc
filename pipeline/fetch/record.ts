// fetch.json in a run folder: what the run's last fetch got, day by day (or page by page), and what failed, for the report's coverage.
import type { ItemReport } from './plan.ts';

export const FETCH_RECORD = 'fetch.json';

export interface FetchRecord {
  source: string;
  start: string;
  end: string;
  items: { item: string; outcome: ItemReport['outcome']; papers?: number; reason?: string }[];
}
