// The tokenizer's growing term table: unique keys, word counts and display forms.

/** Term table while tokenizing; ids are dense and assigned in order of creation. */
export class TermTable {
  readonly keys: string[] = [];
  /** Words per term: hyphen parts for a written word, summed parts for a phrase. */
  readonly words: number[] = [];
  private readonly byKey = new Map<string, number>();

  /** Display forms (written words, and phrases as their parts' forms joined by a space), each with its term. */
  readonly displays: string[] = [];
  displayTerm = new Int32Array(1024);
  private readonly byDisplay = new Map<string, number>();
  /** (left display id, right display id) -> phrase display id. */
  private readonly byDisplayPair = new Map<number, number>();

  get size(): number {
    return this.keys.length;
  }

  idOf(key: string): number | undefined {
    return this.byKey.get(key);
  }

  /** Id of the term with this key, created (as a written word) if new. */
  intern(key: string, words: number): number {
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.byKey.set(key, id);
      this.keys.push(key);
      this.words.push(words);
    }
    return id;
  }

  /** Id of the phrase "a b" (reusing a written compound with the same key, e.g. "retrieval-augmented"). */
  internPhrase(a: number, b: number): number {
    return this.intern(this.keys[a] + ' ' + this.keys[b], this.words[a] + this.words[b]);
  }

  /** Display id of phrase term `term` written as display `da` followed by display `db`. */
  phraseDisplayId(da: number, db: number, term: number): number {
    const pair = da * 0x4000000 + db; // display ids stay far below 2^26
    let id = this.byDisplayPair.get(pair);
    if (id === undefined) {
      id = this.displayId(this.displays[da] + ' ' + this.displays[db], term);
      this.byDisplayPair.set(pair, id);
    }
    return id;
  }

  /** Id of a display form of a written word of term `term`. */
  displayId(display: string, term: number): number {
    let id = this.byDisplay.get(display);
    if (id === undefined) {
      id = this.displays.length;
      this.byDisplay.set(display, id);
      this.displays.push(display);
      if (id === this.displayTerm.length) {
        const t = new Int32Array(id * 2); t.set(this.displayTerm); this.displayTerm = t;
      }
      this.displayTerm[id] = term;
    }
    return id;
  }

  /**
   * Display per term: its most frequent form in `displayStream` (display ids, BREAKs < 0
   * ignored). Ties go to the smaller string (code-unit order), so the choice is deterministic.
   */
  chooseDisplays(displayStream: Int32Array): string[] {
    const count = new Float64Array(this.displays.length);
    for (let i = 0; i < displayStream.length; i++) if (displayStream[i] >= 0) count[displayStream[i]]++;
    const best: string[] = new Array<string>(this.size).fill('');
    const bestCount = new Float64Array(this.size);
    for (let d = 0; d < this.displays.length; d++) {
      const t = this.displayTerm[d];
      const c = count[d];
      const s = this.displays[d];
      if (c > bestCount[t] || (c === bestCount[t] && c > 0 && s < best[t])) {
        best[t] = s;
        bestCount[t] = c;
      }
    }
    return best;
  }
}
