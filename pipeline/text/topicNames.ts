// Topic names a reader understands: led by the topic's most distinctive phrase, no word twice (hyphen parts count as words), distinct within a run.

/** Terms joined in a name. */
export const NAME_SEPARATOR = ' · ';

/** A term's words, lower-cased: split at spaces and hyphens ("audio-visual" is audio and visual). */
export function wordsOf(term: string): string[] {
  return term
    .toLowerCase()
    .split(/[\s\-‐‑–]+/u)
    .filter((w) => w !== '');
}

/** The terms of a name ("a · b · c" -> [a, b, c]). */
export function nameTerms(name: string): string[] {
  return name
    .split(NAME_SEPARATOR)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** True when no word appears twice among the name's terms. */
export function repeatsNoWord(name: string): boolean {
  const seen = new Set<string>();
  for (const t of nameTerms(name)) {
    for (const w of new Set(wordsOf(t))) {
      if (seen.has(w)) return false;
      seen.add(w);
    }
  }
  return true;
}

/**
 * A name of up to `count` terms from a topic's ranked terms (best first). It leads with the best
 * term, or with a phrase among the first `leadWindow` terms that contains all of the best term's
 * words and more ("GUI agents" before "GUI"); then each next term that shares no word with those
 * taken.
 */
export function composeName(ranked: readonly string[], count = 3, leadWindow = 5): string[] {
  if (ranked.length === 0) return [];
  const top = wordsOf(ranked[0]);
  let lead = ranked[0];
  for (const t of ranked.slice(1, leadWindow)) {
    const w = wordsOf(t);
    if (w.length > wordsOf(lead).length && top.every((x) => w.includes(x))) lead = t;
  }
  const out = [lead];
  const used = new Set(wordsOf(lead));
  for (const t of ranked) {
    if (out.length >= count) break;
    const w = wordsOf(t);
    if (w.length === 0 || w.some((x) => used.has(x))) continue;
    out.push(t);
    for (const x of w) used.add(x);
  }
  return out;
}

/** True when every term of the name is among the topic's top terms (compared lower-cased). */
export function nameHolds(name: string, topTerms: readonly string[]): boolean {
  const have = new Set(topTerms.map((t) => t.toLowerCase()));
  const terms = nameTerms(name);
  return terms.length > 0 && terms.every((t) => have.has(t.toLowerCase()));
}

/**
 * Make names distinct (compared lower-cased), keeping those marked `fixed` (the user's). Topics are
 * taken in the order given (largest first); one whose name is already taken gets its name extended
 * with its next ranked term that shares no word with the name, until it is free (else its rank is
 * appended: "… (2)").
 */
export function distinctNames(
  names: readonly string[],
  ranked: readonly (readonly string[])[],
  fixed: readonly boolean[],
): string[] {
  const out = [...names];
  const taken = new Set<string>();
  names.forEach((n, i) => {
    if (fixed[i]) taken.add(n.toLowerCase());
  });
  names.forEach((n, i) => {
    if (fixed[i]) return;
    let name = n;
    if (taken.has(name.toLowerCase())) {
      const terms = nameTerms(name);
      const used = new Set(terms.flatMap(wordsOf));
      for (const t of ranked[i]) {
        if (!taken.has(name.toLowerCase())) break;
        const w = wordsOf(t);
        if (w.length === 0 || w.some((x) => used.has(x))) continue;
        terms.push(t);
        for (const x of w) used.add(x);
        name = terms.join(NAME_SEPARATOR);
      }
      for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${terms.join(NAME_SEPARATOR)} (${k})`;
    }
    out[i] = name;
    taken.add(name.toLowerCase());
  });
  return out;
}
