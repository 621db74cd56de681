/**
 * Term proximity as pure functions: evidence that a query's words stand together in an article,
 * the way a name typed without quotes (`federal reserve`, `bank of england`) stands in the text.
 *
 * The evidence is deliberately narrow (Büttcher et al.'s all-pairs 1/d² accumulators helped CACM
 * and hurt ADI in EVALUATION.md): only *consecutive* query words count, and only when they occur
 * in the text in the query's order at most their query distance plus `proximitySlack` positions
 * apart, inside one paragraph or the title (a name never spans two paragraphs). Stop words keep
 * their slots on both sides, so `bank of england` asks for "bank" then "england" two positions
 * later. Each such pair found anywhere in the article adds the rarer word's idf once, times
 * `proximityWeight`; a presence test rather than a count, so the bonus has a tight upper bound
 * (every pair found) that keeps the engine's bounded top-k exact.
 */

/** Two consecutive query words, as terms, and how many positions apart they are in the query. */
export interface QueryPair<T = string> {
  a: T;
  b: T;
  /** Position of `b` minus position of `a` in the query (≥ 1; more when stop words stand between). */
  gap: number;
}

/** A query token as the analyzer gives it (stop words dropped, but counted in `position`). */
export interface PairToken<T = string> {
  term: T;
  position: number;
}

/**
 * The pairs of consecutive query tokens with different terms, each (a, b, gap) once, in query
 * order. A repeated word (`korea korea talks`) pairs only with its different neighbours.
 */
export function queryPairs<T>(tokens: readonly PairToken<T>[]): QueryPair<T>[] {
  const out: QueryPair<T>[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1];
    const b = tokens[i];
    if (a.term === b.term) continue;
    const gap = b.position - a.position;
    if (!out.some((p) => p.a === a.term && p.b === b.term && p.gap === gap)) out.push({ a: a.term, b: b.term, gap });
  }
  return out;
}

/**
 * True when some position q of `b` follows some position p of `a` by 1 … `maxDistance`
 * (q − p ∈ [1, maxDistance]). Both position lists ascending: `positionsA[aStart .. aEnd)` and
 * `positionsB[bStart .. bEnd)`. Linear in the two lists (one merge walk).
 */
export function standsTogether(
  positionsA: ArrayLike<number>, aStart: number, aEnd: number,
  positionsB: ArrayLike<number>, bStart: number, bEnd: number,
  maxDistance: number,
): boolean {
  let i = aStart;
  for (let j = bStart; j < bEnd; j++) {
    const q = positionsB[j];
    while (i < aEnd && positionsA[i] < q - maxDistance) i++;
    if (i === aEnd) return false;
    if (positionsA[i] < q) return true;
  }
  return false;
}

/** How far apart (at most) a pair may stand in the text: its query gap plus the slack. */
export function pairMaxDistance(gap: number, slack: number): number {
  return gap + slack;
}

/**
 * What one pair found together adds, before `proximityWeight`: the idf of its rarer word, so a
 * pair of common words ("new york") weighs less than a pair of rare ones, and a pair never
 * counts for more than either of its words does alone.
 */
export function pairWeight(idfA: number, idfB: number): number {
  return Math.min(idfA, idfB);
}

/**
 * The proximity bonus added to an article's score: `weight` (`proximityWeight`) times the sum of
 * the {@link pairWeight}s of the query pairs found together in it.
 */
export function proximityBonus(foundPairWeights: number, weight: number): number {
  return weight * foundPairWeights;
}
