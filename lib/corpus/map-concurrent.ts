/**
 * Bounded-concurrency mapping, so that reading thousands of corpus files neither runs them one
 * at a time nor opens them all at once.
 */

/**
 * Applies an async function to every item with at most `concurrency` calls in flight, and
 * returns the results in the items' order (not completion order), so output is deterministic.
 * A rejection rejects the whole call, as `Promise.all` does.
 *
 * @param concurrency - maximum calls in flight; values below 1 or not finite mean 1.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    // Single-threaded: reading and bumping `next` cannot interleave between workers.
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  const limit = Number.isFinite(concurrency) && concurrency >= 1 ? Math.floor(concurrency) : 1;
  const numWorkers = Math.min(limit, items.length);
  await Promise.all(Array.from({ length: numWorkers }, worker));
  return results;
}
