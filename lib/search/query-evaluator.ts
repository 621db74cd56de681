/**
 * The query hot path: scores every article that matches a parsed query, applies filters, and
 * splits candidates into the match set and the "near" set that disjunctive facet counts need.
 *
 * Term-at-a-time over flat typed arrays, with generation-stamped scratch arrays so nothing is
 * cleared or allocated per query. The arithmetic is lib/ranking/bm25.ts's own functions, with
 * the per-document length normalisation and every posting's impact precomputed once per index change.
 */
import { bm25ParagraphTerm, combineScores, combineScoresWith, coordinationFactors, fieldOccurrenceWeight, idf, saturate, type ResolvedRankingOptions } from '../ranking/bm25.js';
import { COL_TF_BODY, COL_TF_TITLE, type InvertedIndex } from '../index/inverted-index.js';
import type { QuerySlot } from './bind-query.js';
import { forEachPairTogether, pairTogetherIn, paragraphMasks, type ParagraphMasks } from '../index/pairs-together.js';
import { computeBlockMaxima, NO_BLOCKS, type BlockMaxima } from './block-maxima.js';
import type { PruningSource } from './pruned-top-k.js';
import { pairMaxDistance, pairWeight, proximityBonus, type QueryPair } from '../ranking/proximity.js';

/** The slot count of an excluded document: no query has enough slots to bring it to 0. */
const EXCLUDED = -(1 << 30);

/** A compiled filter on one facet field: the documents that pass it carry `stamp === gen`. */
export interface FieldFilter {
  /** Index of the field among the query's filtered fields. */
  slot: number;
  /** Documents carrying one of the accepted values (may include removed ones). */
  docLists: readonly (readonly number[])[];
}

export interface EvaluateInput {
  slots: readonly QuerySlot[];
  fieldFilters: readonly FieldFilter[];
  /** Inclusive ms range; NaN bounds are open. */
  dateFrom: number;
  dateTo: number;
  matchAll: boolean;
  /**
   * When true, best-paragraph evidence is not computed for every candidate: `score` holds an upper
   * bound instead (`scoreIsBound` in the output), and {@link QueryEvaluator.exactScore} gives the
   * exact score of the few candidates a top-k page needs.
   */
  boundParagraphs: boolean;
  /**
   * For a query that is not a plain bag of words: 1 for the documents its tree matches. Every one
   * of them is a candidate (scored by the slots it holds, 0 when none); no other document is.
   */
  required?: Uint8Array | null;
  /**
   * Documents that are never candidates (a plain query's exclusions), as lists of ids that may
   * repeat and may hold removed documents. Costs one pass over the lists, not over every document.
   */
  excluded?: readonly ArrayLike<number>[] | null;
  /** Added to the final score of each document (proximity evidence of phrases, NEAR, SAME). */
  bonus?: Float64Array | null;
  /** Consecutive query words as term ids, for proximity (ignored when proximityWeight is 0). */
  pairs?: readonly QueryPair<number>[];
}

/** Candidates split by how many filters they fail. Valid until the next evaluate(). */
export interface EvaluateOutput {
  /** Documents in the match set, and how many. */
  matches: Int32Array;
  numMatches: number;
  /** Documents failing exactly one filter, with which one (`nearFail`, the date filter = fieldFilters.length). */
  near: Int32Array;
  nearFail: Int32Array;
  numNear: number;
  /** Final score per document id (meaningful for documents in `matches`); see `scoreIsBound`. */
  score: Float64Array;
  /** True when `score` is an upper bound of the final score, not the score itself. */
  scoreIsBound: boolean;
}

