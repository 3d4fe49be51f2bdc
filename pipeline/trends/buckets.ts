// Time buckets for trends: a paper's day as an ISO week, month or quarter; the bucket size for a span; every bucket between two.
import { dayNumber, dayString, isIsoDay, isoWeek, isoWeekMonday } from '../dates.ts';

/** A bucket size. Labels: week `2025-W48` (ISO 8601), month `2025-11`, quarter `2025-Q4`. */
export type Period = 'week' | 'month' | 'quarter';

export const PERIODS: readonly Period[] = ['week', 'month', 'quarter'];

export const bucketDefaults = {
  /**
   * The most buckets a chart should show. `choosePeriod` takes the finest size whose range
   * stays within it: weeks up to 60 weeks (~14 months), months up to 60 months (5 years),
   * quarters beyond.
   */
  maxPeriods: 60,
};

const LABEL: Record<Period, RegExp> = {
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q(\d)$/,
};

/** The bucket label of a `YYYY-MM-DD` day. */
export function periodOf(day: string, period: Period): string {
  if (!isIsoDay(day)) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  if (period === 'week') return isoWeek(day);
  const year = day.slice(0, 4);
  const month = +day.slice(5, 7);
  return period === 'month' ? `${year}-${day.slice(5, 7)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/** True when `label` is a real bucket of that size (`2025-W53` is not: 2025 has 52 ISO weeks). */
export function isPeriodLabel(label: string, period: Period): boolean {
  const m = LABEL[period].exec(label);
  if (!m) return false;
  const n = +m[2];
  if (period === 'month') return n >= 1 && n <= 12;
  if (period === 'quarter') return n >= 1 && n <= 4;
  if (n < 1 || n > 53) return false;
  try {
    isoWeekMonday(label);
    return true;
  } catch {
    return false;
  }
}

function checkLabel(label: string, period: Period): void {
  if (!isPeriodLabel(label, period)) {
    const like = { week: '2025-W48', month: '2025-11', quarter: '2025-Q4' }[period];
    throw new Error(`not a ${period} like ${like}: ${label}`);
  }
}

/** First day (`YYYY-MM-DD`) of a bucket: the Monday of a week, the 1st of a month or quarter. */
export function periodStart(label: string, period: Period): string {
  checkLabel(label, period);
  if (period === 'week') return isoWeekMonday(label);
  const year = label.slice(0, 4);
  const month = period === 'month' ? +label.slice(5, 7) : (+label.slice(6) - 1) * 3 + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** Ordinal of a bucket on a scale with no gaps (weeks since the Monday of 1970-01-05's week, months or quarters since year 0). */
function ordinal(label: string, period: Period): number {
  if (period === 'week') return Math.floor((dayNumber(periodStart(label, period)) + 3) / 7); // day 0 is a Thursday; Monday-aligned
  const year = +label.slice(0, 4);
  return period === 'month' ? year * 12 + (+label.slice(5, 7) - 1) : year * 4 + (+label.slice(6) - 1);
}

function fromOrdinal(n: number, period: Period): string {
  if (period === 'week') return isoWeek(dayString(n * 7 - 3));
  if (period === 'month') return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  return `${Math.floor(n / 4)}-Q${(n % 4) + 1}`;
}

/** Number of buckets from `first` to `last` inclusive (0 when last is before first). */
export function periodCount(first: string, last: string, period: Period): number {
  checkLabel(first, period);
  checkLabel(last, period);
  return Math.max(0, ordinal(last, period) - ordinal(first, period) + 1);
}

/** Every bucket from `first` to `last` inclusive, oldest first, with no gaps (across year ends: 2026-W52, 2026-W53, 2027-W01). */
export function periodRange(first: string, last: string, period: Period): string[] {
  checkLabel(first, period);
  checkLabel(last, period);
  const a = ordinal(first, period);
  const b = ordinal(last, period);
  if (b < a) throw new Error(`period range runs backwards: ${first} is after ${last}`);
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(fromOrdinal(n, period));
  return out;
}

/** The bucket `steps` buckets after `label` (before it when negative). */
export function shiftPeriod(label: string, steps: number, period: Period): string {
  checkLabel(label, period);
  return fromOrdinal(ordinal(label, period) + steps, period);
}

/** Earliest and latest of the valid days given (nulls skipped), or null when there are none. */
export function dateSpan(dates: Iterable<string | null>): { first: string; last: string } | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const d of dates) {
    if (d === null) continue;
    if (first === null || d < first) first = d;
    if (last === null || d > last) last = d;
  }
  return first === null || last === null ? null : { first, last };
}

/**
 * The finest bucket size whose range over the dates has at most `maxPeriods` buckets: 'week'
 * for up to 60 weeks, 'month' for up to 60 months, else 'quarter'. No dates: 'week'.
 */
export function choosePeriod(dates: Iterable<string | null>, maxPeriods = bucketDefaults.maxPeriods): Period {
  const span = dateSpan(dates);
  if (span === null) return 'week';
  for (const p of ['week', 'month'] as const) {
    if (periodCount(periodOf(span.first, p), periodOf(span.last, p), p) <= maxPeriods) return p;
  }
  return 'quarter';
}
