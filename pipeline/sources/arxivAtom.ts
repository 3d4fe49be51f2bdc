// arXiv API responses (Atom XML feeds: entry > id, title, summary, published, author, category) to RawPaper, with a small strict XML parser.
import type { RawPaper, ReadOptions, ReadResult, Reject } from './types.ts';
import { arxivId } from './normalize.ts';
import { reject } from './rejects.ts';

/** An XML element: qualified name, attributes, child elements and its own text (CDATA and entities decoded). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** 1-based line of its start tag. */
  line: number;
}

/** Not well-formed XML: the message names the line. */
export class XmlError extends Error {
  override name = 'XmlError';
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string, line: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;\s&<]*);?/g, (whole, ent: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`line ${line}: a bare '&' (write &amp;)`);
    if (ent.startsWith('#x') || ent.startsWith('#X')) {
      const cp = Number.parseInt(ent.slice(2), 16);
      if (Number.isFinite(cp) && cp <= 0x10ffff) return String.fromCodePoint(cp);
    } else if (ent.startsWith('#')) {
      const cp = Number.parseInt(ent.slice(1), 10);
      if (Number.isFinite(cp) && cp <= 0x10ffff) return String.fromCodePoint(cp);
    } else if (Object.hasOwn(NAMED, ent)) return NAMED[ent];
    throw new XmlError(`line ${line}: unknown entity &${ent};`);
  });
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTR = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;

/**
 * Parse a whole XML document into its root element. Throws XmlError on anything not well formed:
 * unclosed or mismatched tags, text outside the root, a cut-off document (a truncated download).
 */
export function parseXml(text: string): XmlElement {
  let i = 0;
  let line = 1;
  const advance = (to: number): void => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const chunkEnd = lt < 0 ? n : lt;
    if (chunkEnd > i) {
      const chunk = text.slice(i, chunkEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(chunk, line);
      else if (chunk.trim() !== '') throw new XmlError(`line ${line}: text outside the root element`);
      advance(chunkEnd);
    }
    if (lt < 0) break;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError(`line ${line}: unclosed comment`);
      advance(end + 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      const top = stack[stack.length - 1];
      if (end < 0 || !top) throw new XmlError(`line ${line}: ${end < 0 ? 'unclosed CDATA section' : 'CDATA outside the root element'}`);
      top.text += text.slice(i + 9, end);
      advance(end + 3);
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError(`line ${line}: unclosed processing instruction`);
      advance(end + 2);
    } else if (text.startsWith('<!', i)) {
      const end = text.indexOf('>', i + 2);
      if (end < 0 || root || stack.length) throw new XmlError(`line ${line}: a bad declaration`);
      advance(end + 1);
    } else if (text.startsWith('</', i)) {
      const m = NAME.exec(text.slice(i + 2, i + 200));
      const close = m ? text.indexOf('>', i + 2 + m[0].length) : -1;
      if (!m || close < 0 || text.slice(i + 2 + m[0].length, close).trim() !== '') throw new XmlError(`line ${line}: a bad end tag`);
      const top = stack.pop();
      if (!top || top.name !== m[0]) throw new XmlError(`line ${line}: </${m[0]}> closes ${top ? `<${top.name}> of line ${top.line}` : 'nothing'}`);
      advance(close + 1);
    } else {
      const startLine = line;
      const m = NAME.exec(text.slice(i + 1, i + 200));
      if (!m) throw new XmlError(`line ${line}: a '<' that starts no tag`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '', line: startLine };
      let j = i + 1 + m[0].length;
      for (;;) {
        ATTR.lastIndex = j;
        const a = ATTR.exec(text);
        if (!a) break;
        el.attrs[a[1]] = decodeEntities(a[3] ?? a[4] ?? '', line);
        j = ATTR.lastIndex;
      }
      while (j < n && /\s/.test(text[j])) j++;
      let selfClosing = false;
      if (text.startsWith('/>', j)) {
        selfClosing = true;
        j += 2;
      } else if (text[j] === '>') j += 1;
      else throw new XmlError(`line ${line}: the tag <${m[0]}> is cut off or malformed`);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new XmlError(`line ${line}: a second root element <${m[0]}>`);
      else root = el;
      if (!selfClosing) stack.push(el);
      advance(j);
    }
  }
  if (stack.length) throw new XmlError(`the document ends inside <${stack[stack.length - 1].name}> of line ${stack[stack.length - 1].line} (cut off?)`);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Local name without its namespace prefix (`arxiv:primary_category` -> `primary_category`). */
function local(name: string): string {
  const c = name.indexOf(':');
  return c < 0 ? name : name.slice(c + 1);
}

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => local(c.name) === name);
}

