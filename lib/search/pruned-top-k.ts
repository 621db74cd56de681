/**
 * The top k of a plain relevance page without reading every posting: Turtle & Flood's MaxScore
 * over windows of document ids with Ding & Suel's block maxima, as Lucene's `MaxScoreBulkScorer`
 * does, and Elasticsearch's `track_total_hits`: matches are counted exactly only up to a
 * threshold, beyond which the total is "at least the threshold".
 *
 * Query terms ("entries": a slot's terms) are ordered by the bound of what each adds to a
 * document over its whole list; the longest prefix whose bounds together cannot lift a document
 * to the page's threshold θ is non-essential, recomputed as θ grows (when every entry is, the
 * search stops). Documents are visited window by window: a window starts at the next document an
 * essential entry may hold (a conjunction's at the last of its slots' next ones) and, once
 * pruning, ends with the first end of an essential entry's current posting block (Lucene's outer
 * windows), at most {@link WINDOW} ids. Essential entries' documents there are gathered term at a
 * time into window-sized scratch arrays; a window, or a posting block inside it, whose maxima
 * cannot reach θ is passed over. A candidate's bound takes its essential evidence plus, for each
 * non-essential entry, the maximum of that entry's block holding it (0 between blocks: block-max
 * MaxScore); those entries are then looked up (forward cursors over the candidates in document
 * order) while the bound stays at or above θ.
 *
 * θ is a lower bound of the page's final k-th exact score at every moment: the larger of the
 * k-th best exact score so far and the k-th best *lower bound* of the candidates seen (article
 * evidence and the best single term's paragraph, proximity left out: never above the exact
 * score). Candidates whose upper bound reaches θ wait in a queue; at the end of each window
 * (while counting, at the end) the proximity of all of them is found at once and replaces its
 * bound, and they get exact scores (best paragraph and proximity, `QueryEvaluator.scoreAlone`)
 * highest bound first, until a bound falls below θ. So the page is exactly the exhaustive path's page: the
 * same documents, scores and order (ties: newer date, then id).
 *
 * The bound of a document accounts for coordination (lib/ranking/bm25.ts's factor
 * (matched / query slots)^γ, which grows with the slots matched, bounded with the slots that
 * can still match) and for proximity (at most the weights of the query pairs whose both words
 * can still match). While the total is counted (fewer matches seen than the threshold) every
 * entry is essential and nothing is skipped; the count is known to reach the threshold at once
 * when one word alone is in that many live documents (any-word queries without exclusions).
 */
import type { InvertedIndex } from '../index/inverted-index.js';
import { gallop } from '../index/gallop.js';
import { combineScores, idf, coordinationFactor, type ResolvedRankingOptions } from '../ranking/bm25.js';
import { pairMaxDistance, proximityBonus, type QueryPair } from '../ranking/proximity.js';
import { forEachPairTogetherIn } from '../index/pairs-together.js';
import { BoundQueue } from '../collector/bound-queue.js';
import { ExactTopK } from '../collector/top-k-exact.js';
import { TopKThreshold } from '../collector/top-k-threshold.js';
import type { QuerySlot } from './bind-query.js';
import { BLOCK_SHIFT, BLOCK_SIZE, type BlockMaxima } from './block-maxima.js';
import { MaskBounds, popcount } from './mask-bounds.js';

/**
 * Documents per window: large enough that the per-window work (window maxima, partition) is
 * small beside the postings read, small enough that the scratch arrays stay in cache and a
 * window far from the best documents is skipped whole.
 */
const WINDOW = 1 << 12;

/**
 * Waiting candidates from which their proximity is found for all of them before any exact score
 * (see `bulkProximity`), rather than for each one scored.
 */
const BULK_PROXIMITY = 8;

/**
 * Waiting candidates from which, once pruning, they are given exact scores (`refine`) before the
 * next window rather than at the end. Refining after every window, as this did before, scored
 * each window's few candidates one by one, proximity included, while θ was still low: a
 * multi-word ranked page with `trackTotal: false` took ~35% longer than one counting every match
 * (3 words, Reuters, median of per-query minima: 148 against 107 µs). The candidates' lower
 * bounds raise θ meanwhile (TopKThreshold), so pruning hardly waits for exact scores; refining
 * by the batch costs ~8% over counting (116 µs), with 64, 512 or only at the end alike. The cap
 * bounds the queue on a large index.
 */
