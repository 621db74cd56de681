/**
 * Facet counts as a collector over the match set (counting itself is lib/facets/count-facets.ts).
 */
import { countFacets } from '../facets/count-facets.js';
import type { FacetStore } from '../facets/facet-store.js';
import type { FacetValue } from '../types.js';
import type { Collector, MatchSet } from './collector.js';

/**
 * Counts the values of `fields` over the match set, disjunctively for filtered fields (the
 * filter slot of each field in `filterSlot`, -1 when unfiltered); `limit` values per field (0 = all).
 */
export function facetCollector(
  store: FacetStore,
  fields: readonly string[],
  filterSlot: (field: string) => number,
  limit: number,
): Collector<Record<string, FacetValue[]>> {
  return { collect: (m: MatchSet) => countFacets(store, fields, m.docs, m.n, m.near, filterSlot, limit) };
}
