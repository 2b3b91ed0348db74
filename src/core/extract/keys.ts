/**
 * The keys seen so far in an extract, to find duplicates without keeping the keys: each is reduced to
 * 64 bits (two 32-bit hashes) in an open-addressing table held in one typed array (both hashes and the
 * row side by side, so that a probe touches one cache line), 12 bytes per slot instead of a string and
 * a Set entry (about 100 bytes). Two different keys collide with a probability of about n²/2⁶⁵: one in
 * three million for a million records.
 */
const SEPARATOR = 0x1f;
const STRIDE = 3;

export class KeySet {
  /** [hash 1, hash 2, row] per slot; row 0 marks an empty slot. */
  #table = new Int32Array(STRIDE << 16);
  #slots = 1 << 16;
  #size = 0;
  #h1 = 0;
  #h2 = 0;

  /** Adds a key seen at `row`; returns the row where it was first seen, or 0 when it is new. */
  add(key: string, row: number): number {
    this.#start();
    this.#feed(key);
    return this.#insert(row);
  }

  /**
   * Adds the key of a record, its parts the values at `positions` (what `recordKey` joins, each part
   * followed by U+001F), hashed part by part without building the joined string: the same hashes, so
   * the same answer as `add(recordKey(…))`. A missing part means no key: nothing is added, 0 returned.
   */
  addRecord(values: readonly unknown[], positions: readonly number[], row: number): number {
    this.#start();
    for (let p = 0; p < positions.length; p += 1) {
      const value = values[positions[p] as number];
      if (value === undefined) return 0;
      this.#feed(typeof value === 'string' ? value : String(value));
      this.#char(SEPARATOR);
    }
    return this.#insert(row);
  }

  /**
   * Whether a key of `other` (the keys of a later part of the same file) is already here: a record of
   * that part then repeats one of the parts before, which its own KeySet could not tell.
   */
  overlaps(other: KeySet): boolean {
    const table = other.#table;
    for (let at = 0; at < table.length; at += STRIDE) {
      if (table[at + 2] !== 0 && this.#find(table[at] as number, table[at + 1] as number) !== 0) return true;
    }
    return false;
  }

  /** Adds the keys of a later part of the file that has none of these (see overlaps). */
  absorb(other: KeySet): void {
    const table = other.#table;
    for (let at = 0; at < table.length; at += STRIDE) {
      if (table[at + 2] === 0) continue;
      this.#h1 = table[at] as number;
      this.#h2 = table[at + 1] as number;
      this.#insert(table[at + 2] as number);
    }
  }

  /** The table, to send a part's keys from its Worker (see fromTable). */
  toTable(): Int32Array<ArrayBuffer> {
    return this.#table;
  }

  static fromTable(table: Int32Array<ArrayBuffer>): KeySet {
    const keys = new KeySet();
    keys.#table = table;
    keys.#slots = table.length / STRIDE;
    for (let at = 2; at < table.length; at += STRIDE) if (table[at] !== 0) keys.#size += 1;
    return keys;
  }

  /** The row a key's hashes were first seen at, 0 if never. */
  #find(h1: number, h2: number): number {
    if (h1 === 0 && h2 === 0) h1 = 1;
    const table = this.#table;
    const mask = this.#slots - 1;
    for (let slot = (h1 ^ (h2 * 31)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const seen = table[at + 2] as number;
      if (seen === 0 || (table[at] === h1 && table[at + 1] === h2)) return seen;
    }
  }

  #start(): void {
    this.#h1 = 0x811c9dc5 | 0;
    this.#h2 = 0x9747b28c | 0;
  }

  #feed(text: string): void {
    let h1 = this.#h1;
    let h2 = this.#h2;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.#h1 = h1;
    this.#h2 = h2;
  }

  #char(c: number): void {
    this.#h1 = Math.imul(this.#h1 ^ c, 0x01000193);
    let h2 = Math.imul(this.#h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
    this.#h2 = h2;
  }

  #insert(row: number): number {
    let h1 = this.#h1;
    const h2 = this.#h2;
    // 0 marks an empty slot: keep hashes away from it.
    if (h1 === 0 && h2 === 0) h1 = 1;
    if ((this.#size + 1) * 2 > this.#slots) this.#grow();
    const table = this.#table;
    const mask = this.#slots - 1;
    for (let slot = (h1 ^ (h2 * 31)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const seen = table[at + 2] as number;
      if (seen === 0) {
        table[at] = h1;
        table[at + 1] = h2;
        table[at + 2] = row;
        this.#size += 1;
        return 0;
      }
      if (table[at] === h1 && table[at + 1] === h2) return seen;
    }
  }

  #grow(): void {
    const old = this.#table;
    const oldSlots = this.#slots;
    this.#slots = oldSlots * 2;
    this.#table = new Int32Array(this.#slots * STRIDE);
    const table = this.#table;
    const mask = this.#slots - 1;
    for (let i = 0; i < oldSlots; i += 1) {
      const from = i * STRIDE;
      if (old[from + 2] === 0) continue;
      const h1 = old[from] as number;
      const h2 = old[from + 1] as number;
      let slot = (h1 ^ (h2 * 31)) & mask;
      while (table[slot * STRIDE + 2] !== 0) slot = (slot + 1) & mask;
      const to = slot * STRIDE;
      table[to] = h1;
      table[to + 1] = h2;
      table[to + 2] = old[from + 2] as number;
    }
  }
}