const REFINE_AT = 1024;

/** The fewest document ids in a window once pruning (see `runMany`). */
const MIN_WINDOW = 256;

/**
 * Relative slack when an upper bound is compared with θ: bounds and exact scores sum the same
 * terms in different orders, so they may differ in the last bits.
 */
const ROUNDING = 1 + 1e-9;

/** A plain relevance query, bound: what the pruned top-k needs. */
export interface PrunedQuery {
  slots: readonly QuerySlot[];
  /** Every slot required (`match: 'all'`). */
  matchAll: boolean;
  /** Documents that never match (a plain query's exclusions), as lists of ids that may repeat. */
  excluded: readonly ArrayLike<number>[] | null;
  /** Proximity pairs (empty when proximity is off). */
  pairs: readonly QueryPair<number>[];
  /** Documents to return (offset + limit of the page), at most a page deep. */
  k: number;
  /** Count matches exactly up to this many (≥ 0; Infinity: always). */
  trackTotal: number;
  /** Dates per document id (epoch ms, NaN for none), for ties. */
  dates: Float64Array;
  /**
   * Keep the documents counted (see {@link PrunedPage.matches}): facets need the match set, and
   * while the total is counted every match passes by anyway.
   */
  keepMatches?: boolean;
}

/** The page of a pruned search and its total. */
export interface PrunedPage {
  /** The `k` best documents, best first, and their exact scores. */
  docs: number[];
  scores: number[];
  /** The number of matches when `totalExact`; else `trackTotal`, a lower bound. */
  total: number;
  totalExact: boolean;
  /**
   * With `keepMatches` and an exact total: the match set, `matches[0..total)`, in no particular
   * order, valid until the next run. Undefined otherwise (counting stopped at the threshold).
   */
  matches?: Int32Array;
}

/** What the pruned top-k reads from the evaluator: impacts, block maxima and exact scores. */
export interface PruningSource {
  readonly articleImpacts: Float32Array;
  readonly paragraphBounds: Float32Array;
  readonly blocks: BlockMaxima;
  pairWeights(pairs: readonly QueryPair<number>[]): number[];
  /** The exact score of document d; `found`: the weights of its pairs found together, when known (else −1). */
  scoreAlone(d: number, slots: readonly QuerySlot[], pairs: readonly QueryPair<number>[], pairWeights: readonly number[], found?: number): number;
}

/** The running state of one query: the count, whether it reached the threshold, θ and the page. */
interface RunState {
  count: number;
  /** Where each document counted is written (at its count), or null. */
  kept: Int32Array | null;
  reached: boolean;
  theta: number;
  page: ExactTopK;
}

/** One query term of one slot, with its cursor in the article postings. */
interface Entry {
  term: number;
  /** The entry's own bit, and its slot's bit (slots numbered among those with postings). */
  bit: number;
  slotBit: number;
  /** idf-weighted multipliers: whole-article (w), best-paragraph (wb), and both mixed into a bound. */
  w: number;
  wb: number;
  mixA: number;
  mixP: number;
  start: number;
  end: number;
  /** Cursor: postings before it are done. */
  pos: number;
  /** Term's first block in the block maxima, its number of blocks, and the current block. */
  b0: number;
  nb: number;
  blk: number;
  /** The bound of what the entry adds to a document, over its whole list and in this window. */
  maxBound: number;
  winMax: number;
  /** A conjunction's window: the first document the entry may hold from the window's start on. */
  next: number;
  /** A non-essential entry's bound at the candidate being looked at (its block's maximum, 0 when none). */
  atD: number;
  /** This window, for a non-essential entry: its postings' range, once looked up (lo = -1 before), and a cursor in it. */
  lo: number;
  hi: number;
  cur: number;
}

/** Moves `e.blk` to the first block of the entry whose last document is ≥ target (galloping over blocks). */
function advanceBlocks(ids: Int32Array, e: Entry, target: number): void {
  const last = (b: number): number => ids[Math.min(e.start + ((b + 1) << BLOCK_SHIFT), e.end) - 1];
  if (e.blk >= e.nb || last(e.blk) >= target) return;
  let lo = e.blk + 1;
  let hi = lo;
  let step = 1;
  while (hi < e.nb && last(hi) < target) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > e.nb) hi = e.nb;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (last(m) < target) lo = m + 1;
    else hi = m;
  }
  e.blk = lo;
}

