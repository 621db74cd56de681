/**
 * Where two terms stand together: the documents in which term b follows term a by 1 … maxDistance
 * token positions inside the title or inside one paragraph, read from the positional postings.
 *
 * Walks the rarer term's postings and finds the other term's posting for the same paragraph (or
 * document) by binary search from a moving lower bound, so the cost follows the rarer term:
 * O(rare · log common) plus the position lists of the paragraphs holding both.
 */
import { standsTogether } from '../ranking/proximity.js';
import { COL_TF_TITLE, type InvertedIndex } from './inverted-index.js';
import type { PostingTable, ValueColumn } from './posting-table.js';

/**
 * Calls `onDoc(d)` for each document d (live or removed: the caller filters) where term b
 * follows term a by 1 … `maxDistance` positions in the title or in one paragraph; possibly more
 * than once for the same document (once per title or paragraph where they do).
 */
export function forEachPairTogether(ix: InvertedIndex, a: number, b: number, maxDistance: number, onDoc: (doc: number) => void): void {
  const art = ix.art;
  // Titles: only article postings with title positions can hold the pair.
  if (a < art.numTerms && b < art.numTerms) walk(art, a, b, maxDistance, art.cols[COL_TF_TITLE], null, onDoc);
  const para = ix.para;
  if (a < para.numTerms && b < para.numTerms) walk(para, a, b, maxDistance, null, ix.paraDoc.data, onDoc);
}

/**
 * Merges term a's and term b's postings in `table`, calling `onDoc` where the pair stands
 * together. `need` (when given) skips postings whose count in it is 0; `docOf` maps a posting id
 * to its document (paragraph → document), identity when null.
 */
function walk(
  table: PostingTable, a: number, b: number, maxDistance: number,
  need: ValueColumn | null, docOf: Int32Array | null, onDoc: (doc: number) => void,
): void {
  const off = table.offsets;
  const ids = table.ids;
  const pos = table.positions;
  const aRare = off[a + 1] - off[a] <= off[b + 1] - off[b];
  const rare = aRare ? a : b;
  const common = aRare ? b : a;
  let lo = off[common];
  const hiEnd = off[common + 1];
  for (let i = off[rare], end = off[rare + 1]; i < end && lo < hiEnd; i++) {
    if (need !== null && need[i] === 0) continue;
    const id = ids[i];
    // Galloping search for the first posting of the common term with an id ≥ id: cheap both
    // when the lists are of similar length (small steps) and when one is much longer.
    let step = 1;
    let h = lo;
    while (h < hiEnd && ids[h] < id) {
      lo = h + 1;
      h += step;
      step *= 2;
    }
    if (h > hiEnd) h = hiEnd;
    while (lo < h) {
      const m = (lo + h) >>> 1;
      if (ids[m] < id) lo = m + 1;
      else h = m;
    }
    if (lo === hiEnd || ids[lo] !== id || (need !== null && need[lo] === 0)) continue;
    const ia = aRare ? i : lo;
    const ib = aRare ? lo : i;
    if (standsTogether(pos, table.posStart(ia), table.posEnd(ia), pos, table.posStart(ib), table.posEnd(ib), maxDistance)) {
      onDoc(docOf === null ? id : docOf[id]);
    }
  }
}
