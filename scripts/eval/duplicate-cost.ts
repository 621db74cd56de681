/**
 * The index-time cost of duplicate groups: builds of the full index with and without them.
 */
import type { Article } from '../../lib/types.js';

/** Prints build time and heap of the index with and without duplicate groups. */
export async function measureIndexCost(articles: readonly Article[]): Promise<void> {
  void articles;
  console.log('(index cost: not measured yet)');
}
