/**
 * The inverted index: term dictionary, article-level, paragraph-level and text-field postings,
 * and the per-document, per-paragraph and per-field-text statistics BM25F needs.
 *
 * Documents get dense ids in insertion order; paragraphs get dense ids too, contiguous per
 * document, so "the paragraphs of document d" is the range paraStart[d] … paraStart[d] + numParas[d].
 * Field texts (an article's value of a declared text field, lib/schema) get dense ids the same
 * way, contiguous per document in the schema's field order; `fieldTextDoc` is ascending, so a
 * document's field texts are found by binary search ({@link InvertedIndex.fieldTextsOf}) and the
 * default schema, which has none, pays nothing per document.
 * Removal is a tombstone (postings stay, `alive` is cleared, statistics are decremented), which
 * keeps removal O(article) and every posting list sorted.
 */
import type { Analyzer } from '../analysis/analyzer.js';
import { isoDateToEpochMs } from '../dates/instant.js';
import type { Article } from '../types.js';
import { GrowableArray } from './growable-array.js';
import { PostingTable, type CharStartColumn, type ValueColumn } from './posting-table.js';
import { TermDictionary } from './term-dictionary.js';

/** Indexed tokens per estimated token of text (stop words are counted in positions, not indexed). */
const POSITIONS_PER_TOKEN = 0.75;

/**
 * Most declared text fields an index takes: a field text's field is stored in one byte (the
 * schema allows 64 declared fields of all kinds).
 */
export const MAX_TEXT_FIELDS = 255;

/** Column indexes of the article posting table. */
export const COL_TF_BODY = 0;
export const COL_TF_TITLE = 1;

type TokenSource = Pick<Analyzer, 'forEachToken' | 'normalize'>;

/** The index as plain arrays, for snapshots. */
export interface InvertedIndexState {
  terms: readonly string[];
  display: readonly string[];
  /**
   * Per-document and per-term arrays, and the postings (`art*`, `para*`; tf and position columns
   * may be narrow). `artPositions` / `paraPositions` hold the token positions, posting after
   * posting, and `artCharStarts` / `paraCharStarts` beside them where each position's token starts
   * in its text; their per-posting ranges are derived from the tf columns on import. The
   * text-field postings (`fieldText*`) are laid out as the paragraph ones.
   */
  arrays: Record<string, Int32Array | Float64Array | Uint8Array | Uint16Array>;
  scalars: {
    numLive: number; numLiveParas: number; sumTitleLen: number; sumBodyLen: number; sumParaLen: number;
    /** Per declared text field (schema order): live field texts, and their summed lengths. */
    numLiveFieldTexts: number[]; sumFieldTextLen: number[];
  };
}

export class InvertedIndex {
  readonly dict = new TermDictionary();
  /**
   * Article postings: id = document, cols = [tf in body, tf in title]; positions (and character
   * starts): the term's tokens in the title (none when it is only in the body).
   */
  readonly art = new PostingTable(2, COL_TF_TITLE);
  /** Paragraph postings: id = paragraph, cols = [tf]; positions (and character starts): the term's tokens in the paragraph. */
  readonly para = new PostingTable(1, 0);
  /**
   * Text-field postings: id = field text, cols = [tf]; positions (and character starts): the
   * term's tokens in that text. A term found only in field texts still has an article posting
   * (body and title tf 0), so `df` counts the article and the article postings stay the list of
   * the articles holding a term. Sealed only when the schema declares text fields.
   */
  readonly fieldTexts = new PostingTable(1, 0, 16);

  /** Live documents containing each term (title, body or a declared text field). */
  readonly df = new GrowableArray(Int32Array);
  /** Live paragraphs containing each term. */
  readonly pdf = new GrowableArray(Int32Array);