function childText(el: XmlElement, name: string): string | undefined {
  return child(el, name)?.text;
}

/** Collapse runs of white space (arXiv wraps titles and abstracts at ~80 columns) and trim. */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The UTC day of an Atom timestamp (`2025-11-24T18:59:59Z`), or null when it is not one. */
export function atomDay(s: string | undefined): string | null {
  if (s === undefined) return null;
  const t = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) return null;
  const d = new Date(t.length === 10 ? `${t}T00:00:00Z` : t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** True for the error feed the arXiv API sends for a bad query (one entry whose id is an api/errors URL). */
export function atomError(feed: XmlElement): string | null {
  for (const e of feed.children) {
    if (local(e.name) !== 'entry') continue;
    const id = childText(e, 'id') ?? '';
    if (/\/api\/errors\b/.test(id)) return squeeze(childText(e, 'summary') ?? 'the arXiv API reported an error');
  }
  return null;
}

/** The entry elements of a parsed feed. */
export function atomEntries(feed: XmlElement): XmlElement[] {
  return feed.children.filter((c) => local(c.name) === 'entry');
}

/**
 * One Atom entry to a RawPaper: id = the bare arXiv id (no version), title and summary with white space
 * collapsed, date = published = the UTC day of `published`, authors = author > name, labels = the
 * primary category first, then the other categories, url = the `alternate` (abs page) link.
 */
export function fromAtomEntry(entry: XmlElement, file: string): RawPaper | Reject {
  const rawId = squeeze(childText(entry, 'id') ?? '');
  if (/\/api\/errors\b/.test(rawId)) {
    return reject(file, entry.line, `the arXiv API reported an error: ${squeeze(childText(entry, 'summary') ?? '')}`);
  }
  const rec: RawPaper = { file, line: entry.line };
  if (rawId !== '') rec.id = arxivId(rawId) ?? rawId;
  rec.title = squeeze(childText(entry, 'title') ?? '');
  rec.abstract = squeeze(childText(entry, 'summary') ?? '');
  const publishedText = childText(entry, 'published');
  const day = atomDay(publishedText);
  if (publishedText !== undefined && publishedText.trim() !== '' && day === null) {
    return reject(file, entry.line, `published '${squeeze(publishedText).slice(0, 60)}' is not a date`, rawId);
  }
  rec.date = day;
  rec.published = day;
  rec.authors = entry.children
    .filter((c) => local(c.name) === 'author')
    .map((a) => squeeze(childText(a, 'name') ?? ''))
    .filter((a) => a !== '');
  const primary = child(entry, 'primary_category')?.attrs.term;
  const labels: string[] = primary ? [primary] : [];
  for (const c of entry.children) {
    const term = local(c.name) === 'category' ? c.attrs.term : undefined;
    if (term && !labels.includes(term)) labels.push(term);
  }
  rec.labels = labels;
  const links = entry.children.filter((c) => local(c.name) === 'link');
  const abs = links.find((l) => l.attrs.rel === 'alternate') ?? links.find((l) => /\/abs\//.test(l.attrs.href ?? ''));
  rec.url = abs?.attrs.href ?? (rawId !== '' ? rawId : null);
  rec.upvotes = null;
  return rec;
}

/** Read one saved arXiv API page; a file that is not well-formed Atom is one reject naming the line. */
export function readArxivAtom(text: string, file: string, _opts: ReadOptions): ReadResult {
  let feed: XmlElement;
  try {
    feed = parseXml(text);
  } catch (err) {
    if (!(err instanceof XmlError)) throw err;
    const at = /^line (\d+)/.exec(err.message);
    return { records: [], rejects: [reject(file, at ? +at[1] : 1, `not a well-formed Atom feed: ${err.message}`, text)] };
  }
  if (local(feed.name) !== 'feed') {
    return { records: [], rejects: [reject(file, feed.line, `not an Atom feed: the root element is <${feed.name}>`)] };
  }
  const records: RawPaper[] = [];
  const rejects: Reject[] = [];
  for (const e of atomEntries(feed)) {
    const r = fromAtomEntry(e, file);
    if ('reason' in r) rejects.push(r);
    else records.push(r);
  }
  return { records, rejects };
}

/** True when a file's head looks like an Atom feed (an XML declaration or a `<feed` root in the Atom namespace). */
export function looksLikeAtom(head: string): boolean {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  return /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<feed\b/.test(t);
}
