// ISO week bucketing and day arithmetic, including weeks that cross year ends.
import { describe, expect, it } from 'vitest';
import { isIsoDay, isoWeek, isoWeekMonday, dayNumber, dayString } from '../../pipeline/dates.ts';

describe('isoWeek', () => {
  it('puts days in their ISO 8601 weeks', () => {
    expect(isoWeek('2025-11-24')).toBe('2025-W48'); // a Monday
    expect(isoWeek('2025-11-30')).toBe('2025-W48'); // the Sunday after
    expect(isoWeek('2025-12-01')).toBe('2025-W49');
  });
  it('crosses year ends the ISO way', () => {
    expect(isoWeek('2024-12-30')).toBe('2025-W01'); // Monday of the week holding 2025-01-02 (Thursday)
    expect(isoWeek('2025-01-01')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53'); // 2020 has 53 weeks
    expect(isoWeek('2026-12-31')).toBe('2026-W53'); // 2026 starts on Thursday: 53 weeks
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
  });
  it('finds the Monday of a week and refuses weeks that do not exist', () => {
    expect(isoWeekMonday('2026-W53')).toBe('2026-12-28');
    expect(isoWeekMonday('2025-W01')).toBe('2024-12-30');
    expect(() => isoWeekMonday('2025-W53')).toThrow(/no such ISO week/);
  });
});

describe('days', () => {
  it('validates real calendar days only', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2025-13-01')).toBe(false);
    expect(isIsoDay('25-01-01')).toBe(false);
  });
  it('round-trips day numbers', () => {
    expect(dayString(dayNumber('2025-11-28'))).toBe('2025-11-28');
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});