export class QueryEvaluator implements PruningSource {
  // Generation counters: a scratch entry is valid only when its stamp equals the current one.
  // Fresh arrays are zero and counters only grow, so growing scratch space never needs a reset.
  private gen = 0;
  private slotGen = 0;
  private docStamp = new Int32Array(0);
  private artScore = new Float64Array(0);
  private bestPara = new Float64Array(0);
  private finalScore = new Float64Array(0);
  private matchedSlots = new Int32Array(0);
  private slotSeen = new Int32Array(0);
  private touched = new Int32Array(0);
  private matches = new Int32Array(0);
  private near = new Int32Array(0);
  private nearFail = new Int32Array(0);
  private paraStamp = new Int32Array(0);
  private paraScore = new Float64Array(0);
  private touchedParas = new Int32Array(0);
  private filterStamps: Int32Array[] = [];
  // Saturated BM25 term score per posting (without idf), recomputed when the index changes.
  private artImpact = new Float32Array(0);
  private paraImpact = new Float32Array(0);
  private paraBound = new Float32Array(0);
  // Per article posting, which of the document's paragraphs hold the term: proximity passes over
  // a document whose two words share no paragraph without searching paragraph postings.
  private paraMask: ParagraphMasks = new Uint8Array(0);
  private blockMaxima: BlockMaxima = NO_BLOCKS;
  private normVersion = -1;
  private lastSlots: readonly QuerySlot[] = [];
  private lastBonus: Float64Array | null = null;
  /** Per document: 1 / length norm of the body, and title weight / length norm of the title. */
  normBody = new Float64Array(0);
  normTitle = new Float64Array(0);
  /** Per field text: its field's weight / its length norm (empty without declared text fields). */
  normFieldText = new Float64Array(0);
  // The last evaluate()'s proximity pairs and what each adds when found (empty: no proximity).
  private lastPairs: readonly QueryPair<number>[] = [];
  private lastPairWeights: number[] = [];
  // Per document: the summed weights of the pairs found together, valid when proxStamp === gen.
  private proxSum = new Float64Array(0);
  private proxStamp = new Int32Array(0);
  /** Paragraph scores of one document, for exactScore(). */
  private paraScratch = new Float64Array(64);

  /**
   * @param index - The index evaluated.
   * @param r - The ranking parameters.
   * @param textFieldWeights - The BM25F weight of each of the index's declared text fields, in
   *   the index's `textFields` order (none by default).
   */
  constructor(
    private readonly index: InvertedIndex,
    private readonly r: ResolvedRankingOptions,
    private readonly textFieldWeights: readonly number[] = [],
  ) {
    if (textFieldWeights.length !== index.textFields.length) throw new Error('internal: one weight per text field expected');
  }

