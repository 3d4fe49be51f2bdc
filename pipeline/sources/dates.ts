// Day parsing for the readers: ISO dates and datetimes, `YYYY/MM/DD`, and year-less "Mon D" resolved against a reference day.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6,
  jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Month number (1-12) of an English month name or its three-letter abbreviation, else null. */
export function monthNumber(name: string): number | null {
  const m = MONTHS[name.slice(0, 3).toLowerCase()];
  return m === undefined ? null : m;
}

/** True when y-m-d is a real calendar day (proleptic Gregorian, years 1000-9999). */
export function isValidDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` of a valid day. */
export function formatDay(y: number, m: number, d: number): string {
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASH_DAY = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
// Date part, then T or space, then a time and an optional zone; the zone decides the UTC day.
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The UTC day (`YYYY-MM-DD`) of a date string, or null when it is not one of:
 * ISO date `2025-11-24`, ISO datetime `2025-11-24T00:11:13.178Z` (with or without a zone;
 * without one it is taken as UTC), or `2025/11/24`.
 */
export function parseDay(input: string): string | null {
  const s = input.trim();
  let m = ISO_DAY.exec(s);
  if (m) return checked(+m[1], +m[2], +m[3]);
  m = SLASH_DAY.exec(s);
  if (m) return checked(+m[1], +m[2], +m[3]);
  m = ISO_DATETIME.exec(s);
  if (m) {
    const y = +m[1], mo = +m[2], d = +m[3];
    if (!isValidDay(y, mo, d)) return null;
    const hh = +m[4], mm = +m[5], ss = m[6] === undefined ? 0 : +m[6];
    if (hh > 23 || mm > 59 || ss > 60) return null;
    const zone = m[7];
    if (zone === undefined || zone.toUpperCase() === 'Z') return formatDay(y, mo, d);
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = sign * (+digits.slice(0, 2) * 60 + +digits.slice(2, 4));
    const t = Date.UTC(y, mo - 1, d, hh, mm, ss) - offsetMin * 60_000;
    const u = new Date(t);
    return formatDay(u.getUTCFullYear(), u.getUTCMonth() + 1, u.getUTCDate());
  }
  return null;
}

function checked(y: number, m: number, d: number): string | null {
  return isValidDay(y, m, d) ? formatDay(y, m, d) : null;
}

/**
 * The latest day with this month and day that is not after `ref` (`YYYY-MM-DD`), or null when
 * the month-day never exists (Feb 30). Feb 29 goes back to the latest leap year.
 */
export function resolveMonthDay(month: number, day: number, ref: string): string | null {
  const r = ISO_DAY.exec(ref);
  if (!r) throw new Error(`reference day '${ref}' is not YYYY-MM-DD`);
  const ry = +r[1];
  for (let y = ry; y >= ry - 8; y--) {
    if (!isValidDay(y, month, day)) continue;
    const candidate = formatDay(y, month, day);
    if (candidate <= ref) return candidate;
  }
  return null;
}
