/**
 * Options of the bulk add ({@link SearchIndex.addAll} and {@link SearchIndex.addAllAsync}), and
 * the loop that runs it in slices with the event loop free between them.
 */
import type { SearchError } from '../errors.js';
import type { Article } from '../types.js';

/**
 * Default {@link AddAllOptions.batchSize}: adding an article takes some tens of microseconds,
 * so 200 of them keep each slice of blocking work to a few milliseconds, short enough that a
 * server answering from another index meanwhile is not held up noticeably.
 */
export const DEFAULT_ADD_BATCH = 200;

/** Options of a bulk add. All optional. */
export interface AddAllOptions {
  /**
   * Articles added between two progress calls (and, in `addAllAsync`, two yields to the event
   * loop). Default {@link DEFAULT_ADD_BATCH} (200); rounded down, and at least 1.
   */
  batchSize?: number;
  /** Called after each batch with the articles handled so far and the total (when known). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called with each article the index refuses (a duplicate id, a bad field), which is then
   * skipped. Without it, the first refused article throws its SearchError and the articles
   * before it stay added.
   */
  onInvalid?: (article: Article, error: SearchError) => void;
}

/** The batch size of `options`: a whole number, at least 1 (a non-number gives the default). */
export function resolveBatchSize(options: AddAllOptions): number {
  const n = options.batchSize;
  return typeof n === 'number' && n === n ? Math.max(1, Math.floor(n)) : DEFAULT_ADD_BATCH;
}

/** Runs a bulk add to its end at once. */
export function drain(steps: Iterator<unknown>): void {
  while (!steps.next().done);
}

/** Runs a bulk add to its end, giving the event loop a turn after each batch. */
export async function drainAsync(steps: Iterator<unknown>): Promise<void> {
  while (!steps.next().done) await new Promise<void>((resolve) => setImmediate(resolve));
}