  /** Recomputes length norms and grows scratch space; `version` changes whenever the index does. */
  prepare(version: number): void {
    if (version === this.normVersion) return;
    const ix = this.index;
    const nd = ix.numDocs;
    const np = ix.paraDoc.length;
    if (this.docStamp.length < nd) {
      const cap = Math.max(nd, 16);
      this.docStamp = new Int32Array(cap);
      this.artScore = new Float64Array(cap);
      this.bestPara = new Float64Array(cap);
      this.finalScore = new Float64Array(cap);
      this.proxSum = new Float64Array(cap);
      this.proxStamp = new Int32Array(cap);
      this.matchedSlots = new Int32Array(cap);
      this.slotSeen = new Int32Array(cap);
      this.touched = new Int32Array(cap);
      this.matches = new Int32Array(cap);
      this.near = new Int32Array(cap);
      this.nearFail = new Int32Array(cap);
      this.filterStamps = [];
    }
    if (this.paraStamp.length < np) {
      const cap = Math.max(np, 16);
      this.paraStamp = new Int32Array(cap);
      this.paraScore = new Float64Array(cap);
      this.touchedParas = new Int32Array(cap);
    }
    const avgTitle = ix.numLive ? ix.sumTitleLen / ix.numLive : 0;
    const avgBody = ix.numLive ? ix.sumBodyLen / ix.numLive : 0;
    const avgPara = ix.numLiveParas ? ix.sumParaLen / ix.numLiveParas : 0;
    const r = this.r;
    const k1 = r.k1;
    // Every posting's BM25 term score without idf depends only on its tf and the lengths, so it is
    // computed once per index change; the query loop is then one multiply-add per posting.
    const normBody = new Float64Array(nd);
    const normTitle = new Float64Array(nd);
    for (let d = 0; d < nd; d++) {
      normBody[d] = fieldOccurrenceWeight(1, r.b, ix.bodyLen.data[d], avgBody);
      normTitle[d] = fieldOccurrenceWeight(r.titleWeight, r.titleB, ix.titleLen.data[d], avgTitle);
    }
    const art = ix.art;
    const tfB = art.cols[COL_TF_BODY];
    const tfT = art.cols[COL_TF_TITLE];
    const artImpact = new Float32Array(art.ids.length);
    // The declared text fields' share of each article posting's BM25F tf (null when no article has one).
    const fieldTf = this.fieldTextTf();
    for (let i = 0; i < artImpact.length; i++) {
      const d = art.ids[i];
      let tf = tfT[i] * normTitle[d] + tfB[i] * normBody[d];
      if (fieldTf) tf += fieldTf[i];
      artImpact[i] = saturate(tf, k1);
    }
    const para = ix.para;
    const paraImpact = new Float32Array(para.ids.length);
    const paraLen = ix.paraLen.data;
    const ptf = para.cols[0];
    for (let i = 0; i < paraImpact.length; i++) paraImpact[i] = bm25ParagraphTerm(ptf[i], paraLen[para.ids[i]], avgPara, r);
    // What a term adds to a document's best paragraph on its own, per article posting: the largest
    // impact among the document's paragraph postings of that term. For a one-term query this is
    // exactly the best-paragraph evidence; for more terms their sum bounds it from above (the
    // terms may peak in different paragraphs), tight enough that a page needs few exact scores.
    const paraBound = new Float32Array(art.ids.length);
    const artPos = new Int32Array(nd); // document → its article posting of the current term
    const paraDoc = ix.paraDoc.data;
    // Every paragraph posting has an article posting (body tf counts it); title-only terms have none.
    for (let t = 0, nt = Math.min(art.numTerms, para.numTerms); t < nt; t++) {
      for (let i = art.offsets[t], e = art.offsets[t + 1]; i < e; i++) artPos[art.ids[i]] = i;
      for (let i = para.offsets[t], e = para.offsets[t + 1]; i < e; i++) {
        const j = artPos[paraDoc[para.ids[i]]];
        if (paraImpact[i] > paraBound[j]) paraBound[j] = paraImpact[i];
      }
    }
    this.artImpact = artImpact;
    this.normBody = normBody;
    this.normTitle = normTitle;
    this.paraImpact = paraImpact;
    this.paraBound = paraBound;
    this.paraMask = paragraphMasks(ix);
    this.prepareBlockMaxima();
    this.normVersion = version;
  }

  /** Block maxima of the article impacts just computed (block-maxima.ts), for the pruned top-k. */
  private prepareBlockMaxima(): void {
    const art = this.index.art;
    this.blockMaxima = computeBlockMaxima(art.offsets, art.numTerms, this.artImpact, this.paraBound);
  }

  /** Whole-article BM25F impact (saturated, without idf) of each article posting; see prepare(). */
  get articleImpacts(): Float32Array {
    return this.artImpact;
  }

  /** Per article posting: the term's largest paragraph impact in that article; see prepare(). */
  get paragraphBounds(): Float32Array {
    return this.paraBound;
  }

  /** Per-block maxima of {@link articleImpacts} and {@link paragraphBounds}. */
  get blocks(): BlockMaxima {
    return this.blockMaxima;
  }

  /** What each proximity pair adds when found (before `proximityWeight`): the rarer word's idf. */
  pairWeights(pairs: readonly QueryPair<number>[]): number[] {
    const ix = this.index;
    return pairs.map((p) => pairWeight(idf(ix.numLive, ix.df.data[p.a]), idf(ix.numLive, ix.df.data[p.b])));
  }

