// Text clean-up (NFC, stray HTML, entities, leftover LaTeX, whitespace) and RawPaper -> Paper with the stable id.
import { createHash } from 'node:crypto';
import type { Paper } from '../paper.ts';
import type { RawPaper, Reject } from './types.ts';
import { excerptOf } from './rejects.ts';

// Tags that separate words (replaced by a space) and tags that do not (removed): "H<sub>2</sub>O" -> "H2O".
// A tag is a known name alone (<b>, </b>, <br/>) or with at least one name=value attribute, so "a<b and c>d" is text.
const BLOCK_NAMES = 'p|br|hr|div|li|ul|ol|h[1-6]|blockquote|pre|tr|td|th|table|jats:p|jats:sec|jats:title';
const INLINE_NAMES = 'a|b|i|u|s|em|strong|sub|sup|span|code|tt|small|big|font|mark|abbr|img|(?:jats|mml):[a-z-]+';
const tagPattern = (names: string): RegExp => new RegExp(`<\\/?(?:${names})\\s*\\/?>|<(?:${names})\\s[^<>=]*=[^<>]*>`, 'gi');
const BLOCK_TAG = tagPattern(BLOCK_NAMES);
const INLINE_TAG = tagPattern(INLINE_NAMES);

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string {
  if (name !== undefined) return NAMED[name];
  const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex as string, 16);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
}

// Inline math: "$" + non-space ... non-space + "$" not followed by a digit (so "$5 and $10" is not math).
const MATH = /\$\$?([^\s$](?:[^$\n]{0,400}?[^\s$])?)\$\$?(?!\d)/g;
const WRAPPER = /\\(?:mathcal|mathbf|mathrm|mathit|mathbb|mathsf|mathtt|mathfrak|boldsymbol|bm|text|textrm|textbf|textit|texttt|textsf|textsc|emph|operatorname|underline|hat|tilde|bar|vec|widehat|widetilde|overline)\s*\{([^{}]*)\}/g;
const SYMBOLS: Record<string, string> = {
  times: '×', cdot: '·', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼',
  infty: '∞', pm: '±', to: '→', rightarrow: '→', leftarrow: '←', in: '∈', ll: '≪', gg: '≫', propto: '∝',
  ldots: '...', cdots: '...', dots: '...', left: '', right: '', big: '', Big: '', quad: ' ', qquad: ' ',
};
const COMMAND = /\\([A-Za-z]+)/g;

/** Unwraps font/decoration commands until none is left (nested ones peel one level a pass). */
function unwrap(s: string): string {
  for (let k = 0; k < 5 && s.includes('\\'); k++) {
    const t = s.replace(WRAPPER, '$1');
    if (t === s) break;
    s = t;
  }
  return s;
}

/**
 * The plain content of inline math: font wrappers unwrapped (\mathcal{O} -> O), a few relations and
 * operators as Unicode (\leq -> ≤, \times -> ×), other commands spelled as their name (\alpha -> alpha),
 * spacing commands, braces and the $ delimiters dropped; ^ and _ are kept. "$\mathcal{O}(n^2)$" -> "O(n^2)".
 */
function plainMath(m: string): string {
  let s = unwrap(m);
  s = s.replace(/\\[,;:! ]/g, ' ').replace(/\\\\/g, ' ');
  s = s.replace(COMMAND, (_w, name: string, offset: number, all: string) => {
    const word = Object.hasOwn(SYMBOLS, name) ? SYMBOLS[name] : name;
    return offset > 0 && /[A-Za-z0-9]/.test(all[offset - 1]) ? ' ' + word : word;
  });
  return s.replace(/[{}]/g, '').trim();
}

