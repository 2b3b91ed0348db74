/**
 * The keys seen so far in an extract, to find duplicates without keeping the keys: each is reduced to
 * 64 bits (two 32-bit hashes) in an open-addressing table of typed arrays, 16 bytes per record instead
 * of a string and a Set entry (about 100 bytes). Two different keys collide with a probability of about
 * n²/2⁶⁵: one in three million for a million records.
 */
export class KeySet {
  #high = new Int32Array(1 << 16);
  #low = new Int32Array(1 << 16);
  #rows = new Int32Array(1 << 16);
  #size = 0;

  /** Adds a key seen at `row`; returns the row where it was first seen, or 0 when it is new. */
  add(key: string, row: number): number {
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0x9747b28c | 0;
    for (let i = 0; i < key.length; i += 1) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // 0 marks an empty slot: keep hashes away from it.
    if (h1 === 0 && h2 === 0) h1 = 1;
    if ((this.#size + 1) * 2 > this.#rows.length) this.#grow();
    const mask = this.#rows.length - 1;
    for (let slot = (h1 ^ (h2 * 31)) & mask; ; slot = (slot + 1) & mask) {
      if (this.#rows[slot] === 0) {
        this.#high[slot] = h1;
        this.#low[slot] = h2;
        this.#rows[slot] = row;
        this.#size += 1;
        return 0;
      }
      if (this.#high[slot] === h1 && this.#low[slot] === h2) return this.#rows[slot] as number;
    }
  }

  #grow(): void {
    const [high, low, rows] = [this.#high, this.#low, this.#rows];
    this.#high = new Int32Array(rows.length * 2);
    this.#low = new Int32Array(rows.length * 2);
    this.#rows = new Int32Array(rows.length * 2);
    const mask = this.#rows.length - 1;
    for (let i = 0; i < rows.length; i += 1) {
      if (rows[i] === 0) continue;
      const h1 = high[i] as number;
      const h2 = low[i] as number;
      let slot = (h1 ^ (h2 * 31)) & mask;
      while (this.#rows[slot] !== 0) slot = (slot + 1) & mask;
      this.#high[slot] = h1;
      this.#low[slot] = h2;
      this.#rows[slot] = rows[i] as number;
    }
  }
}
