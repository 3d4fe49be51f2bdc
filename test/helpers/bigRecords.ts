// Test and benchmark helper: n synthetic records of about 1 KB (ids, titles, abstracts with LaTeX, HTML and quotes) for the scale checks.
const WORDS = 'language model token embedding vision transformer $\\mathcal{O}(n)$ data <b>bold</b> &amp; retrieval "quoted", with, commas'.split(' ');

/** A ~1,000-character abstract, different for each i. */
export function abstractText(i: number): string {
  const parts: string[] = [];
  let len = 0;
  for (let k = i; len < 1000; k = (k * 7 + 3) % 1_000_003) {
    const w = WORDS[k % WORDS.length];
    parts.push(w);
    len += w.length + 1;
  }
  return parts.join(' ');
}

export interface BigRecord {
  id: string;
  title: string;
  abstract: string;
  date: string;
  authors: string[];
  upvotes: number;
}

export function bigRecords(n: number): BigRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `2401.${String(i).padStart(5, '0')}`,
    title: `Paper ${i}`,
    abstract: abstractText(i),
    date: '2025-11-24',
    authors: ['Ann Lee', 'Bo Chen'],
    upvotes: i % 50,
  }));
}

/** The records as the text of each format the readers take. */
export const asJsonl = (objs: readonly BigRecord[]): string => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';
export const asJsonArray = (objs: readonly BigRecord[]): string => JSON.stringify(objs, null, 1);
export function asCsv(objs: readonly BigRecord[]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return 'id,title,abstract,date,authors,upvotes\r\n' + objs.map((o) => [o.id, q(o.title), q(o.abstract), o.date, q(o.authors.join(', ')), o.upvotes].join(',')).join('\r\n');
}
export function asPage(objs: readonly BigRecord[]): string {
  const blocks = objs.map((o, i) => `${o.title}\n\n${o.abstract}.\n\n  • 2 authors\n·\nNov ${1 + (i % 28)}`);
  return 'Daily Papers\n\nDec 12\n\n' + blocks.join('\n\n');
}
