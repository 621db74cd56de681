/**
 * Where two terms stand together: the documents in which term b follows term a by 1 … maxDistance
 * token positions inside the title or inside one paragraph, read from the positional postings.
 *
 * Document at a time along the rarer term's article postings, skipping documents the caller does
 * not want (for ranking: those that did not match both words, usually most of them) before any
 * position is read; the other term's postings are reached by galloping search from moving
 * cursors, so the cost is about the wanted documents' postings of the two terms.
 */
import { standsTogether } from '../ranking/proximity.js';
import { COL_TF_TITLE, type InvertedIndex } from './inverted-index.js';

/** First index in [lo, end) whose id is ≥ target (end when none): galloping, then binary search. */
function gallop(ids: Int32Array, lo: number, end: number, target: number): number {
  let step = 1;
  let hi = lo;
  while (hi < end && ids[hi] < target) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > end) hi = end;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (ids[m] < target) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/**
 * Calls `onDoc(d)` once for each document d with `want(d)` where term b follows term a by
 * 1 … `maxDistance` positions in the title or in one paragraph, in increasing d.
 */
export function forEachPairTogether(
  ix: InvertedIndex, a: number, b: number, maxDistance: number, want: (doc: number) => boolean, onDoc: (doc: number) => void,
): void {
  const art = ix.art;
  const para = ix.para;
  if (a >= art.numTerms || b >= art.numTerms || a >= para.numTerms || b >= para.numTerms) return;
  const off = art.offsets;
  const aRare = off[a + 1] - off[a] <= off[b + 1] - off[b];
  const rare = aRare ? a : b;
  const common = aRare ? b : a;
  const artIds = art.ids;
  const tfTitle = art.cols[COL_TF_TITLE];
  const artPos = art.positions;
  const paraIds = para.ids;
  const paraPos = para.positions;
  const paraStart = ix.paraStart.data;
  const numParas = ix.numParas.data;
  let c = off[common];
  const cEnd = off[common + 1];
  let pa = para.offsets[a];
  const paEnd = para.offsets[a + 1];
  let pb = para.offsets[b];
  const pbEnd = para.offsets[b + 1];
  for (let i = off[rare], end = off[rare + 1]; i < end; i++) {
    const d = artIds[i];
    if (!want(d)) continue;
    c = gallop(artIds, c, cEnd, d);
    if (c === cEnd) return;
    if (artIds[c] !== d) continue;
    const ia = aRare ? i : c;
    const ib = aRare ? c : i;
    if (tfTitle[ia] > 0 && tfTitle[ib] > 0 &&
      standsTogether(artPos, art.posStart(ia), art.posEnd(ia), artPos, art.posStart(ib), art.posEnd(ib), maxDistance)) {
      onDoc(d);
      continue;
    }
    // The paragraphs of d holding both terms: merge the two terms' paragraph postings within d.
    const p0 = paraStart[d];
    const pEnd = p0 + numParas[d];
    pa = gallop(paraIds, pa, paEnd, p0);
    pb = gallop(paraIds, pb, pbEnd, p0);
    let x = pa;
    let y = pb;
    while (x < paEnd && y < pbEnd && paraIds[x] < pEnd && paraIds[y] < pEnd) {
      if (paraIds[x] < paraIds[y]) x++;
      else if (paraIds[x] > paraIds[y]) y++;
      else if (standsTogether(paraPos, para.posStart(x), para.posEnd(x), paraPos, para.posStart(y), para.posEnd(y), maxDistance)) {
        onDoc(d);
        break;
      } else {
        x++;
        y++;
      }
    }
  }
}
