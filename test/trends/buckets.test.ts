// Time buckets for trends: ISO weeks across year ends, months, quarters, ranges with no gaps, the automatic bucket size.
import { describe, expect, it } from 'vitest';
import { choosePeriod, isPeriodLabel, periodCount, periodOf, periodRange, periodStart, shiftPeriod } from '../../pipeline/trends/buckets.ts';
import { dayString, dayNumber, isoWeek } from '../../pipeline/dates.ts';

describe('periodOf', () => {
  it('buckets days into ISO weeks across year ends', () => {
    expect(periodOf('2024-12-30', 'week')).toBe('2025-W01'); // Monday of the week holding Thursday 2025-01-02
    expect(periodOf('2025-01-05', 'week')).toBe('2025-W01');
    expect(periodOf('2024-12-29', 'week')).toBe('2024-W52');
    expect(periodOf('2026-12-28', 'week')).toBe('2026-W53'); // 2026 starts on a Thursday: 53 weeks
    expect(periodOf('2027-01-03', 'week')).toBe('2026-W53');
    expect(periodOf('2027-01-04', 'week')).toBe('2027-W01');
    expect(periodOf('2025-11-24', 'week')).toBe('2025-W48');
  });
  it('buckets days into months and quarters by the calendar', () => {
    expect(periodOf('2024-12-30', 'month')).toBe('2024-12');
    expect(periodOf('2025-01-01', 'month')).toBe('2025-01');
    expect(periodOf('2025-03-31', 'quarter')).toBe('2025-Q1');
    expect(periodOf('2025-04-01', 'quarter')).toBe('2025-Q2');
    expect(periodOf('2025-12-31', 'quarter')).toBe('2025-Q4');
  });
  it('refuses what is not a day', () => {
    expect(() => periodOf('2025-02-30', 'week')).toThrow(/not a YYYY-MM-DD day/);
  });
});

describe('period labels', () => {
  it('knows which weeks exist', () => {
    expect(isPeriodLabel('2026-W53', 'week')).toBe(true);
    expect(isPeriodLabel('2025-W53', 'week')).toBe(false);
    expect(isPeriodLabel('2025-W00', 'week')).toBe(false);
    expect(isPeriodLabel('2025-13', 'month')).toBe(false);
    expect(isPeriodLabel('2025-Q5', 'quarter')).toBe(false);
    expect(isPeriodLabel('2025-11', 'week')).toBe(false);
  });
  it('gives the first day of each bucket', () => {
    expect(periodStart('2025-W01', 'week')).toBe('2024-12-30');
    expect(periodStart('2026-W53', 'week')).toBe('2026-12-28');
    expect(periodStart('2025-11', 'month')).toBe('2025-11-01');
    expect(periodStart('2025-Q4', 'quarter')).toBe('2025-10-01');
  });
  it('shifts by whole buckets', () => {
    expect(shiftPeriod('2027-W01', -1, 'week')).toBe('2026-W53');
    expect(shiftPeriod('2025-W52', 1, 'week')).toBe('2026-W01');
    expect(shiftPeriod('2025-W48', -12, 'week')).toBe('2025-W36');
    expect(shiftPeriod('2025-01', -1, 'month')).toBe('2024-12');
    expect(shiftPeriod('2025-Q1', -1, 'quarter')).toBe('2024-Q4');
  });
});

describe('periodRange', () => {
  it('lists every week across a year end with 53 weeks', () => {
    expect(periodRange('2026-W51', '2027-W02', 'week')).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });
  it('lists every week across a year end with 52 weeks (no 2025-W53)', () => {
    expect(periodRange('2025-W51', '2026-W02', 'week')).toEqual(['2025-W51', '2025-W52', '2026-W01', '2026-W02']);
  });
  it('has no gaps and no repeats over a decade of weeks', () => {
    const weeks = periodRange('2019-W01', '2030-W52', 'week');
    // Against the weeks of every day in between:
    const seen: string[] = [];
    for (let d = dayNumber('2018-12-31'); d <= dayNumber('2030-12-29'); d++) {
      const w = isoWeek(dayString(d));
      if (seen[seen.length - 1] !== w) seen.push(w);
    }
    expect(weeks).toEqual(seen);
    expect(weeks.filter((w) => w.endsWith('W53'))).toEqual(['2020-W53', '2026-W53']);
    expect(periodCount('2019-W01', '2030-W52', 'week')).toBe(weeks.length);
  });
  it('lists months and quarters across year ends', () => {
    expect(periodRange('2025-11', '2026-02', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodRange('2025-Q3', '2026-Q2', 'quarter')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodRange('2025-Q3', '2025-Q3', 'quarter')).toEqual(['2025-Q3']);
  });
  it('refuses backwards ranges and buckets that do not exist', () => {
    expect(() => periodRange('2025-W10', '2025-W09', 'week')).toThrow(/backwards/);
    expect(() => periodRange('2025-W50', '2025-W53', 'week')).toThrow(/not a week like 2025-W48: 2025-W53/);
    expect(() => periodRange('2025-11', '2025-W53', 'month')).toThrow(/not a month/);
  });
});

describe('choosePeriod', () => {
  it('uses weeks up to 60 weeks, months up to 60 months, quarters beyond', () => {
    expect(choosePeriod([])).toBe('week');
    expect(choosePeriod([null, null])).toBe('week');
    expect(choosePeriod(['2025-11-24', null, '2025-09-01'])).toBe('week');
    // 2025-W01 .. 2026-W08 is 60 weeks; one more week is 61.
    expect(choosePeriod(['2024-12-30', '2026-02-22'])).toBe('week');
    expect(choosePeriod(['2024-12-30', '2026-02-23'])).toBe('month');
    // 117 weeks (the hf-daily-papers span) -> 27 months.
    expect(choosePeriod(['2023-09-04', '2025-11-30'])).toBe('month');
    // 2020-01 .. 2024-12 is 60 months; 2025-01 makes 61.
    expect(choosePeriod(['2020-01-15', '2024-12-31'])).toBe('month');
    expect(choosePeriod(['2020-01-15', '2025-01-01'])).toBe('quarter');
  });
  it('takes another limit', () => {
    expect(choosePeriod(['2025-01-06', '2025-03-31'], 12)).toBe('month'); // 2025-W02 .. 2025-W14: 13 weeks
    expect(choosePeriod(['2025-01-06', '2025-03-31'], 13)).toBe('week');
  });
});