/** Counts document d as a match (keeping it when asked); the count stops at the threshold. */
function count(st: RunState, d: number, threshold: number): void {
  if (st.kept) st.kept[st.count] = d;
  if (++st.count >= threshold) st.reached = true;
}

/** The pruned top-k of plain relevance pages; one per index, scratch space reused across queries. */
export class PrunedTopK {
  private gen = 0;
  private readonly stamp: Int32Array;
  /** Per candidate of the window: mixed bound of its evidence so far, article evidence, best single-term paragraph, entries. */
  private readonly mixSum: Float64Array;
  private readonly artSum: Float64Array;
  private readonly paraMax: Float64Array;
  private readonly entryMask: Int32Array;
  private readonly touched: Int32Array;
  private excludedGen = 0;
  private excludedStamp = new Int32Array(0);
  private readonly queue = new BoundQueue();
  // For the proximity of waiting candidates (see bulkProximity): per document, the entries it
  // matched and the weights of its pairs found together; the waiting documents in order.
  private queuedMask = new Int32Array(0);
  private proxFound = new Float64Array(0);
  private sortedDocs = new Int32Array(0);
  // The documents counted, when the query keeps its matches (one slot per document, grown once).
  private kept = new Int32Array(0);

  /**
   * `window`: documents per window, {@link WINDOW}; `refineAt`: waiting candidates that are
   * refined before the next window, {@link REFINE_AT} (tests use small ones of both to make many
   * windows and refinements of a small index).
   */
  constructor(
    private readonly ix: InvertedIndex,
    private readonly r: ResolvedRankingOptions,
    private readonly window = WINDOW,
    private readonly refineAt = REFINE_AT,
  ) {
    if (!(Number.isInteger(window) && window >= 1)) throw new RangeError(`window must be a positive integer, got ${window}`);
    this.stamp = new Int32Array(window);
    this.mixSum = new Float64Array(window);
    this.artSum = new Float64Array(window);
    this.paraMax = new Float64Array(window);
    this.entryMask = new Int32Array(window);
    this.touched = new Int32Array(window);
  }

  /** The page and total of a plain relevance query. The index must be settled and `src` prepared for it. */
  run(q: PrunedQuery, src: PruningSource): PrunedPage {
    const ix = this.ix;
    const r = this.r;
    const art = ix.art;
    const { firstBlock, termMaxImpact, termMaxParaBound } = src.blocks;
    const pw = r.paragraphWeight;
    const S = q.slots.length;

    // Entries in slot order, then term order: the order the exhaustive path sums in.
    const entries: Entry[] = [];
    let numSlotBits = 0;
    let maxDf = 0;
    for (const slot of q.slots) {
      let slotBit = 0;
      for (const t of slot.termIds) {
        if (t >= art.numTerms || art.offsets[t] === art.offsets[t + 1]) continue;
        if (slotBit === 0) slotBit = 1 << numSlotBits++;
        const w = slot.weight * idf(ix.numLive, ix.df.data[t]);
        const wb = pw > 0 ? slot.weight * idf(ix.numLiveParas, ix.pdf.data[t]) : 0;
        entries.push({
          term: t, bit: 1 << entries.length, slotBit, w, wb, mixA: (1 - pw) * w, mixP: pw * wb,
          start: art.offsets[t], end: art.offsets[t + 1], pos: art.offsets[t],
          b0: firstBlock[t], nb: firstBlock[t + 1] - firstBlock[t], blk: 0, maxBound: (1 - pw) * w * termMaxImpact[t] + pw * wb * termMaxParaBound[t], winMax: 0, next: 0, atD: 0, lo: -1, hi: -1, cur: -1,
        });
        if (ix.df.data[t] > maxDf) maxDf = ix.df.data[t];
      }
    }
    const requireAll = q.matchAll && S > 1;
    if (entries.length === 0 || (requireAll && numSlotBits < S)) return { docs: [], scores: [], total: 0, totalExact: true };
    if (entries.length > 30) throw new Error(`internal: ${entries.length} query terms exceed the pruned top-k's bit masks`);

    // Coordination factor per number of slots matched, as combineScores applies it.
    const coord = new Float64Array(S + 1);
    for (let m = 0; m <= S; m++) coord[m] = coordinationFactor(m, S, r);
    const pairWeights = q.pairs.length > 0 ? src.pairWeights(q.pairs) : [];
    const maskOf = (term: number): number => entries.reduce((m, e) => (e.term === term ? m | e.bit : m), 0);
    const bounds = new MaskBounds(entries.map((e) => e.slotBit), coord, q.pairs.map((p) => ({ a: maskOf(p.a), b: maskOf(p.b) })), pairWeights, r.proximityWeight);

    const excluded = q.excluded && q.excluded.length > 0 ? this.stampExcluded(q.excluded) : 0;
    // Counting stops at the threshold; one word in that many live documents reaches it at once.
    if (q.keepMatches && this.kept.length < ix.numDocs) this.kept = new Int32Array(ix.numDocs);
    const state: RunState = {
      count: 0,
      kept: q.keepMatches ? this.kept : null,
      reached: q.trackTotal <= 0 || (!requireAll && excluded === 0 && maxDf >= q.trackTotal),
      theta: q.k === 0 ? Infinity : -Infinity,
      page: new ExactTopK(q.k, q.dates),
    };
    if (entries.length === 1 && q.pairs.length === 0) this.runOne(entries[0], coord[1], q, src, excluded, state);
    else this.runMany(entries, requireAll, (1 << numSlotBits) - 1, bounds, q, src, pairWeights, excluded, state);
    const { docs, scores } = state.page.page();
    if (state.reached) return { docs, scores, total: q.trackTotal, totalExact: false };
    return { docs, scores, total: state.count, totalExact: true, matches: state.kept ?? undefined };
  }

