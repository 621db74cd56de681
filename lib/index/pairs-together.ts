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
import { gallop } from './gallop.js';
import { COL_TF_TITLE, type InvertedIndex } from './inverted-index.js';

/** Whether term b follows term a by 1 … `maxDistance` positions in a title, given their article postings `ia`, `ib` there. */
function titleTogether(ix: InvertedIndex, ia: number, ib: number, maxDistance: number): boolean {
  const art = ix.art;
  const tfTitle = art.cols[COL_TF_TITLE];
  const pos = art.positions;
  return tfTitle[ia] > 0 && tfTitle[ib] > 0 && standsTogether(pos, art.posStart(ia), art.posEnd(ia), pos, art.posStart(ib), art.posEnd(ib), maxDistance);
}

/**
 * Whether term b follows term a by 1 … `maxDistance` positions in one of document d's paragraphs,
 * given, for each term, the first of its paragraph postings at or after d's first paragraph
 * (`pa`, `pb`): the two terms' paragraph postings within d, merged.
 */
function paragraphTogether(ix: InvertedIndex, d: number, a: number, b: number, pa: number, pb: number, maxDistance: number): boolean {
  const para = ix.para;
  const paraIds = para.ids;
  const paraPos = para.positions;
  const p0 = ix.paraStart.data[d];
  const pEnd = p0 + ix.numParas.data[d];
  const paEnd = para.offsets[a + 1];
  const pbEnd = para.offsets[b + 1];
  let x = pa;
  let y = pb;
  while (x < paEnd && y < pbEnd && paraIds[x] < pEnd && paraIds[y] < pEnd) {
    if (paraIds[x] < paraIds[y]) x++;
    else if (paraIds[x] > paraIds[y]) y++;
    else if (standsTogether(paraPos, para.posStart(x), para.posEnd(x), paraPos, para.posStart(y), para.posEnd(y), maxDistance)) return true;
    else {
      x++;
      y++;
    }
  }
  return false;
}

/** Whether term b follows term a by 1 … `maxDistance` positions in the title or one paragraph of document d. */
export function pairTogetherIn(ix: InvertedIndex, a: number, b: number, d: number, maxDistance: number): boolean {
  const art = ix.art;
  const para = ix.para;
  if (a >= art.numTerms || b >= art.numTerms || a >= para.numTerms || b >= para.numTerms) return false;
  const ia = art.postingOf(a, d);
  const ib = ia < 0 ? -1 : art.postingOf(b, d);
  if (ib < 0) return false;
  if (titleTogether(ix, ia, ib, maxDistance)) return true;
  const p0 = ix.paraStart.data[d];
  return paragraphTogether(ix, d, a, b, para.lowerBound(a, p0), para.lowerBound(b, p0), maxDistance);
}

/**
 * Calls `onDoc(d)` once for each document d in [from, to) with `want(d)` where term b follows
 * term a by 1 … `maxDistance` positions in the title or in one paragraph, in increasing d.
 */
export function forEachPairTogether(
  ix: InvertedIndex, a: number, b: number, maxDistance: number, want: (doc: number) => boolean, onDoc: (doc: number) => void,
  from = 0, to = Infinity,
): void {
  const art = ix.art;
  const para = ix.para;
  if (a >= art.numTerms || b >= art.numTerms || a >= para.numTerms || b >= para.numTerms) return;
  const off = art.offsets;
  const aRare = off[a + 1] - off[a] <= off[b + 1] - off[b];
  const rare = aRare ? a : b;
  const common = aRare ? b : a;
  const artIds = art.ids;
  const paraIds = para.ids;
  const paraStart = ix.paraStart.data;
  let c = off[common];
  const cEnd = off[common + 1];
  let pa = para.offsets[a];
  const paEnd = para.offsets[a + 1];
  let pb = para.offsets[b];
  const pbEnd = para.offsets[b + 1];
  for (let i = from > 0 ? art.lowerBound(rare, from) : off[rare], end = off[rare + 1]; i < end; i++) {
    const d = artIds[i];
    if (d >= to) return;
    if (!want(d)) continue;
    c = gallop(artIds, c, cEnd, d);
    if (c === cEnd) return;
    if (artIds[c] !== d) continue;
    const ia = aRare ? i : c;
    const ib = aRare ? c : i;
    if (titleTogether(ix, ia, ib, maxDistance)) {
      onDoc(d);
      continue;
    }
    const p0 = paraStart[d];
    pa = gallop(paraIds, pa, paEnd, p0);
    pb = gallop(paraIds, pb, pbEnd, p0);
    if (paragraphTogether(ix, d, a, b, pa, pb, maxDistance)) onDoc(d);
  }
}