  /**
   * The exact final score of live document d for a plain query (no tree, no phrase bonus),
   * computed from the index alone, without evaluate(): equal to what evaluate() then
   * {@link exactScore} give, the same sums in the same order (slot by slot, term by term).
   * `pairWeights` are {@link pairWeights} of `pairs` (empty when proximity is off); `found`, when
   * known, the sum of the weights of the pairs found together in d, summed in pair order (else
   * the pairs are looked up here).
   */
  scoreAlone(d: number, slots: readonly QuerySlot[], pairs: readonly QueryPair<number>[], pairWeights: readonly number[], found = -1): number {
    const ix = this.index;
    const art = ix.art;
    const impact = this.artImpact;
    const N = ix.numLive;
    let articleScore = 0;
    let matched = 0;
    for (const slot of slots) {
      let seen = false;
      for (const t of slot.termIds) {
        const i = art.postingOf(t, d);
        if (i < 0) continue;
        const w = slot.weight * idf(N, ix.df.data[t]);
        articleScore += w * impact[i];
        seen = true;
      }
      if (seen) matched++;
    }
    const r = this.r;
    const best = r.paragraphWeight > 0 ? this.bestParagraph(d, slots) : 0;
    let sc = combineScores(articleScore, best, matched, slots.length, r);
    if (pairs.length > 0) {
      if (found < 0) {
        found = 0;
        for (let k = 0; k < pairs.length; k++) {
          const p = pairs[k];
          if (pairTogetherIn(ix, p.a, p.b, d, pairMaxDistance(p.gap, r.proximitySlack))) found += pairWeights[k];
        }
      }
      // As evaluate(): nothing added (not even +0 of a bonus) when no pair is found; weights are > 0.
      sc += found > 0 ? proximityBonus(found, r.proximityWeight) : 0;
    }
    return sc;
  }

  /**
   * Per article posting, what the term's occurrences in the document's field texts add to its
   * BM25F term frequency (lib/ranking/bm25.ts `bm25fTf`): Σ tf × weight / length norm over the
   * field texts holding it. Sets {@link normFieldText}. Null when there are no field texts.
   */
  private fieldTextTf(): Float64Array | null {
    const ix = this.index;
    const ft = ix.fieldTexts;
    const nft = ix.fieldTextDoc.length;
    const norms = new Float64Array(nft);
    this.normFieldText = norms;
    if (ft.ids.length === 0) return null;
    const avg = ix.textFields.map((_, f) => (ix.numLiveFieldTexts[f] ? ix.sumFieldTextLen[f] / ix.numLiveFieldTexts[f] : 0));
    const field = ix.fieldTextField.data;
    const len = ix.fieldTextLen.data;
    for (let k = 0; k < nft; k++) norms[k] = fieldOccurrenceWeight(this.textFieldWeights[field[k]], this.r.textFieldB, len[k], avg[field[k]]);
    const art = ix.art;
    const out = new Float64Array(art.ids.length);
    const artPos = new Int32Array(ix.numDocs); // document → its article posting of the current term
    const ftDoc = ix.fieldTextDoc.data;
    const tf = ft.cols[0];
    // Every field-text posting has an article posting (a term only in field texts gets one with tf 0).
    for (let t = 0, nt = Math.min(art.numTerms, ft.numTerms); t < nt; t++) {
      const s = ft.offsets[t];
      const e = ft.offsets[t + 1];
      if (s === e) continue;
      for (let i = art.offsets[t], ae = art.offsets[t + 1]; i < ae; i++) artPos[art.ids[i]] = i;
      for (let i = s; i < e; i++) {
        const k = ft.ids[i];
        out[artPos[ftDoc[k]]] += tf[i] * norms[k];
      }
    }
    return out;
  }

