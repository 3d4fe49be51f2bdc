// Calendar helpers on `YYYY-MM-DD` strings: validation, ISO weeks, today's date.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Days since 1970-01-01 (UTC) of a `YYYY-MM-DD` day. */
export function dayNumber(s: string): number {
  const m = ISO_DAY.exec(s);
  if (!m) throw new Error(`not a YYYY-MM-DD day: ${s}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86_400_000;
}

/** The `YYYY-MM-DD` day of a day number. */
export function dayString(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** ISO 8601 week of a day, as `2025-W48` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: string): string {
  const n = dayNumber(day);
  const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = n - weekday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / 86_400_000;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday (`YYYY-MM-DD`) of an ISO week written `2025-W48`. */
export function isoWeekMonday(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week like 2025-W48: ${week}`);
  const jan4 = Date.UTC(+m[1], 0, 4) / 86_400_000;
  const jan4Weekday = (new Date(jan4 * 86_400_000).getUTCDay() + 6) % 7;
  const monday = jan4 - jan4Weekday + (+m[2] - 1) * 7;
  if (isoWeek(dayString(monday)) !== week) throw new Error(`no such ISO week: ${week}`);
  return dayString(monday);
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