  /** The arrays both loops read: postings, liveness, exclusions, impacts and block maxima. */
  private arrays(src: PruningSource): {
    ids: Int32Array; alive: Uint8Array; anyRemoved: boolean; exStamp: Int32Array;
    impact: Float32Array; pBound: Float32Array; maxImpact: Float32Array; maxParaBound: Float32Array;
  } {
    const ix = this.ix;
    return {
      ids: ix.art.ids, alive: ix.alive.data, anyRemoved: ix.numLive !== ix.numDocs, exStamp: this.excludedStamp,
      impact: src.articleImpacts, pBound: src.paragraphBounds, maxImpact: src.blocks.maxImpact, maxParaBound: src.blocks.maxParaBound,
    };
  }

  /**
   * One term alone: a document's lower bound (its article evidence, its best paragraph the term's
   * best) is its exact score, so documents go straight to the page, block by block, no window.
   */
  private runOne(e: Entry, coord1: number, q: PrunedQuery, src: PruningSource, excluded: number, st: RunState): void {
    const { ids, alive, anyRemoved, exStamp, impact, pBound, maxImpact, maxParaBound } = this.arrays(src);
    const { w, wb, mixA, mixP, end } = e;
    const S = q.slots.length;
    const r = this.r;
    const page = st.page;
    const threshold = q.trackTotal;
    let theta = st.theta;
    for (let i = e.start, b = e.b0; i < end; b++) {
      const blockEnd = Math.min(i + BLOCK_SIZE, end);
      if (st.reached && (mixA * maxImpact[b] + mixP * maxParaBound[b]) * coord1 * ROUNDING < theta) {
        i = blockEnd;
        continue;
      }
      for (; i < blockEnd; i++) {
        const d = ids[i];
        if (anyRemoved && alive[d] === 0) continue;
        if (excluded !== 0 && exStamp[d] === excluded) continue;
        if (!st.reached) count(st, d, threshold);
        if ((mixA * impact[i] + mixP * pBound[i]) * coord1 * ROUNDING < theta) continue;
        page.add(d, combineScores(w * impact[i], wb * pBound[i], 1, S, r));
        if (page.full && page.kthScore > theta) theta = page.kthScore;
      }
    }
    st.theta = theta;
  }

