// Open-addressing hash table from a word span of a text to a number, found without making a substring.
import { spanHash } from './scan.ts';

/** Maps written words (looked up as spans of a text, with their spanHash) to values. */
export class SurfaceTable {
  private slots: Int32Array; // entry index + 1, 0 = empty
  private mask: number;
  private keys: string[] = [];
  private hashes = new Int32Array(1024);
  private values = new Int32Array(1024);

  constructor(capacity = 1 << 16) {
    let size = 1;
    while (size < capacity * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Value stored for text[start, end) (hash = spanHash of it), or undefined. */
  get(text: string, start: number, end: number, hash: number): number | undefined {
    const len = end - start;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const e = this.slots[i] - 1;
      if (e < 0) return undefined;
      if (this.hashes[e] !== hash) continue;
      const key = this.keys[e];
      if (key.length !== len) continue;
      let k = 0;
      while (k < len && key.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === len) return this.values[e];
    }
  }

  /** Store a value for a word not yet in the table. */
  add(word: string, value: number): void {
    const hash = spanHash(word, 0, word.length);
    const e = this.keys.length;
    if (e === this.hashes.length) {
      const h = new Int32Array(e * 2); h.set(this.hashes); this.hashes = h;
      const v = new Int32Array(e * 2); v.set(this.values); this.values = v;
    }
    this.keys.push(word);
    this.hashes[e] = hash;
    this.values[e] = value;
    if ((e + 1) * 2 > this.slots.length) this.rehash();
    else this.place(hash, e);
  }

  private place(hash: number, e: number): void {
    let i = hash & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = e + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let e = 0; e < this.keys.length; e++) this.place(this.hashes[e], e);
  }
}