  readonly alive = new GrowableArray(Uint8Array);
  readonly titleLen = new GrowableArray(Int32Array);
  readonly bodyLen = new GrowableArray(Int32Array);
  readonly paraStart = new GrowableArray(Int32Array);
  readonly numParas = new GrowableArray(Int32Array);
  /** Publication time in ms since the epoch; NaN when the article has no date. */
  readonly dateMs = new GrowableArray(Float64Array);
  readonly paraDoc = new GrowableArray(Int32Array);
  readonly paraLen = new GrowableArray(Int32Array);
  /** Per field text: its document (ascending), its field (index in {@link textFields}) and its indexed tokens. */
  readonly fieldTextDoc = new GrowableArray(Int32Array, 16);
  readonly fieldTextField = new GrowableArray(Uint8Array, 16);
  readonly fieldTextLen = new GrowableArray(Int32Array, 16);

  /**
   * The body's term ids in reading order for the document added last (duplicate signatures are
   * computed from them, so the text is not analysed twice).
   */
  readonly lastBodyTerms = new GrowableArray(Int32Array);

  numLive = 0;
  numLiveParas = 0;
  sumTitleLen = 0;
  sumBodyLen = 0;
  sumParaLen = 0;
  /** Per declared text field: live field texts. */
  numLiveFieldTexts: number[];
  /** Per declared text field: the summed lengths (indexed tokens) of its live field texts. */
  sumFieldTextLen: number[];

  // Scratch counters indexed by term id, reset after each use via the touched lists.
  private tfPara: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private tfBody: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private tfTitle: Int32Array<ArrayBuffer> = new Int32Array(1024);
  // 1 for a term of the current document's field texts (until its article posting is made); sized
  // to the dictionary only when the schema declares text fields.
  private inFieldText: Int32Array<ArrayBuffer> = new Int32Array(0);
  private readonly touchedPara: number[] = [];
  // Per term id: where its positions go (then end) in the grouped title / paragraph positions.
  private titlePosAt: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private paraPosAt: Int32Array<ArrayBuffer> = new Int32Array(1024);
  // The current title's / paragraph's tokens in text order (term id, position, character start),
  // then its positions and starts grouped by term (each term's run ascending), as the posting
  // tables take them.
  private tokTid: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private tokPos: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private tokStart: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly titleGrouped = { positions: new Int32Array(64), starts: new Int32Array(64) };
  private readonly paraGrouped = { positions: new Int32Array(1024), starts: new Int32Array(1024) };
  // Analyzer term ordinal → term id + 1 (0: not seen yet).
  private ordinalTid: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly touchedDoc: number[] = [];

  /**
   * @param analyzer - The analyzer of titles, paragraphs and field texts.
   * @param textFields - The schema's declared text fields, in order: the article's
   *   `fields[name]` string values are indexed as field texts (none by default).
   */
  constructor(
    private readonly analyzer: TokenSource,
    readonly textFields: readonly string[] = [],
  ) {
    if (textFields.length > MAX_TEXT_FIELDS) throw new Error(`internal: more than ${MAX_TEXT_FIELDS} text fields`);
    this.numLiveFieldTexts = textFields.map(() => 0);
    this.sumFieldTextLen = textFields.map(() => 0);
    if (textFields.length > 0) this.inFieldText = new Int32Array(this.tfPara.length);
  }

  /** Number of document ids handed out (live and removed). */
  get numDocs(): number {
    return this.alive.length;
  }