  /** Two entries or more: MaxScore over windows (see the file's comment). */
  private runMany(
    entries: Entry[], requireAll: boolean, allSlots: number, bounds: MaskBounds,
    q: PrunedQuery, src: PruningSource, pairWeights: readonly number[], excluded: number, st: RunState,
  ): void {
    const ix = this.ix;
    const { ids, alive, anyRemoved, exStamp, impact, pBound, maxImpact, maxParaBound } = this.arrays(src);
    const r = this.r;
    const S = q.slots.length;
    const E = entries.length;
    const threshold = q.trackTotal;
    const lbs = new TopKThreshold(q.k);
    const queue = this.queue;
    queue.clear();
    let theta = st.theta;
    const hasPairs = q.pairs.length > 0;
    if (hasPairs && this.queuedMask.length < ix.numDocs) {
      this.queuedMask = new Int32Array(ix.numDocs);
      this.proxFound = new Float64Array(ix.numDocs);
    }
    const queuedMask = this.queuedMask;

    const { stamp, mixSum, artSum, paraMax, entryMask, touched } = this;
    // Entries by ascending bound over their whole lists; the prefix sums bound what a document
    // holding only entries of a prefix can score.
    const byMax = [...entries].sort((x, y) => x.maxBound - y.maxBound);
    const preSum = new Float64Array(E + 1);
    const preBits = new Int32Array(E + 1);
    for (let j = 0; j < E; j++) {
      preSum[j + 1] = preSum[j] + byMax[j].maxBound;
      preBits[j + 1] = preBits[j] | byMax[j].bit;
    }
    const allBits = preBits[E];
    const allCoord = bounds.coordination(allBits);
    const allProx = bounds.proximity(allBits);
    let numNE = 0;
    let upTo = 0;
    for (;;) {
      if (st.reached && !requireAll) {
        // Non-essential: the longest prefix of byMax whose documents cannot reach θ on their own.
        while (numNE < E && (preSum[numNE + 1] * bounds.coordination(preBits[numNE + 1]) + bounds.proximity(preBits[numNE + 1])) * ROUNDING < theta) numNE++;
        if (numNE === E) break;
      }
      // The window starts at the first document an essential entry may hold (for a conjunction,
      // the last of the slots' first ones) and, once pruning, ends with the first block end of
      // an essential entry (Lucene's outer windows), so that window maxima are block maxima.
      let w0 = requireAll ? upTo : Infinity;
      let slotStart = Infinity;
      for (let j = numNE; j < E; j++) {
        const e = byMax[j];
        advanceBlocks(ids, e, upTo);
        const first = e.blk < e.nb ? Math.max(upTo, ids[e.start + (e.blk << BLOCK_SHIFT)]) : Infinity;
        if (!requireAll) {
          if (first < w0) w0 = first;
          continue;
        }
        // byMax is not in slot order: group by slot through the entries' own order instead.
        e.next = first;
      }
      if (requireAll) {
        for (let j = 0; j < E; j++) {
          const e = entries[j];
          if (j === 0 || e.slotBit !== entries[j - 1].slotBit) slotStart = Infinity;
          if (e.next < slotStart) slotStart = e.next;
          if (j === E - 1 || e.slotBit !== entries[j + 1].slotBit) w0 = Math.max(w0, slotStart);
        }
      }
      if (w0 === Infinity) break;
      if (requireAll) for (const e of entries) advanceBlocks(ids, e, w0);
      let wEnd = w0 + this.window;
      if (st.reached) {
        for (let j = numNE; j < E; j++) {
          const e = byMax[j];
          if (e.blk < e.nb) wEnd = Math.min(wEnd, ids[Math.min(e.start + ((e.blk + 1) << BLOCK_SHIFT), e.end) - 1] + 1);
        }
        wEnd = Math.max(wEnd, w0 + Math.min(MIN_WINDOW, this.window));
      }
      // Window maxima of the essential entries; non-essential ones count with their whole-list bound.
      let essSum = 0;
      for (let j = numNE; j < E; j++) {
        const e = byMax[j];
        e.lo = -1;
        e.winMax = 0;
        for (let b = e.blk; b < e.nb && ids[e.start + (b << BLOCK_SHIFT)] < wEnd; b++) {
          const m = e.mixA * maxImpact[e.b0 + b] + e.mixP * maxParaBound[e.b0 + b];
          if (m > e.winMax) e.winMax = m;
        }
        essSum += e.winMax;
      }
      for (let j = 0; j < numNE; j++) byMax[j].lo = -1;
      const others = essSum + preSum[numNE];
      if (st.reached && (others * allCoord + allProx) * ROUNDING < theta) {
        upTo = wEnd;
        continue;
      }

      // Essential entries, term at a time into the window's scratch arrays.
      const gen = ++this.gen;
      let numTouched = 0;
      for (let j = numNE; j < E; j++) {
        const e = byMax[j];
        const { w, wb, mixA, mixP, bit, end } = e;
        const rest = others - e.winMax;
        let i = gallop(ids, Math.max(e.pos, e.start + (e.blk << BLOCK_SHIFT)), end, w0);
        let b = (i - e.start) >> BLOCK_SHIFT;
        while (i < end) {
          // A block whose maximum cannot lift any of its documents to θ is passed over.
          const blockEnd = Math.min(e.start + ((b + 1) << BLOCK_SHIFT), end);
          if (st.reached && ((mixA * maxImpact[e.b0 + b] + mixP * maxParaBound[e.b0 + b] + rest) * allCoord + allProx) * ROUNDING < theta) {
            if (ids[blockEnd - 1] >= wEnd) {
              i = gallop(ids, i, blockEnd, wEnd);
              break;
            }
            i = blockEnd;
            b++;
            continue;
          }
          for (; i < blockEnd; i++) {
            const d = ids[i];
            if (d >= wEnd) break;
            if (anyRemoved && alive[d] === 0) continue;
            if (excluded !== 0 && exStamp[d] === excluded) continue;
            const x = d - w0;
            const a = impact[i];
            const p = pBound[i];
            if (stamp[x] !== gen) {
              stamp[x] = gen;
              mixSum[x] = mixA * a + mixP * p;
              artSum[x] = w * a;
              paraMax[x] = wb * p;
              entryMask[x] = bit;
              touched[numTouched++] = x;
            } else {
              mixSum[x] += mixA * a + mixP * p;
              artSum[x] += w * a;
              if (wb * p > paraMax[x]) paraMax[x] = wb * p;
              entryMask[x] |= bit;
            }
          }
          if (i < blockEnd) break;
          b++;
        }
        e.pos = i;
      }

      // Candidates in document order, so that non-essential entries are looked up by cursors
      // that only move forward (one essential entry gives them in that order already).
      if (numNE > 0 && E - numNE > 1) touched.subarray(0, numTouched).sort();
      for (let j = 0; j < numTouched; j++) {
        const x = touched[j];
        let em = entryMask[x];
        if (requireAll && bounds.slots(em) !== allSlots) continue;
        if (!st.reached) count(st, w0 + x, threshold);
        let mix = mixSum[x];
        let ub = (mix + preSum[numNE]) * bounds.coordination(em | preBits[numNE]) + bounds.proximity(em | preBits[numNE]);
        if (ub * ROUNDING < theta) continue;
        const d = w0 + x;
        // Tighter: each non-essential entry's bound at d is the maximum of its block holding d,
        // or 0 when d falls between its blocks (block-max MaxScore; d only grows).
        let rest = 0;
        let restBits = 0;
        for (let n = 0; n < numNE; n++) {
          const e = byMax[n];
          advanceBlocks(ids, e, d);
          e.atD = e.blk < e.nb && ids[e.start + (e.blk << BLOCK_SHIFT)] <= d ? e.mixA * maxImpact[e.b0 + e.blk] + e.mixP * maxParaBound[e.b0 + e.blk] : 0;
          if (e.atD > 0) {
            rest += e.atD;
            restBits |= e.bit;
          }
        }
        ub = (mix + rest) * bounds.coordination(em | restBits) + bounds.proximity(em | restBits);
        if (ub * ROUNDING < theta) continue;
        let as = artSum[x];
        let pm = paraMax[x];
        // Non-essential entries, largest bound first, while the document can still reach θ.
        let n = numNE - 1;
        for (; n >= 0; n--) {
          const e = byMax[n];
          if (e.atD === 0) continue;
          if (e.lo < 0) {
            e.lo = gallop(ids, e.pos, e.end, w0);
            e.hi = gallop(ids, e.lo, e.end, wEnd);
            e.pos = e.lo;
            e.cur = e.lo;
          }
          const at = gallop(ids, e.cur, e.hi, d);
          e.cur = at;
          rest -= e.atD;
          restBits &= ~e.bit;
          if (at < e.hi && ids[at] === d) {
            mix += e.mixA * impact[at] + e.mixP * pBound[at];
            as += e.w * impact[at];
            if (e.wb * pBound[at] > pm) pm = e.wb * pBound[at];
            em |= e.bit;
          }
          ub = (mix + rest) * bounds.coordination(em | restBits) + bounds.proximity(em | restBits);
          if (ub * ROUNDING < theta) break;
        }
        if (n >= 0) continue;
        lbs.add(combineScores(as, pm, popcount(bounds.slots(em)), S, r));
        if (lbs.value > theta) theta = lbs.value;
        queue.push(d, ub);
        if (hasPairs) queuedMask[d] = em;
      }
      // Exact scores for the waiting candidates, highest bound first, while they can enter. While
      // counting, nothing is skipped whatever θ is, so they wait: one refinement at the end, over
      // candidates in bound order, needs the fewest exact scores.
      if (st.reached && queue.length >= this.refineAt) theta = this.refine(st.page, theta, q, src, pairWeights, bounds);
      upTo = wEnd;
    }
    st.theta = this.refine(st.page, theta, q, src, pairWeights, bounds);
  }

