/**
 * Each facet value's place among its field's values in code-unit order: the order that breaks
 * ties between equal counts. Ranking with it compares integers instead of strings, which matters
 * for fields such as dateline or author, where hundreds of values share the same small count.
 */

/** Ranks per value dictionary, with the dictionary's length when they were computed. */
const cache = new WeakMap<readonly string[], Int32Array>();

/**
 * `ranks[v]` = the number of values of `values` that sort before `values[v]` (code-unit order,
 * as `<` compares strings). Computed on first use and again only once the dictionary has grown:
 * facet dictionaries are append-only (a value keeps its id for the life of the index), which
 * this relies on.
 */
export function valueRanks(values: readonly string[]): Int32Array {
  let ranks = cache.get(values);
  if (ranks === undefined || ranks.length !== values.length) {
    const order = Array.from(values.keys()).sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
    ranks = new Int32Array(values.length);
    for (let r = 0; r < order.length; r++) ranks[order[r]] = r;
    cache.set(values, ranks);
  }
  return ranks;
}