const CITE = /\\(?:cite[a-z]*|ref|eqref|label|footnote|url)\*?(?:\[[^\]]*\])*\{[^{}]*\}/g;
const ESCAPED = /\\([%&_#$])/g;
// A LaTeX tie: "~" right after a non-space character other than "/" (so URLs such as host/~user keep theirs).
const TIE = /([^\s/])~/g;

/**
 * Clean text for the abstract table: Unicode NFC; stray HTML tags removed (a known tag list, so
 * "a<b and c>d" survives); entities &amp; &lt; &gt; &quot; &#39; &apos; &nbsp; &#NNN; &#xHH; decoded
 * once; leftover LaTeX: inline math reduced to its plain content (see plainMath), \emph{x} \textbf{x}
 * \textit{x} \texttt{x} (and similar) -> x, \cite{..} \ref{..} removed, a tie "~" -> space, \% \& \_ \#
 * \$ -> the character; then runs of whitespace collapsed to one space and trimmed.
 */
export function normalizeText(s: string): string {
  s = s.normalize('NFC');
  if (s.includes('<')) s = s.replace(BLOCK_TAG, ' ').replace(INLINE_TAG, '');
  if (s.includes('&')) s = s.replace(ENTITY, decodeEntity);
  if (s.includes('$')) s = s.replace(MATH, (_w, body: string) => plainMath(body));
  if (s.includes('\\')) s = unwrap(s.replace(CITE, '')).replace(ESCAPED, '$1');
  if (s.includes('~')) s = s.replace(TIE, '$1 ');
  // replacing every single space is slow on large inputs: only runs and non-space whitespace are rewritten
  if (UNUSUAL_SPACE.test(s)) s = s.replace(SPACE_RUN, ' ');
  return s.trim();
}

const UNUSUAL_SPACE = /\s\s|[^\S ]/;
const SPACE_RUN = /\s{2,}|[^\S ]/g;

const ARXIV_NEW = /^\d{4}\.\d{4,5}(?:v\d+)?$/;
const ARXIV_OLD = /^[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?$/;
const PAPER_URL = /^https?:\/\/(?:www\.|export\.)?(?:arxiv\.org\/(?:abs|pdf)|huggingface\.co\/papers)\/([^?#]+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;

/** An arXiv id from an id-ish string: "arXiv:2401.00001v2", "https://arxiv.org/abs/2401.00001" -> "2401.00001"; null if not one. */
export function arxivId(s: string): string | null {
  let t = s.trim();
  const url = PAPER_URL.exec(t);
  if (url) t = url[1];
  else if (/^arxiv:/i.test(t)) t = t.slice(6).trim();
  if (ARXIV_NEW.test(t) || ARXIV_OLD.test(t)) return t.replace(/v\d+$/, '');
  return null;
}

/**
 * The stable id of a record: its own id trimmed (an arXiv id, arXiv/HF paper URL or "arXiv:" prefix
 * reduced to the bare arXiv id without its version), else the arXiv id in its url, else
 * `h:` + the first 16 hex characters of sha256(lower-cased normalised title + "\n" + normalised abstract).
 */
export function stableId(rawId: string | undefined, url: string | null | undefined, title: string, abstract: string): string {
  const own = rawId?.trim();
  if (own !== undefined && own !== '') return arxivId(own) ?? own;
  if (url) {
    const fromUrl = arxivId(url);
    if (fromUrl !== null) return fromUrl;
  }
  return 'h:' + createHash('sha256').update(`${title.toLowerCase()}\n${abstract}`).digest('hex').slice(0, 16);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The first day a paper's date may have: earlier ones are typos or placeholders (1900-01-01, 0001-01-01). */
export const EARLIEST_DAY = '1990-01-01';

/**
 * A RawPaper to a Paper, or a reject "no title" / "no abstract" when either is empty after
 * normalisation, or a date (listing or published) outside EARLIEST_DAY..`latest` (the as-of day plus one:
 * a paper from the future is a typo, and would stretch the trends' time axis over decades). authorCount is the larger of authors.length and the count the source gave
 * (a page gives only the count; a list may be cut short); upvotes is null when unknown.
 */
export function normalizePaper(raw: RawPaper, latest: string | null = null): Paper | Reject {
  const title = normalizeText(raw.title ?? '');
  const abstract = normalizeText(raw.abstract ?? '');
  const excerpt = (): string => excerptOf(title || abstract || JSON.stringify({ id: raw.id, url: raw.url }));
  if (title === '') return { file: raw.file, line: raw.line, reason: 'no title', excerpt: excerpt() };
  if (abstract === '') return { file: raw.file, line: raw.line, reason: 'no abstract', excerpt: excerpt() };
  for (const key of ['date', 'published'] as const) {
    const d = raw[key];
    if (d != null && !DAY.test(d)) return { file: raw.file, line: raw.line, reason: `${key} '${d}' is not YYYY-MM-DD`, excerpt: excerpt() };
    if (d != null && d < EARLIEST_DAY) return { file: raw.file, line: raw.line, reason: `${key} ${d} is before ${EARLIEST_DAY}: not a plausible day for a paper`, excerpt: excerpt() };
    if (d != null && latest !== null && d > latest) {
      return { file: raw.file, line: raw.line, reason: `${key} ${d} is after ${latest} (the day after --as-of): a paper from the future`, excerpt: excerpt() };
    }
  }
  const authors: string[] = [];
  for (const a of raw.authors ?? []) {
    const name = normalizeText(a);
    if (name !== '') authors.push(name);
  }
  const given = raw.authorCount !== undefined && Number.isInteger(raw.authorCount) && raw.authorCount >= 0 ? raw.authorCount : 0;
  const url = raw.url == null || raw.url.trim() === '' ? null : raw.url.trim();
  const paper: Paper = {
    id: stableId(raw.id, url, title, abstract),
    title,
    abstract,
    date: raw.date ?? null,
    published: raw.published ?? null,
    authors,
    authorCount: Math.max(authors.length, given),
    upvotes: raw.upvotes ?? null,
    url,
    source: `${raw.file}:${raw.line}`,
  };
  const labels = [...new Set((raw.labels ?? []).map((l) => l.trim()).filter((l) => l !== ''))];
  if (labels.length > 0) paper.labels = labels;
  return paper;
}