  /**
   * Gives the waiting candidates exact scores, highest bound first, until a bound is below θ
   * (the rest cannot enter the page, now or later: θ only grows), and empties the queue. Returns θ.
   */
  private refine(page: ExactTopK, theta: number, q: PrunedQuery, src: PruningSource, pairWeights: readonly number[], bounds: MaskBounds): number {
    const queue = this.queue;
    // Those already below θ are left out first: they cannot enter, their proximity is not needed.
    if (q.pairs.length > 0 && queue.length >= BULK_PROXIMITY) queue.dropBelow(theta / ROUNDING);
    const bulk = q.pairs.length > 0 && queue.length >= BULK_PROXIMITY;
    if (bulk) this.bulkProximity(q, pairWeights, bounds);
    const found = this.proxFound;
    while (queue.length > 0 && queue.topBound * ROUNDING >= theta) {
      const d = queue.pop();
      page.add(d, src.scoreAlone(d, q.slots, q.pairs, pairWeights, bulk ? found[d] : -1));
      if (page.full && page.kthScore > theta) theta = page.kthScore;
    }
    queue.clear();
    return theta;
  }

  /**
   * The proximity evidence of all waiting candidates at once (a merge of the documents, in order,
   * with each pair's postings: lib/index/pairs-together.ts), which replaces the proximity bound in
   * their bounds: a document whose words merely co-occur no longer waits for an exact score on
   * the strength of a pair it does not hold. `proxFound` gets the weights found, in pair order.
   */
  private bulkProximity(q: PrunedQuery, pairWeights: readonly number[], bounds: MaskBounds): void {
    const { proxFound: found, queuedMask: mask } = this;
    const r = this.r;
    if (this.sortedDocs.length < this.queue.length) this.sortedDocs = new Int32Array(2 * this.queue.length);
    const docs = this.sortedDocs;
    let n = 0;
    this.queue.forEach((d) => {
      docs[n++] = d;
      found[d] = 0;
    });
    docs.subarray(0, n).sort();
    for (let k = 0; k < q.pairs.length; k++) {
      const p = q.pairs[k];
      const w = pairWeights[k];
      forEachPairTogetherIn(this.ix, p.a, p.b, pairMaxDistance(p.gap, r.proximitySlack), docs, n, (d) => {
        found[d] += w;
      });
    }
    this.queue.rebound((d, ub) => ub - bounds.proximity(mask[d]) + (found[d] > 0 ? proximityBonus(found[d], r.proximityWeight) : 0));
  }

  /** Stamps the excluded documents with a fresh generation, which it returns. */
  private stampExcluded(lists: readonly ArrayLike<number>[]): number {
    const nd = this.ix.numDocs;
    if (this.excludedStamp.length < nd) {
      this.excludedStamp = new Int32Array(Math.max(nd, 16));
      this.excludedGen = 0;
    }
    const gen = ++this.excludedGen;
    const stamp = this.excludedStamp;
    for (const list of lists) for (let i = 0; i < list.length; i++) stamp[list[i]] = gen;
    return gen;
  }
}