  /** Indexes an article's title and paragraphs; returns its document id. */
  addDocument(article: Article): number {
    const doc = this.alive.length;
    this.alive.push(1);
    this.numLive++;

    const touchedDoc = this.touchedDoc;
    let titleTokens = 0;
    this.tokenize(article.title, (tid, position, start) => {
      if (this.tfTitle[tid] === 0 && this.tfBody[tid] === 0) touchedDoc.push(tid);
      this.tfTitle[tid]++;
      this.recordToken(titleTokens, tid, position, start);
      titleTokens++;
    });
    // Every term touched so far is a title term: group the title positions by term now.
    this.groupPositions(touchedDoc, this.tfTitle, titleTokens, this.titlePosAt, this.titleGrouped);

    const firstPara = this.paraDoc.length;
    let bodyTokens = 0;
    const bodyTerms = this.lastBodyTerms;
    bodyTerms.length = 0;
    const dict = this.dict;
    const analyzer = this.analyzer;
    let ordinalTid = this.ordinalTid;
    for (const text of article.paragraphs) {
      const p = this.paraDoc.length;
      let len = 0;
      const touched = this.touchedPara;
      // The indexing hot loop (once per token of the archive): one callback, no nested closures,
      // and the scratch arrays are only checked for size when the dictionary grows.
      analyzer.forEachToken(text, (term, start, end, position, ordinal) => {
        // The analyzer's term ordinal → term id through an array: a string lookup only the
        // first time an ordinal is seen, and for the few terms without one (numbers).
        let tid = ordinal >= 0 ? ordinalTid[ordinal] - 1 : -1;
        if (!(tid >= 0)) {
          tid = dict.get(term);
          if (tid < 0) tid = this.newTerm(term, text, start, end);
          if (ordinal >= 0) ordinalTid = this.rememberOrdinal(ordinal, tid);
        }
        bodyTerms.push(tid);
        const tf = this.tfPara;
        if (tf[tid] === 0) touched.push(tid);
        tf[tid]++;
        if (len === this.tokTid.length) this.growTokens();
        this.tokTid[len] = tid;
        this.tokPos[len] = position;
        this.tokStart[len] = start;
        len++;
      });
      const grouped = this.paraGrouped;
      this.groupPositions(touched, this.tfPara, len, this.paraPosAt, grouped);
      for (const tid of touched) {
        const tf = this.tfPara[tid];
        this.tfPara[tid] = 0;
        this.para.add(tid, p, tf, 0, grouped.positions, grouped.starts, this.paraPosAt[tid] - tf);
        this.pdf.data[tid]++;
        if (this.tfTitle[tid] === 0 && this.tfBody[tid] === 0) touchedDoc.push(tid);
        this.tfBody[tid] += tf;
      }
      touched.length = 0;
      this.paraDoc.push(doc);
      this.paraLen.push(len);
      this.sumParaLen += len;
      bodyTokens += len;
    }
    if (this.textFields.length > 0) this.addFieldTexts(article, doc);
    const titleGrouped = this.titleGrouped;
    const inFieldText = this.textFields.length > 0 ? this.inFieldText : null;
    for (const tid of touchedDoc) {
      const tfTitle = this.tfTitle[tid];
      this.art.add(
        tid, doc, this.tfBody[tid], tfTitle, titleGrouped.positions, titleGrouped.starts, tfTitle > 0 ? this.titlePosAt[tid] - tfTitle : 0,
      );
      this.df.data[tid]++;
      this.tfBody[tid] = 0;
      this.tfTitle[tid] = 0;
      if (inFieldText) inFieldText[tid] = 0;
    }
    touchedDoc.length = 0;

    this.titleLen.push(titleTokens);
    this.bodyLen.push(bodyTokens);
    this.paraStart.push(firstPara);
    this.numParas.push(article.paragraphs.length);
    // One date rule for filter, sort and histogram (lib/dates/instant.ts): instants in UTC.
    this.dateMs.push(isoDateToEpochMs(article.date));
    this.numLiveParas += article.paragraphs.length;
    this.sumTitleLen += titleTokens;
    this.sumBodyLen += bodyTokens;
    return doc;
  }

  /**
   * Indexes document `doc`'s field texts (after its title and paragraphs, whose terms are in
   * `touchedDoc` already), each as a paragraph is: positions and character starts grouped by term.
   */
  private addFieldTexts(article: Article, doc: number): void {
    const fields = article.fields;
    if (!fields) return;
    const touchedDoc = this.touchedDoc;
    const touched = this.touchedPara;
    const grouped = this.paraGrouped;
    for (let f = 0; f < this.textFields.length; f++) {
      const value = fields[this.textFields[f]];
      if (typeof value !== 'string' || value.length === 0) continue;
      const ft = this.fieldTextDoc.length;
      let len = 0;
      this.tokenize(value, (tid, position, start) => {
        if (this.tfPara[tid] === 0) touched.push(tid);
        this.tfPara[tid]++;
        this.recordToken(len, tid, position, start);
        len++;
      });
      this.groupPositions(touched, this.tfPara, len, this.paraPosAt, grouped);
      for (const tid of touched) {
        const tf = this.tfPara[tid];
        this.tfPara[tid] = 0;
        this.fieldTexts.add(tid, ft, tf, 0, grouped.positions, grouped.starts, this.paraPosAt[tid] - tf);
        if (this.tfTitle[tid] === 0 && this.tfBody[tid] === 0 && this.inFieldText[tid] === 0) touchedDoc.push(tid);
        this.inFieldText[tid] = 1;
      }
      touched.length = 0;
      this.fieldTextDoc.push(doc);
      this.fieldTextField.push(f);
      this.fieldTextLen.push(len);
      this.numLiveFieldTexts[f]++;
      this.sumFieldTextLen[f] += len;
    }
  }