  /**
   * Adds the BM25 score of each paragraph of document d for the query slots into
   * `out[0 .. its paragraph count)` (index = paragraph number; `out` starts at 0), found by binary
   * search in each term's paragraph postings: cost O(terms · log postings), so it is cheap for the
   * handful of documents a page shows.
   */
  private addParagraphScores(d: number, slots: readonly QuerySlot[], out: Float64Array): void {
    const ix = this.index;
    const p0 = ix.paraStart.data[d];
    const pEnd = p0 + ix.numParas.data[d];
    if (pEnd === p0) return;
    const para = ix.para;
    const ids = para.ids;
    const impact = this.paraImpact;
    const Np = ix.numLiveParas;
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s];
      for (let j = 0; j < slot.termIds.length; j++) {
        const t = slot.termIds[j];
        const w = slot.weight * idf(Np, ix.pdf.data[t]);
        const end = para.offsets[t + 1];
        for (let i = para.lowerBound(t, p0); i < end && ids[i] < pEnd; i++) out[ids[i] - p0] += w * impact[i];
      }
    }
  }

  /**
   * The paragraphs of document d with a score above 0, best first (ties: the earlier first), by
   * {@link addParagraphScores}, computed in scratch space: a hit's snippet candidates.
   */
  rankedParagraphs(d: number, slots: readonly QuerySlot[]): number[] {
    const np = this.index.numParas.data[d];
    const scores = this.scratchParagraphScores(d, slots, np);
    const order: number[] = [];
    for (let i = 0; i < np; i++) if (scores[i] > 0) order.push(i);
    const better = (x: number, y: number): boolean => scores[x] > scores[y] || (scores[x] === scores[y] && x < y);
    // Most articles have a handful of matching paragraphs: insertion sort allocates nothing, where
    // Array.prototype.sort allocates its work space on every call.
    if (order.length > 32) return order.sort((x, y) => (better(x, y) ? -1 : better(y, x) ? 1 : 0));
    for (let k = 1; k < order.length; k++) {
      const p = order[k];
      let j = k;
      for (; j > 0 && better(p, order[j - 1]); j--) order[j] = order[j - 1];
      order[j] = p;
    }
    return order;
  }

  /** The largest paragraph score of document d ({@link addParagraphScores}; 0 without paragraphs), in scratch space. */
  private bestParagraph(d: number, slots: readonly QuerySlot[]): number {
    const np = this.index.numParas.data[d];
    const scores = this.scratchParagraphScores(d, slots, np);
    let best = 0;
    for (let i = 0; i < np; i++) if (scores[i] > best) best = scores[i];
    return best;
  }

  /** The paragraph scores of document d (`np` paragraphs) in `paraScratch[0 .. np)`, valid until the next call. */
  private scratchParagraphScores(d: number, slots: readonly QuerySlot[], np: number): Float64Array {
    if (this.paraScratch.length < np) this.paraScratch = new Float64Array(Math.max(np, 2 * this.paraScratch.length));
    const scores = this.paraScratch;
    scores.fill(0, 0, np);
    this.addParagraphScores(d, slots, scores);
    return scores;
  }

  /**
   * The exact final score of a document of the last evaluate() call (which must have matched it),
   * computing its best paragraph on demand. Equal to what the unbounded path stores in `score`:
   * the same sums in the same order.
   */
  exactScore(d: number): number {
    const r = this.r;
    let best = 0;
    if (r.paragraphWeight > 0) best = this.bestParagraph(d, this.lastSlots);
    let sc = combineScores(this.artScore[d], best, this.matchedSlots[d], this.lastSlots.length, r);
    if (this.lastPairs.length > 0) sc += this.proximity(d);
    if (this.lastBonus) sc += this.lastBonus[d];
    return sc;
  }

  evaluate(input: EvaluateInput): EvaluateOutput {
    const ix = this.index;
    const gen = ++this.gen;
    const nd = ix.numDocs;
    const alive = ix.alive.data;
    const { slots, fieldFilters } = input;
    const required = input.required ?? null;
    const bonus = input.bonus ?? null;
    // A tree decides the match set itself, so slots are only scored, never counted for match: 'all'.
    const matchAll = input.matchAll && !required;
    const bound = input.boundParagraphs && this.r.paragraphWeight > 0 && slots.length > 0;
    this.lastSlots = slots;
    this.lastBonus = bonus;

    const r = this.r;
    const pairs = r.proximityWeight > 0 && input.pairs ? input.pairs : [];
    this.lastPairs = pairs;
    this.lastPairWeights = this.pairWeights(pairs);

    // Filters first: mark the documents each filtered field accepts.
    while (this.filterStamps.length < fieldFilters.length) this.filterStamps.push(new Int32Array(this.docStamp.length));
    for (const f of fieldFilters) {
      const stamp = this.filterStamps[f.slot];
      for (const list of f.docLists) for (let i = 0; i < list.length; i++) stamp[list[i]] = gen;
    }

    const docStamp = this.docStamp;
    const artScore = this.artScore;
    const bestPara = this.bestPara;
    const matched = this.matchedSlots;
    this.stampExcluded(input.excluded, gen);
    const slotSeen = this.slotSeen;
    const touched = this.touched;
    let numTouched = 0;
    const numSlots = slots.length;

    if (numSlots > 0) {
      const art = ix.art;
      const ids = art.ids;
      const impact = this.artImpact;
      const paraBound = this.paraBound;
      const N = ix.numLive;
      const Np = ix.numLiveParas;
      // Specialised for the common cases: no removed documents (no liveness test per posting) and
      // one query word (every candidate matches all of it, so no per-slot bookkeeping).
      const anyRemoved = N !== nd;
      const countSlots = numSlots > 1;
      for (let s = 0; s < numSlots; s++) {
        const slot = slots[s];
        const seenMark = ++this.slotGen; // distinct per (query, slot), so nothing needs clearing
        for (const t of slot.termIds) {
          const w = slot.weight * idf(N, ix.df.data[t]);
          // With bounded paragraphs, bestPara gathers each matched term's best-paragraph impact
          // (an upper bound of the sum's best paragraph); otherwise scoreParagraphs fills it exactly.
          const wBound = bound ? slot.weight * idf(Np, ix.pdf.data[t]) : 0;
          const end = art.offsets[t + 1];
          for (let i = art.offsets[t]; i < end; i++) {
            const d = ids[i];
            if (anyRemoved && alive[d] === 0) continue;
            if (docStamp[d] !== gen) {
              docStamp[d] = gen;
              artScore[d] = w * impact[i];
              bestPara[d] = wBound * paraBound[i];
              touched[numTouched++] = d;
              if (countSlots) {
                matched[d] = 1;
                slotSeen[d] = seenMark;
              }
              continue;
            }
            artScore[d] += w * impact[i];
            bestPara[d] += wBound * paraBound[i];
            if (countSlots && slotSeen[d] !== seenMark) {
              slotSeen[d] = seenMark;
              matched[d]++;
            }
          }
        }
      }
      if (r.paragraphWeight > 0 && !bound) this.scoreParagraphs(slots, gen);
      if (pairs.length > 0) this.scoreProximity(pairs, gen);
    }
    if (required) {
      // The tree's matches are the candidates, in document order; those no slot touched score 0.
      numTouched = 0;
      for (let d = 0; d < nd; d++) {
        if (required[d] === 0) continue;
        if (docStamp[d] !== gen) {
          docStamp[d] = gen;
          artScore[d] = 0;
          bestPara[d] = 0;
          matched[d] = 0;
        }
        touched[numTouched++] = d;
      }
    } else if (numSlots === 0) {
      // Browsing: every live document is a candidate.
      for (let d = 0; d < nd; d++) {
        if (alive[d] === 0 || docStamp[d] === gen) continue; // removed or excluded
        docStamp[d] = gen;
        artScore[d] = 0;
        bestPara[d] = 0;
        matched[d] = 0;
        touched[numTouched++] = d;
      }
    }

    const numFilters = fieldFilters.length;
    const dateSlot = numFilters;
    const hasDate = !Number.isNaN(input.dateFrom) || !Number.isNaN(input.dateTo);
    const from = Number.isNaN(input.dateFrom) ? -Infinity : input.dateFrom;
    const to = Number.isNaN(input.dateTo) ? Infinity : input.dateTo;
    const dates = ix.dateMs.data;
    const finalScore = this.finalScore;
    const matches = this.matches;
    const near = this.near;
    const nearFail = this.nearFail;
    let numMatches = 0;
    let numNear = 0;
    const coordination = coordinationFactors(numSlots, r);
    for (let i = 0; i < numTouched; i++) {
      const d = touched[i];
      if (matchAll && numSlots > 1 && matched[d] < numSlots) continue;
      let fails = 0;
      let failAt = -1;
      for (let f = 0; f < numFilters; f++) {
        if (this.filterStamps[f][d] !== gen) {
          fails++;
          failAt = f;
        }
      }
      if (hasDate) {
        const t = dates[d];
        if (!(t >= from && t <= to)) {
          fails++;
          failAt = dateSlot;
        }
      }
      if (fails === 0) {
        let sc = combineScoresWith(artScore[d], bestPara[d], matched[d], coordination, r);
        if (pairs.length > 0) sc += this.proximity(d);
        if (bonus) sc += bonus[d];
        finalScore[d] = sc;
        matches[numMatches++] = d;
      } else if (fails === 1) {
        near[numNear] = d;
        nearFail[numNear++] = failAt;
      }
    }
    // With one query term the per-posting best-paragraph impact is the evidence itself, so the
    // "bound" is the exact score, summed in the same order as exactScore() would.
    let numTerms = 0;
    for (const slot of slots) numTerms += slot.termIds.length;
    return { matches, numMatches, near, nearFail, numNear, score: finalScore, scoreIsBound: bound && numTerms > 1 };
  }

  /**
   * Stamps the excluded documents with this query's `gen` before any posting is walked, so no
   * posting makes them a candidate; their slot count starts far below zero, so nothing takes
   * them for a match.
   */
  private stampExcluded(excluded: readonly ArrayLike<number>[] | null | undefined, gen: number): void {
    const docStamp = this.docStamp;
    const matched = this.matchedSlots;
    for (const list of excluded ?? []) {
      for (let i = 0; i < list.length; i++) {
        docStamp[list[i]] = gen;
        matched[list[i]] = EXCLUDED;
      }
    }
  }

  /**
   * The match set of a plain query (slots and exclusions, no tree, filters or bonus), unscored:
   * the same documents evaluate() puts in `matches` for it, for a page ranked elsewhere (the
   * pruned top-k) whose total and facets still need every match. Walks the article postings as
   * evaluate() does, without the arithmetic, paragraphs or proximity. In `matches[0..n)`, in no
   * particular order; valid until the next evaluate() or matchOnly().
   */
  matchOnly(slots: readonly QuerySlot[], matchAll: boolean, excluded: readonly ArrayLike<number>[] | null): { matches: Int32Array; numMatches: number } {
    const ix = this.index;
    const gen = ++this.gen;
    const alive = ix.alive.data;
    const docStamp = this.docStamp;
    const matched = this.matchedSlots;
    const slotSeen = this.slotSeen;
    const touched = this.touched;
    this.stampExcluded(excluded, gen);
    const numSlots = slots.length;
    // Only 'all' over two slots or more needs to know how many slots each document holds.
    const countSlots = matchAll && numSlots > 1;
    const anyRemoved = ix.numLive !== ix.numDocs;
    const art = ix.art;
    const ids = art.ids;
    let numTouched = 0;
    for (let s = 0; s < numSlots; s++) {
      const seenMark = ++this.slotGen;
      for (const t of slots[s].termIds) {
        const end = art.offsets[t + 1];
        for (let i = art.offsets[t]; i < end; i++) {
          const d = ids[i];
          if (anyRemoved && alive[d] === 0) continue;
          if (docStamp[d] !== gen) {
            docStamp[d] = gen;
            touched[numTouched++] = d;
            if (countSlots) {
              matched[d] = 1;
              slotSeen[d] = seenMark;
            }
          } else if (countSlots && slotSeen[d] !== seenMark) {
            slotSeen[d] = seenMark;
            matched[d]++;
          }
        }
      }
    }
    if (!countSlots) return { matches: touched, numMatches: numTouched };
    const matches = this.matches;
    let numMatches = 0;
    for (let i = 0; i < numTouched; i++) {
      const d = touched[i];
      if (matched[d] >= numSlots) matches[numMatches++] = d;
    }
    return { matches, numMatches };
  }

  /**
   * Proximity evidence of every candidate, exact: for each query pair, the documents where it
   * stands together (lib/index/pairs-together.ts) gain the pair's weight once. Exact for all
   * candidates in one pass along the rarer word's postings, so the bounded top-k needs no looser
   * bound and no more refinement than without proximity.
   */
  private scoreProximity(pairs: readonly QueryPair<number>[], gen: number): void {
    const docStamp = this.docStamp;
    const matched = this.matchedSlots;
    const prox = this.proxSum;
    const proxStamp = this.proxStamp;
    // Only candidates that matched two query words or more can hold a pair (pairs exist only
    // for two words or more, so `matched` is kept up to date).
    const want = (d: number): boolean => docStamp[d] === gen && matched[d] >= 2;
    for (let k = 0; k < pairs.length; k++) {
      const p = pairs[k];
      const w = this.lastPairWeights[k];
      forEachPairTogether(this.index, p.a, p.b, pairMaxDistance(p.gap, this.r.proximitySlack), want, this.paraMask, (d) => {
        if (proxStamp[d] !== gen) {
          proxStamp[d] = gen;
          prox[d] = 0;
        }
        prox[d] += w;
      });
    }
  }

  /** The proximity bonus of a candidate of the current evaluate() (0 without pairs found). */
  private proximity(d: number): number {
    return this.proxStamp[d] === this.gen ? proximityBonus(this.proxSum[d], this.r.proximityWeight) : 0;
  }

  /** Best-paragraph evidence: BM25 per paragraph with paragraph statistics, max per document. */
  private scoreParagraphs(slots: readonly QuerySlot[], gen: number): void {
    const ix = this.index;
    const para = ix.para;
    const ids = para.ids;
    const impact = this.paraImpact;
    const paraDoc = ix.paraDoc.data;
    const alive = ix.alive.data;
    const paraStamp = this.paraStamp;
    const paraScore = this.paraScore;
    const touchedParas = this.touchedParas;
    const Np = ix.numLiveParas;
    let n = 0;
    for (const slot of slots) {
      for (const t of slot.termIds) {
        const w = slot.weight * idf(Np, ix.pdf.data[t]);
        const end = para.offsets[t + 1];
        for (let i = para.offsets[t]; i < end; i++) {
          const p = ids[i];
          if (alive[paraDoc[p]] === 0) continue;
          if (paraStamp[p] !== gen) {
            paraStamp[p] = gen;
            paraScore[p] = 0;
            touchedParas[n++] = p;
          }
          paraScore[p] += w * impact[i];
        }
      }
    }
    const best = this.bestPara;
    for (let i = 0; i < n; i++) {
      const p = touchedParas[i];
      const d = paraDoc[p];
      if (paraScore[p] > best[d]) best[d] = paraScore[p];
    }
  }
}
