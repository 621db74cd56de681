/**
 * The analyzer's term cache: word → final term, looked up straight from the analysed text.
 */

const INITIAL_CAPACITY = 1 << 12;
/** Seed of {@link wordHash} (the FNV-1a offset basis), exported for the tokenizer. */
export const WORD_HASH_SEED = 0x811c9dc5 | 0;
/** Multiplier of {@link wordHash} (the FNV-1a prime), exported for the tokenizer. */
export const WORD_HASH_PRIME = 0x01000193;

/**
 * A hash table from words of ASCII letters to strings, looked up by a range of a text rather
 * than by a string, and case-insensitively: "Missile", "MISSILE" and "missile" are one entry.
 *
 * Why not a `Map<string, string>`: a Map needs a key string, i.e. one `slice` per token, and
 * then hashes it; on news text that lookup costs more than tokenising. Here the hash is computed
 * from the text's char codes and a hit allocates nothing (open addressing, linear probing, the
 * hash of each slot kept in an `Int32Array` so most probes touch no string).
 *
 * Bounded: when `maxEntries` is reached the table is emptied and refills with what the text
 * uses next, which keeps a hit to a single probe sequence (no LRU bookkeeping). The capacity
 * grows by doubling, up to at least twice `maxEntries`, so the load factor stays at most ½.
 *
 * Only ranges of ASCII letters (A–Z, a–z) may be passed in; keys are stored lower-cased.
 */
export class TermCache {
  /** Number of entries at which the cache is emptied. */
  readonly maxEntries: number;
  private numEntries = 0;
  private mask = INITIAL_CAPACITY - 1;
  // 0 marks an empty slot; stored hashes are forced odd, so never 0.
  private hashes = new Int32Array(INITIAL_CAPACITY);
  // Key of slot i at 2i, value at 2i + 1: a hit reads one cache line, not two arrays.
  private entries: string[] = new Array<string>(INITIAL_CAPACITY * 2).fill('');
  // A number the caller files with each value (the analyzer's term ordinal), per slot.
  private tags = new Int32Array(INITIAL_CAPACITY);

  /**
   * @param maxEntries Entries kept before the cache is emptied. Default 200 000: news
   *   vocabulary is Zipfian, so that catches nearly every token of an archive.
   */
  constructor(maxEntries = 200_000) {
    this.maxEntries = Math.max(1, Math.floor(maxEntries));
  }

  /** Number of entries. */
  get size(): number {
    return this.numEntries;
  }

  /** The value stored for the word `text[start, end)` (any letter case), or undefined. */
  get(text: string, start: number, end: number): string | undefined {
    const slot = this.find(text, start, end, wordHash(text, start, end));
    return slot < 0 ? undefined : this.entries[2 * slot + 1];
  }

  /**
   * The slot of the word `text[start, end)` given its {@link wordHash}, or -1: read it with
   * {@link valueAt} and {@link tagAt}. Valid until the next {@link set}.
   */
  find(text: string, start: number, end: number, hash: number): number {
    const hashes = this.hashes;
    const entries = this.entries;
    const mask = this.mask;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const h = hashes[slot];
      if (h === 0) return -1;
      if (h === hash) {
        const key = entries[2 * slot];
        if (key.length === length) {
          let k = 0;
          while (k < length && key.charCodeAt(k) === (text.charCodeAt(start + k) | 32)) k++;
          if (k === length) return slot;
        }
      }
    }
  }

  /** The value in a slot found by {@link find}. */
  valueAt(slot: number): string {
    return this.entries[2 * slot + 1];
  }

  /** The tag stored with the value in a slot found by {@link find}. */
  tagAt(slot: number): number {
    return this.tags[slot];
  }

  /**
   * Stores `value` for `key`, a lower-case word of ASCII letters that is not in the cache yet.
   * The key is kept, so it should not be a slice of a large text (see {@link copyLowerAscii}).
   */
  set(key: string, value: string, tag = -1): void {
    if (this.numEntries >= this.maxEntries) this.clear();
    else if (2 * (this.numEntries + 1) > this.hashes.length && this.hashes.length < 2 * this.maxEntries) this.grow();
    this.insert(wordHash(key, 0, key.length), key, value, tag);
    this.numEntries++;
  }

  /** Removes every entry. */
  clear(): void {
    this.hashes.fill(0);
    this.entries.fill('');
    this.tags.fill(0);
    this.numEntries = 0;
  }

  private insert(hash: number, key: string, value: string, tag: number): void {
    const mask = this.mask;
    let slot = hash & mask;
    while (this.hashes[slot] !== 0) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.entries[2 * slot] = key;
    this.entries[2 * slot + 1] = value;
    this.tags[slot] = tag;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldEntries = this.entries;
    const oldTags = this.tags;
    const capacity = oldHashes.length * 2;
    this.hashes = new Int32Array(capacity);
    this.entries = new Array<string>(capacity * 2).fill('');
    this.tags = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < oldHashes.length; slot++) {
      if (oldHashes[slot] !== 0) this.insert(oldHashes[slot], oldEntries[2 * slot], oldEntries[2 * slot + 1], oldTags[slot]);
    }
  }
}

/**
 * The hash the cache files a word under: FNV-1a over the lower-cased char codes of
 * `text[start, end)` (ASCII letters), forced odd so that it is never 0. The tokenizer computes
 * the same value while it scans, so most lookups need no second pass over the word.
 */
export function wordHash(text: string, start: number, end: number): number {
  let hash = WORD_HASH_SEED;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (text.charCodeAt(i) | 32), WORD_HASH_PRIME);
  return hash | 1;
}

/**
 * A lower-cased copy of `text[start, end)`, which must be ASCII letters. A copy, not a slice:
 * V8 implements a long `slice` as a view that keeps the whole source text alive, and a cached
 * key would then pin every paragraph it came from.
 */
export function copyLowerAscii(text: string, start: number, end: number): string {
  let copy = '';
  for (let i = start; i < end; i++) copy += String.fromCharCode(text.charCodeAt(i) | 32);
  return copy;
}
