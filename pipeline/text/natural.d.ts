// Type declarations for the two deep `natural` submodules papermap imports. The package ships
// types only for its top-level entry, and importing that entry loads its Redis/Postgres/MongoDB
// clients (which read .env and print to stdout), so we import these CommonJS files directly.

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  /** natural's English Porter stemmer (CommonJS singleton; `stem` lower-cases its input). */
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  /** natural's English stopword list (lower case; includes single letters and digits). */
  const stopwords: { words: string[] };
  export default stopwords;
}
