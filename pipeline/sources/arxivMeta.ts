// arXiv metadata records (Kaggle arxiv-metadata-oai-snapshot: id, versions, categories, authors_parsed) to RawPaper.
import type { RawPaper, ReadOptions, Reject } from './types.ts';
import { asAuthors, asLabels, asString, FieldError } from './fields.ts';
import { formatDay, isValidDay, monthNumber, parseDay } from './dates.ts';
import { reject, typeName } from './rejects.ts';

/** True for the arXiv metadata shape: a `versions` array, or both `update_date` and `categories`. */
export function isArxivMeta(obj: Record<string, unknown>): boolean {
  return Array.isArray(obj.versions) || (obj.update_date !== undefined && obj.categories !== undefined);
}

// "Mon, 2 Apr 2007 19:18:42 GMT" (RFC 2822 as the OAI snapshot writes it).
const RFC2822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?(?:\s*(GMT|UTC|UT|Z|[+-]\d{4}))?\s*$/;

/** The UTC day of an RFC 2822 date ("Mon, 2 Apr 2007 19:18:42 GMT") or an ISO date/datetime, else null. */
export function parseCreatedDay(s: string): string | null {
  const m = RFC2822.exec(s.trim());
  if (!m) return parseDay(s);
  const d = +m[1], mo = monthNumber(m[2]), y = +m[3];
  if (mo === null || !isValidDay(y, mo, d)) return null;
  const zone = m[7];
  if (m[4] === undefined || zone === undefined || !/^[+-]/.test(zone)) return formatDay(y, mo, d);
  const offsetMin = (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(3, 5));
  const t = Date.UTC(y, mo - 1, d, +m[4], +m[5], m[6] === undefined ? 0 : +m[6]) - offsetMin * 60_000;
  const u = new Date(t);
  return formatDay(u.getUTCFullYear(), u.getUTCMonth() + 1, u.getUTCDate());
}

function firstVersionDay(versions: unknown): string | null {
  if (versions === undefined || versions === null) return null;
  if (!Array.isArray(versions)) throw new FieldError(`versions is ${typeName(versions)}, not a list`);
  if (versions.length === 0) return null;
  const list = versions as unknown[];
  const v1 = list.find((v) => v !== null && typeof v === 'object' && (v as { version?: unknown }).version === 'v1') ?? list[0];
  const created = v1 !== null && typeof v1 === 'object' ? (v1 as { created?: unknown }).created : undefined;
  if (typeof created !== 'string') throw new FieldError('versions[0].created is missing or not a string');
  const day = parseCreatedDay(created);
  if (day === null) throw new FieldError(`versions created '${created.slice(0, 60)}' is not a date`);
  return day;
}

/** `[last, first, suffix-or-middle]` triples to "first last suffix" names. */
function parsedAuthors(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const a of v as unknown[]) {
    if (!Array.isArray(a) || !a.every((p) => typeof p === 'string')) throw new FieldError('authors_parsed has an entry that is not a list of strings');
    const [last = '', first = '', extra = ''] = a as string[];
    const name = [first, last, extra].map((p) => p.trim()).filter((p) => p !== '').join(' ');
    if (name !== '') out.push(name);
  }
  return out;
}

function field(o: Record<string, unknown>, key: string): { value: unknown; key: string } | undefined {
  const value = Object.hasOwn(o, key) ? o[key] : undefined;
  return value === undefined || value === null || value === '' ? undefined : { value, key };
}

/**
 * One arXiv metadata record to a RawPaper. date = published = the UTC day of the first version's
 * `created` (null when there are no versions); labels = categories split on spaces (primary first);
 * authors from `authors_parsed` when present, else the "A, B and C" string; url = https://arxiv.org/abs/<id>.
 */
export function fromArxivMeta(obj: Record<string, unknown>, file: string, line: number, _opts: ReadOptions, raw?: string): RawPaper | Reject {
  try {
    const rec: RawPaper = { file, line };
    const id = asString(field(obj, 'id'), true)?.trim();
    if (id !== undefined && id !== '') rec.id = id;
    const title = asString(field(obj, 'title'));
    if (title !== undefined) rec.title = title;
    const abstract = asString(field(obj, 'abstract'));
    if (abstract !== undefined) rec.abstract = abstract;
    const day = firstVersionDay(obj.versions);
    rec.date = day;
    rec.published = day;
    rec.authors = parsedAuthors(obj.authors_parsed) ?? asAuthors(field(obj, 'authors')) ?? [];
    rec.upvotes = null;
    rec.url = rec.id === undefined ? null : `https://arxiv.org/abs/${rec.id}`;
    const labels = asLabels(field(obj, 'categories'), true);
    if (labels.length > 0) rec.labels = labels;
    return rec;
  } catch (e) {
    if (e instanceof FieldError) return reject(file, line, e.message, raw ?? JSON.stringify(obj));
    throw e;
  }
}