  /** The field texts of document `doc`: ids `start … end` (exclusive; empty when it has none). */
  fieldTextsOf(doc: number): { start: number; end: number } {
    const docs = this.fieldTextDoc.data;
    let lo = 0;
    let hi = this.fieldTextDoc.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid] < doc) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < this.fieldTextDoc.length && docs[end] === doc) end++;
    return { start: lo, end };
  }

  /**
   * Pre-sizes the posting logs for about `numChars` more characters of text, so a bulk build
   * does not grow them by doubling (each doubling copies and zero-fills tens of megabytes).
   */
  reserveForText(numChars: number): void {
    // News text averages 6–7 characters per token; every token is at most one posting per table.
    // A paragraph position per indexed token; title positions are few and grow on demand.
    const postings = Math.ceil(numChars / 6);
    this.art.reserve(Math.ceil(postings * 0.6));
    this.para.reserve(Math.ceil(postings * 0.8), Math.ceil(postings * POSITIONS_PER_TOKEN));
  }

  /** Takes a document out: it stops matching and leaves the statistics. */
  removeDocument(doc: number, article: Article): void {
    if (!this.alive.data[doc]) return;
    this.alive.data[doc] = 0;
    this.numLive--;
    const seenDoc = new Set<number>();
    const seenPara = new Set<number>();
    const countTerm = (tid: number): void => {
      seenPara.add(tid);
      seenDoc.add(tid);
    };
    const addToDoc = (tid: number): void => {
      seenDoc.add(tid);
    };
    this.tokenizeExisting(article.title, addToDoc);
    for (const text of article.paragraphs) {
      seenPara.clear();
      this.tokenizeExisting(text, countTerm);
      for (const tid of seenPara) this.pdf.data[tid]--;
    }
    const { start, end } = this.fieldTextsOf(doc);
    for (let ft = start; ft < end; ft++) {
      const f = this.fieldTextField.data[ft];
      const value = article.fields?.[this.textFields[f]];
      if (typeof value === 'string') this.tokenizeExisting(value, addToDoc);
      this.numLiveFieldTexts[f]--;
      this.sumFieldTextLen[f] -= this.fieldTextLen.data[ft];
    }
    for (const tid of seenDoc) this.df.data[tid]--;
    this.numLiveParas -= this.numParas.data[doc];
    this.sumTitleLen -= this.titleLen.data[doc];
    this.sumBodyLen -= this.bodyLen.data[doc];
    const p0 = this.paraStart.data[doc];
    for (let p = p0; p < p0 + this.numParas.data[doc]; p++) this.sumParaLen -= this.paraLen.data[p];
  }

  /** Makes every added posting visible to queries. Cheap when nothing changed. */
  seal(): void {
    const n = this.dict.size;
    this.art.seal(n);
    this.para.seal(n);
    // Without declared text fields the table stays empty and unsealed (no offsets per term).
    if (this.textFields.length > 0) this.fieldTexts.seal(n);
  }

  /** True when documents were added since the last seal. */
  get dirty(): boolean {
    return this.art.dirty || this.para.dirty || this.fieldTexts.dirty || this.art.numTerms !== this.dict.size;
  }

  /** Everything needed to rebuild this index without re-analysing text (for snapshots). */
  exportState(): InvertedIndexState {
    this.seal();
    const arrays: InvertedIndexState['arrays'] = {};
    for (const [name, g] of this.growables()) arrays[name] = g.data.subarray(0, g.length);
    const art = this.art.exportState();
    const para = this.para.exportState();
    const ft = this.fieldTexts.exportState();
    Object.assign(arrays, {
      artOffsets: art.offsets, artIds: art.ids, artTfBody: art.cols[0], artTfTitle: art.cols[1], artPositions: art.positions,
      artCharStarts: art.charStarts,
      paraOffsets: para.offsets, paraIds: para.ids, paraTf: para.cols[0], paraPositions: para.positions, paraCharStarts: para.charStarts,
      fieldTextOffsets: ft.offsets, fieldTextIds: ft.ids, fieldTextTf: ft.cols[0], fieldTextPositions: ft.positions,
      fieldTextCharStarts: ft.charStarts,
    });
    return {
      terms: this.dict.terms,
      display: this.dict.display,
      arrays,
      scalars: {
        numLive: this.numLive, numLiveParas: this.numLiveParas, sumTitleLen: this.sumTitleLen,
        sumBodyLen: this.sumBodyLen, sumParaLen: this.sumParaLen,
        numLiveFieldTexts: [...this.numLiveFieldTexts], sumFieldTextLen: [...this.sumFieldTextLen],
      },
    };
  }

  /** Restores an exported state into this (empty) index. */
  importState(s: InvertedIndexState): void {
    if (this.numDocs > 0) throw new Error('internal: importState into a non-empty index');
    this.dict.load(s.terms, s.display);
    for (const [name, g] of this.growables()) {
      const a = s.arrays[name];
      if (!a || a.constructor !== g.data.constructor) throw new Error(`internal: snapshot array ${name} missing or of the wrong type`);
      g.resize(a.length);
      g.data.set(a as never);
    }
    const a = s.arrays;
    const n = s.terms.length;
    const i32 = (name: string): Int32Array => {
      const x = a[name];
      if (!(x instanceof Int32Array)) throw new Error(`internal: snapshot array ${name} missing or of the wrong type`);
      return x;
    };
    const col = (name: string): ValueColumn => {
      const x = a[name];
      if (!(x instanceof Int32Array || x instanceof Uint16Array || x instanceof Uint8Array)) {
        throw new Error(`internal: snapshot array ${name} missing or of the wrong type`);
      }
      return x;
    };
    const starts = (name: string): CharStartColumn => {
      const x = a[name];
      if (!(x instanceof Int32Array || x instanceof Uint16Array)) throw new Error(`internal: snapshot array ${name} missing or of the wrong type`);
      return x;
    };
    this.art.importState({
      offsets: i32('artOffsets'), ids: i32('artIds'), cols: [col('artTfBody'), col('artTfTitle')], positions: col('artPositions'),
      charStarts: starts('artCharStarts'), numTerms: n,
    });
    this.para.importState({
      offsets: i32('paraOffsets'), ids: i32('paraIds'), cols: [col('paraTf')], positions: col('paraPositions'),
      charStarts: starts('paraCharStarts'), numTerms: n,
    });
    const ftOffsets = i32('fieldTextOffsets');
    this.fieldTexts.importState({
      offsets: ftOffsets, ids: i32('fieldTextIds'), cols: [col('fieldTextTf')], positions: col('fieldTextPositions'),
      charStarts: starts('fieldTextCharStarts'), numTerms: ftOffsets.length - 1,
    });
    const { numLiveFieldTexts, sumFieldTextLen, ...scalars } = s.scalars;
    const nf = this.textFields.length;
    if (!Array.isArray(numLiveFieldTexts) || !Array.isArray(sumFieldTextLen) || numLiveFieldTexts.length !== nf || sumFieldTextLen.length !== nf) {
      throw new Error(`internal: snapshot text-field statistics do not fit the schema's ${nf} text fields`);
    }
    if (this.fieldTexts.numTerms !== (nf > 0 ? n : 0)) throw new Error('internal: snapshot text-field postings do not fit the term dictionary');
    Object.assign(this, scalars);
    this.numLiveFieldTexts = [...numLiveFieldTexts];
    this.sumFieldTextLen = [...sumFieldTextLen];
  }

  private growables(): [string, GrowableArray<Int32Array | Float64Array | Uint8Array>][] {
    return [
      ['df', this.df], ['pdf', this.pdf], ['alive', this.alive], ['titleLen', this.titleLen],
      ['bodyLen', this.bodyLen], ['paraStart', this.paraStart], ['numParas', this.numParas],
      ['dateMs', this.dateMs], ['paraDoc', this.paraDoc], ['paraLen', this.paraLen],
      ['fieldTextDoc', this.fieldTextDoc], ['fieldTextField', this.fieldTextField], ['fieldTextLen', this.fieldTextLen],
    ] as [string, GrowableArray<Int32Array | Float64Array | Uint8Array>][];
  }

  private tokenize(text: string, onTerm: (tid: number, position: number, start: number) => void): void {
    this.analyzer.forEachToken(text, (term, start, end, position) => {
      const tid = this.dict.get(term);
      onTerm(tid < 0 ? this.newTerm(term, text, start, end) : tid, position, start);
    });
  }

  /** Notes token k of the current title or paragraph. */
  private recordToken(k: number, tid: number, position: number, start: number): void {
    if (k === this.tokTid.length) this.growTokens();
    this.tokTid[k] = tid;
    this.tokPos[k] = position;
    this.tokStart[k] = start;
  }

  private growTokens(): void {
    const size = this.tokTid.length * 2;
    this.tokTid = grown(this.tokTid, size);
    this.tokPos = grown(this.tokPos, size);
    this.tokStart = grown(this.tokStart, size);
  }

  /**
   * Groups the first `numTokens` recorded tokens' positions and character starts by term, in the
   * order of `terms` (whose counts are `tf`), into `into`: a counting sort, so each term's run
   * stays ascending. Afterwards `posAt[t]` is the end of term t's run (its start is end − tf[t]).
   */
  private groupPositions(
    terms: readonly number[], tf: Int32Array, numTokens: number, posAt: Int32Array, into: { positions: Int32Array; starts: Int32Array },
  ): void {
    if (into.positions.length < numTokens) {
      let size = into.positions.length * 2;
      while (size < numTokens) size *= 2;
      into.positions = new Int32Array(size);
      into.starts = new Int32Array(size);
    }
    let at = 0;
    for (const t of terms) {
      posAt[t] = at;
      at += tf[t];
    }
    const { positions, starts } = into;
    const tokTid = this.tokTid;
    const tokPos = this.tokPos;
    const tokStart = this.tokStart;
    for (let k = 0; k < numTokens; k++) {
      const slot = posAt[tokTid[k]]++;
      positions[slot] = tokPos[k];
      starts[slot] = tokStart[k];
    }
  }

  /** Adds a term to the dictionary, with its statistics and scratch space. */
  private newTerm(term: string, text: string, start: number, end: number): number {
    const tid = this.dict.getOrAdd(term, () => this.analyzer.normalize(text.slice(start, end)));
    this.df.push(0);
    this.pdf.push(0);
    this.ensureScratch(tid);
    return tid;
  }

  private tokenizeExisting(text: string, onTerm: (tid: number) => void): void {
    this.analyzer.forEachToken(text, (term) => {
      const tid = this.dict.get(term);
      if (tid >= 0) onTerm(tid);
    });
  }

  /** Files term id `tid` under the analyzer's `ordinal`; returns the (possibly grown) table. */
  private rememberOrdinal(ordinal: number, tid: number): Int32Array<ArrayBuffer> {
    if (ordinal >= this.ordinalTid.length) {
      let size = this.ordinalTid.length * 2;
      while (size <= ordinal) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.ordinalTid);
      this.ordinalTid = grown;
    }
    this.ordinalTid[ordinal] = tid + 1;
    return this.ordinalTid;
  }

  private ensureScratch(tid: number): void {
    if (tid < this.tfPara.length) return;
    let size = this.tfPara.length * 2;
    while (size <= tid) size *= 2;
    this.tfPara = grown(this.tfPara, size);
    this.tfBody = grown(this.tfBody, size);
    this.tfTitle = grown(this.tfTitle, size);
    if (this.textFields.length > 0) this.inFieldText = grown(this.inFieldText, size);
    this.titlePosAt = grown(this.titlePosAt, size);
    this.paraPosAt = grown(this.paraPosAt, size);
  }
}

/** A copy of `a` in a zero-filled array of `size` (≥ its length). */
function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

