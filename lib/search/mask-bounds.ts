/**
 * What a document matching a set of a query's entries (its terms, one bit each) gains beyond
 * their BM25 evidence, at most: the coordination factor of the slots they cover
 * (lib/ranking/bm25.ts, growing with the slots matched) and the proximity bonus of the query
 * pairs whose both words they hold (lib/ranking/proximity.ts; a pair found adds its weight, so
 * all possible pairs found bound it). For a few entries the values are tabulated per mask, so
 * the pruned top-k's bound of a document is a multiply-add and two lookups.
 */
import { proximityBonus } from '../ranking/proximity.js';

/** Entries up to which the per-mask values are tabulated (2^8 masks). */
const MAX_TABULATED = 8;

/** The coordination and proximity bounds of entry masks, for one query. */
export class MaskBounds {
  private readonly coordTable: Float64Array;
  private readonly proxTable: Float64Array;
  private readonly slotTable: Int32Array;

  /**
   * @param slotBits per entry, its slot's bit
   * @param coord the coordination factor per number of slots matched (index 0 … query slots)
   * @param pairMasks per proximity pair, the entries holding its first word and its second
   * @param pairWeights per pair, what it adds when found (before `proximityWeight`)
   */
  constructor(
    private readonly slotBits: readonly number[],
    private readonly coord: Float64Array,
    private readonly pairMasks: readonly { a: number; b: number }[],
    private readonly pairWeights: readonly number[],
    private readonly proximityWeight: number,
  ) {
    const n = slotBits.length <= MAX_TABULATED ? 1 << slotBits.length : 0;
    this.coordTable = new Float64Array(n);
    this.proxTable = new Float64Array(n);
    this.slotTable = new Int32Array(n);
    for (let m = 0; m < n; m++) {
      this.slotTable[m] = this.computeSlots(m);
      this.coordTable[m] = coord[popcount(this.slotTable[m])];
      this.proxTable[m] = this.computeProx(m);
    }
  }

  /** The slots (bits) the entries of `mask` cover. */
  slots(mask: number): number {
    return mask < this.slotTable.length ? this.slotTable[mask] : this.computeSlots(mask);
  }

  /** The coordination factor of a document matching exactly the entries of `mask`. */
  coordination(mask: number): number {
    return mask < this.coordTable.length ? this.coordTable[mask] : this.coord[popcount(this.computeSlots(mask))];
  }

  /** The largest proximity bonus of a document holding the entries of `mask`. */
  proximity(mask: number): number {
    return mask < this.proxTable.length ? this.proxTable[mask] : this.computeProx(mask);
  }

  private computeSlots(mask: number): number {
    let slots = 0;
    for (let e = 0; e < this.slotBits.length; e++) if ((mask >>> e) & 1) slots |= this.slotBits[e];
    return slots;
  }

  private computeProx(mask: number): number {
    let sum = 0;
    for (let i = 0; i < this.pairMasks.length; i++) {
      const p = this.pairMasks[i];
      if ((mask & p.a) !== 0 && (mask & p.b) !== 0) sum += this.pairWeights[i];
    }
    return proximityBonus(sum, this.proximityWeight);
  }
}

/** Number of set bits of a 32-bit integer. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
