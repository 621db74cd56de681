/**
 * The one mutable reference of the server: which index answers requests right now.
 */
import type { SearchIndex } from '../lib/index.js';
import type { IndexSource, LoadedIndex } from '../lifecycle/loaded-index.js';

export type { IndexSource, LoadedIndex };

/**
 * Holds the index in service and swaps in a new one atomically.
 *
 * A handler reads {@link IndexHolder.current} once and uses that reference for the whole
 * request, so a swap never mixes two indexes within one response; requests that started on the
 * old index finish on it, and the old index is garbage once the last of them is done.
 */
export class IndexHolder {
  #current: LoadedIndex;

  constructor(initial: LoadedIndex) {
    this.#current = initial;
  }

  /** The index in service. */
  get current(): LoadedIndex {
    return this.#current;
  }

  /** Puts `next` in service and returns the one it replaced. */
  swap(next: LoadedIndex): LoadedIndex {
    const previous = this.#current;
    this.#current = next;
    return previous;
  }
}

/** A holder for an index built by the caller (tests, embedding): source `memory`. */
export function createIndexHolder(index: SearchIndex, info: Partial<Omit<LoadedIndex, 'index'>> = {}): IndexHolder {
  return new IndexHolder({ index, builtAt: new Date().toISOString(), buildMs: 0, source: 'memory', ...info });
}
