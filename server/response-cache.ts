/**
 * The result cache of GET /api/search: serialised answers of the index in service, keyed by the
 * request's query string, least recently used first out, bounded in bytes.
 *
 * Why a cache: a news archive's searches repeat (the day's stories, the page a link points to,
 * the next page of the same query), and a full answer (snippets, ten facet fields) costs several
 * times what Express itself spends on a request. A hit skips validating, searching, serialising
 * and serialising: the stored bytes go out as they are. Only answers to valid requests are stored,
 * so a query string found in the cache is a valid one.
 *
 * Correctness: an entry belongs to one index. Every lookup names the index in service, and when
 * that is not the one the entries were made from (a reindex swapped it), the cache empties first;
 * so an answer is never served from an index that is no longer in service. A hit's body is
 * byte-identical to the miss that stored it, `tookMs` included (the time the answer took to
 * compute); the `X-Cache` header tells hits from misses. (The ETag does not depend on the cache:
 * see `search-etag.ts`.)
 */

/** Default {@link ResponseCache} budget: 32 MiB of stored answers (about 3,000 default answers). */
export const DEFAULT_RESULT_CACHE_BYTES = 32 * 2 ** 20;

/** One stored answer. */
export interface CachedResponse {
  /** The JSON body, exactly as sent (bytes, so a hit sends them without encoding the text again). */
  body: Buffer;
}

/** Counters reported by GET /api/health. */
export interface ResponseCacheStats {
  maxBytes: number;
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

export class ResponseCache {
  readonly #maxBytes: number;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  readonly #entries = new Map<string, CachedResponse>();
  #owner: unknown;
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  /** `maxBytes` 0 disables the cache: nothing is stored, every lookup misses. */
  constructor(maxBytes: number = DEFAULT_RESULT_CACHE_BYTES) {
    if (!Number.isFinite(maxBytes) || maxBytes < 0) throw new RangeError(`cache size must be a non-negative number of bytes, got ${maxBytes}`);
    this.#maxBytes = maxBytes;
  }

  /** False when the cache was created with no room. */
  get enabled(): boolean {
    return this.#maxBytes > 0;
  }

  /** The answer stored for `key` from index `owner`, or undefined (empties the cache if `owner` changed). */
  get(owner: unknown, key: string): CachedResponse | undefined {
    this.#claim(owner);
    const hit = this.#entries.get(key);
    if (hit === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit;
  }

  /**
   * Stores an answer of index `owner`, evicting the least recently used ones to make room. An
   * answer larger than an eighth of the budget is not stored: it would flush many small ones.
   */
  set(owner: unknown, key: string, value: CachedResponse): void {
    this.#claim(owner);
    const size = sizeOf(key, value);
    if (size > this.#maxBytes / 8) return;
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#entries.delete(key);
      this.#bytes -= sizeOf(key, old);
    }
    for (const [k, v] of this.#entries) {
      if (this.#bytes + size <= this.#maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= sizeOf(k, v);
    }
    this.#entries.set(key, value);
    this.#bytes += size;
  }

  /** Drops every entry (counters are kept). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  stats(): ResponseCacheStats {
    return { maxBytes: this.#maxBytes, entries: this.#entries.size, bytes: this.#bytes, hits: this.#hits, misses: this.#misses };
  }

  #claim(owner: unknown): void {
    if (owner === this.#owner) return;
    this.clear();
    this.#owner = owner;
  }
}

/** Bytes an entry holds: the body, the key (UTF-16), plus a little for the objects. */
function sizeOf(key: string, value: CachedResponse): number {
  return value.body.length + 2 * key.length + 64;
}
