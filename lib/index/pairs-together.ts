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

/**
 * Cursors in two terms' article and paragraph postings that move forward with the documents
 * asked about (galloping), so a walk over increasing documents costs about the postings passed.
 */
class PairCursors {
  private ca: number;
  private cb: number;
  private pa: number;
  private pb: number;

  constructor(
    private readonly ix: InvertedIndex,
    private readonly a: number,
    private readonly b: number,
  ) {
    this.ca = ix.art.offsets[a];
    this.cb = ix.art.offsets[b];
    this.pa = ix.para.offsets[a];
    this.pb = ix.para.offsets[b];
  }

  /**
   * Whether b follows a by 1 … `maxDistance` positions in d's title or one paragraph (d not below
   * the last asked). `paraMask`, when given, is a {@link ParagraphMasks} of the article postings.
   */
  together(d: number, maxDistance: number, paraMask?: ParagraphMasks): boolean {
    const { ix, a, b } = this;
    const art = ix.art;
    const ids = art.ids;
    const ia = (this.ca = gallop(ids, this.ca, art.offsets[a + 1], d));
    if (ia === art.offsets[a + 1] || ids[ia] !== d) return false;
    const ib = (this.cb = gallop(ids, this.cb, art.offsets[b + 1], d));
    if (ib === art.offsets[b + 1] || ids[ib] !== d) return false;
    if (titleTogether(ix, ia, ib, maxDistance)) return true;
    // Most documents holding both words hold them in different paragraphs: skip those before
    // any paragraph posting is searched.
    if (paraMask !== undefined && (paraMask[ia] & paraMask[ib]) === 0) return false;
    const para = ix.para;
    const p0 = ix.paraStart.data[d];
    this.pa = gallop(para.ids, this.pa, para.offsets[a + 1], p0);
    this.pb = gallop(para.ids, this.pb, para.offsets[b + 1], p0);
    return paragraphTogether(ix, d, a, b, this.pa, this.pb, maxDistance);
  }
}

/**
 * Per article posting, the paragraphs of its document that hold its term: bit k mod 8 set for
 * paragraph k. Two terms whose masks in a document share no bit share no paragraph there.
 */
export type ParagraphMasks = Uint8Array;

/**
 * The {@link ParagraphMasks} of an index's sealed article postings: one byte per posting (1.3 MB
 * on Reuters). Most articles have eight paragraphs or fewer, so a mask is usually the exact set;
 * a wider one would cost more memory than it saves work.
 */
export function paragraphMasks(ix: InvertedIndex): ParagraphMasks {
  const art = ix.art;
  const para = ix.para;
  const masks = new Uint8Array(art.ids.length);
  const artPos = new Int32Array(ix.numDocs); // document → its article posting of the current term
  const paraDoc = ix.paraDoc.data;
  const paraStart = ix.paraStart.data;
  // Every paragraph posting has an article posting (body tf counts it).
  for (let t = 0, nt = Math.min(art.numTerms, para.numTerms); t < nt; t++) {
    for (let i = art.offsets[t], e = art.offsets[t + 1]; i < e; i++) artPos[art.ids[i]] = i;
    for (let i = para.offsets[t], e = para.offsets[t + 1]; i < e; i++) {
      const p = para.ids[i];
      const d = paraDoc[p];
      masks[artPos[d]] |= 1 << ((p - paraStart[d]) & 7);
    }
  }
  return masks;
}

/** Whether two term ids both have sealed article and paragraph postings (else they stand together nowhere). */
function sealed(ix: InvertedIndex, a: number, b: number): boolean {
  return a < ix.art.numTerms && b < ix.art.numTerms && a < ix.para.numTerms && b < ix.para.numTerms;
}

/** Whether term b follows term a by 1 … `maxDistance` positions in the title or one paragraph of document d. */
export function pairTogetherIn(ix: InvertedIndex, a: number, b: number, d: number, maxDistance: number): boolean {
  return sealed(ix, a, b) && new PairCursors(ix, a, b).together(d, maxDistance);
}

/**
 * Calls `onDoc(d)` for each document d of `docs[0 .. n)` (ascending) where term b follows term a
 * by 1 … `maxDistance` positions in the title or in one paragraph: a merge of the list with the
 * two terms' postings, for a few documents of long lists.
 */
export function forEachPairTogetherIn(
  ix: InvertedIndex, a: number, b: number, maxDistance: number, docs: ArrayLike<number>, n: number, onDoc: (doc: number) => void,
): void {
  if (!sealed(ix, a, b)) return;
  const cursors = new PairCursors(ix, a, b);
  for (let i = 0; i < n; i++) if (cursors.together(docs[i], maxDistance)) onDoc(docs[i]);
}

/**
 * Calls `onDoc(d)` once for each document d with `want(d)` where term b follows term a by
 * 1 … `maxDistance` positions in the title or in one paragraph, in increasing d. `paraMask`
 * (optional, built over the sealed article postings) lets documents holding the two terms only
 * in different paragraphs be passed over without searching the paragraph postings.
 */
export function forEachPairTogether(
  ix: InvertedIndex, a: number, b: number, maxDistance: number, want: (doc: number) => boolean,
  paraMask: ParagraphMasks | undefined, onDoc: (doc: number) => void,
): void {
  if (!sealed(ix, a, b)) return;
  const art = ix.art;
  const off = art.offsets;
  const rare = off[a + 1] - off[a] <= off[b + 1] - off[b] ? a : b;
  const cursors = new PairCursors(ix, a, b);
  for (let i = off[rare], end = off[rare + 1]; i < end; i++) {
    const d = art.ids[i];
    if (want(d) && cursors.together(d, maxDistance, paraMask)) onDoc(d);
  }
}
