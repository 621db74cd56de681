/**
 * Groups of near-duplicate articles, kept up to date as articles are added and removed.
 *
 * Each article's signature is cut into LSH bands; two articles sharing a band value are
 * candidates, and a candidate pair is a link when its estimated overlap passes the thresholds
 * (see DuplicateOptions). Groups are stars over the links: each member is a copy of the group's
 * leader, its most linked text (see `regroup`). Every document has a group: alone, a group of one.
 *
 * Union-find cannot split a group, so removal is designed in instead: the links themselves are
 * kept (few — most articles have none), and a change recomputes only the link component it
 * touches. The band table is a chained hash table in typed arrays
 * (a head per slot, a `next` per (document, band) entry) whose keys are recomputed from the
 * stored signatures, not stored: about 5 bytes per band per article.
 */
import { GrowableArray } from '../index/growable-array.js';
import { resolveDuplicateOptions, type DuplicateOptions, type ResolvedDuplicateOptions } from './duplicate-options.js';
import { jaccardFromAgreement, overlapFromAgreement } from './estimate-overlap.js';
import { combine32 } from './mix-hash.js';
import type { DuplicateSignature } from './shingle-signature.js';

/** The state of a {@link DuplicateGroups} as plain data, for snapshots. */
export interface DuplicateGroupsState {
  options: ResolvedDuplicateOptions;
  /** `numHashes` values per document, zero for a document without a signature. */
  values: Uint8Array;
  /** Distinct shingles per document; 0 = no signature (absent, removed, or too short). */
  numShingles: Int32Array;
  /**
   * The verified links as pairs (smaller id, larger id), ascending. Absent in snapshots written
   * before links were stored: the links are then found again from the signatures.
   */
  links?: Int32Array;
}

const NONE = -1;

/** Near-duplicate groups over documents numbered 0, 1, 2 … (the index's document ids). */
export class DuplicateGroups {
  /** The options in force. */
  readonly options: Readonly<ResolvedDuplicateOptions>;
  private readonly numBands: number;
  private readonly values = new GrowableArray(Uint8Array);
  private readonly numShingles = new GrowableArray(Int32Array);
  /** Representative of each document's group: its smallest document id. */
  private readonly rep = new GrowableArray(Int32Array);
  /** Members of every group of two or more, by representative, ascending. */
  private readonly members = new Map<number, number[]>();
  /** Verified duplicate links, only for documents that have some. */
  private readonly links = new Map<number, number[]>();
  // Band table: head[slot] → entry (doc * numBands + band) → next[entry] → … → NONE.
  private head: Int32Array = new Int32Array(1024).fill(NONE);
  private readonly next = new GrowableArray(Int32Array);
  private numEntries = 0;

  constructor(options: DuplicateOptions = {}) {
    this.options = Object.freeze(resolveDuplicateOptions(options));
    this.numBands = this.options.numBands;
  }

  /** Number of document ids known (with or without a signature). */
  get numDocs(): number {
    return this.rep.length;
  }

  /**
   * Adds document `doc` with its signature (undefined: a text too short to compare, a group of
   * one). Links it to every indexed copy and merges their groups.
   */
  add(doc: number, signature: DuplicateSignature | undefined): void {
    if (!this.store(doc, signature)) return;
    const linked: number[] = [];
    for (const other of this.candidates(doc)) {
      if (this.isCopy(doc, other)) linked.push(other);
    }
    this.insertBands(doc);
    if (linked.length === 0) return;
    for (const other of linked) this.link(doc, other);
    this.regroup(doc);
  }

  /**
   * Adds many documents at once, with the same result as adding them one by one. Candidates
   * among the new documents come from bucketing each band's values (a counting sort) instead of
   * walking the band table once per document: the walks jump around memory (a cache miss per
   * step on a large index), the buckets do not.
   */
  addMany(docs: readonly number[], signatures: readonly (DuplicateSignature | undefined)[]): void {
    if (docs.length !== signatures.length) throw new RangeError('addMany needs one signature per document');
    const fresh: number[] = [];
    docs.forEach((doc, i) => { if (this.store(doc, signatures[i])) fresh.push(doc); });
    // Identical signatures (a story sent ten times, a corpus loaded twice) are found first, and
    // only the first of each set goes through the band runs: its copies get its links. A set of
    // k identical signatures would otherwise share a run of k in every band, k²/2 verifications
    // per band.
    const twins = this.twinSets(fresh);
    const primaries = fresh.filter((d) => !twins.isTwin.has(d));
    // A pair sharing several bands is verified once per band: cheaper than remembering every
    // candidate pair (most are chance agreements of 8-bit values, verified once).
    const linkedKeys = new Set<number>();
    const linked: [number, number][] = [];
    const consider = (a: number, b: number): void => {
      if (!this.isCopy(a, b)) return;
      const [x, y] = a < b ? [a, b] : [b, a];
      const key = x * 4294967296 + y;
      if (linkedKeys.has(key)) return;
      linkedKeys.add(key);
      linked.push([x, y]);
    };
    // New against indexed documents: through the band table, as add() does.
    if (this.numEntries > 0) for (const doc of primaries) for (const other of this.candidates(doc)) consider(doc, other);
    // New against new: per band, a counting sort of the documents by their band value's hash
    // (O(n) per band, where sorting the keys was O(n log n)); documents of one bucket are compared
    // pairwise on the band values themselves, so a bucket shared by two values only costs a
    // comparison.
    const n = primaries.length;
    const r = this.options.bandSize;
    const m = this.options.numHashes;
    const v = this.values.data;
    const numBuckets = 1 << Math.max(4, Math.ceil(Math.log2(Math.max(2, n))) + 1);
    const mask = numBuckets - 1;
    const bucketStart = new Int32Array(numBuckets + 1);
    const cursor = new Int32Array(numBuckets);
    const bucketOf = new Int32Array(n);
    const byBucket = new Int32Array(n);
    for (let band = 0; band < this.numBands; band++) {
      bucketStart.fill(0);
      for (let i = 0; i < n; i++) {
        const b = this.bandKey(primaries[i], band) & mask;
        bucketOf[i] = b;
        bucketStart[b + 1]++;
      }
      for (let b = 0; b < numBuckets; b++) bucketStart[b + 1] += bucketStart[b];
      cursor.set(bucketStart.subarray(0, numBuckets));
      for (let i = 0; i < n; i++) byBucket[cursor[bucketOf[i]]++] = primaries[i];
      for (let b = 0; b < numBuckets; b++) {
        const end = bucketStart[b + 1];
        for (let i = bucketStart[b]; i < end - 1; i++) for (let j = i + 1; j < end; j++) {
          const a = byBucket[i];
          const c = byBucket[j];
          let same = true;
          for (let t = band * r; same && t < (band + 1) * r; t++) same = v[a * m + t] === v[c * m + t];
          if (same) consider(a, c);
        }
      }
    }
    // Each copy of a signature links as its first does, and to the others of its set when a
    // text is a copy of itself (not so for short texts: see DuplicateOptions.minShingles). The
    // links of a set of k identical texts are still k(k − 1)/2 (45 for a story sent ten times):
    // the groups are computed from links, and removal needs them.
    const withTwins = (d: number): readonly number[] => twins.sets.get(d) ?? [d];
    const expanded: [number, number][] = [];
    for (const [a, b] of linked) for (const x of withTwins(a)) for (const y of withTwins(b)) expanded.push([x, y]);
    for (const set of twins.sets.values()) {
      if (!this.isCopy(set[0], set[1])) continue;
      for (let i = 0; i < set.length; i++) for (let j = i + 1; j < set.length; j++) expanded.push([set[i], set[j]]);
    }
    const needed = this.numEntries + fresh.length * this.numBands;
    if (needed > 4 * this.head.length) {
      let size = this.head.length;
      while (needed > 4 * size) size *= 2;
      this.rehash(size, new Set(fresh));
    }
    for (const doc of fresh) this.insertBands(doc);
    for (const [a, b] of expanded) this.link(a, b);
    const done = new Set<number>();
    for (const [a] of expanded) if (!done.has(a)) for (const d of this.regroup(a)) done.add(d);
  }

  /**
   * The sets of two or more of `docs` with identical signatures (values and shingle count), each
   * in the order of `docs`, by its first; `isTwin` holds every member but the first.
   */
  private twinSets(docs: readonly number[]): { sets: Map<number, number[]>; isTwin: Set<number> } {
    const m = this.options.numHashes;
    const v = this.values.data;
    const size = this.numShingles.data;
    const byHash = new Map<number, number[]>();
    const sets = new Map<number, number[]>();
    const isTwin = new Set<number>();
    const same = (a: number, b: number): boolean => {
      if (size[a] !== size[b]) return false;
      for (let i = 0; i < m; i++) if (v[a * m + i] !== v[b * m + i]) return false;
      return true;
    };
    for (const d of docs) {
      let h = size[d];
      for (let i = d * m; i < (d + 1) * m; i++) h = combine32(h, v[i]);
      const firsts = byHash.get(h);
      const first = firsts?.find((f) => same(f, d));
      if (first === undefined) {
        if (firsts) firsts.push(d);
        else byHash.set(h, [d]);
        continue;
      }
      isTwin.add(d);
      const set = sets.get(first);
      if (set) set.push(d);
      else sets.set(first, [first, d]);
    }
    return { sets, isTwin };
  }

  /** Stores `doc`'s signature; false when it has none (a group of one, not in the band table). */
  private store(doc: number, signature: DuplicateSignature | undefined): boolean {
    if (!Number.isInteger(doc) || doc < 0) throw new RangeError(`document id ${doc} is not a non-negative integer`);
    this.ensureDoc(doc);
    if (this.numShingles.data[doc] > 0) throw new Error(`internal: document ${doc} added twice to duplicate groups`);
    if (!signature) return false;
    const m = this.options.numHashes;
    if (signature.values.length !== m) throw new RangeError(`signature has ${signature.values.length} values, expected ${m}`);
    this.values.data.set(signature.values, doc * m);
    this.numShingles.data[doc] = signature.numShingles;
    return true;
  }

  /** Records a verified link both ways. */
  private link(a: number, b: number): void {
    for (const [x, y] of [[a, b], [b, a]]) {
      const l = this.links.get(x);
      if (l) l.push(y);
      else this.links.set(x, [y]);
    }
  }

  /** Removes document `doc`; its group is recomputed from the remaining members' links. */
  remove(doc: number): void {
    if (doc < 0 || doc >= this.numDocs || this.numShingles.data[doc] === 0) return;
    this.removeBands(doc);
    this.numShingles.data[doc] = 0;
    this.values.data.fill(0, doc * this.options.numHashes, (doc + 1) * this.options.numHashes);
    const component = this.component(doc);
    for (const other of this.links.get(doc) ?? []) {
      const l = this.links.get(other) as number[];
      l.splice(l.indexOf(doc), 1);
      if (l.length === 0) this.links.delete(other);
    }
    this.links.delete(doc);
    this.members.delete(this.rep.data[doc]);
    this.rep.data[doc] = doc;
    const done = new Set<number>([doc]);
    for (const d of component) if (!done.has(d)) for (const x of this.regroup(d)) done.add(x);
  }

  /** The representative (smallest document id) of `doc`'s group; `doc` itself when alone. */
  groupOf(doc: number): number {
    return doc < this.numDocs ? this.rep.data[doc] : doc;
  }

  /** Every document of `doc`'s group, `doc` included, ascending. */
  groupMembers(doc: number): number[] {
    const list = this.members.get(this.groupOf(doc));
    return list ? [...list] : [doc];
  }

  /** The documents `doc` was found to be a copy of directly (its group may reach further). */
  linksOf(doc: number): readonly number[] {
    return this.links.get(doc) ?? [];
  }

  /** Every group of two or more documents, each ascending, by representative. */
  *groups(): IterableIterator<readonly number[]> {
    for (const list of this.members.values()) yield list;
  }

  /** The stored signature of `doc`, or undefined. */
  signatureOf(doc: number): DuplicateSignature | undefined {
    if (doc >= this.numDocs || this.numShingles.data[doc] === 0) return undefined;
    const m = this.options.numHashes;
    return { values: this.values.data.slice(doc * m, (doc + 1) * m), numShingles: this.numShingles.data[doc] };
  }

  /** The signatures and the verified links as plain arrays; groups are recomputed from them on import. */
  exportState(): DuplicateGroupsState {
    const pairs: [number, number][] = [];
    for (const [x, others] of this.links) for (const y of others) if (x < y) pairs.push([x, y]);
    pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    const links = new Int32Array(pairs.flat());
    return {
      options: { ...this.options },
      values: this.values.data.slice(0, this.numDocs * this.options.numHashes),
      numShingles: this.numShingles.data.slice(0, this.numDocs),
      links,
    };
  }

  /**
   * Rebuilds groups from exported state. With its links, only the band table is refilled and the
   * groups regrouped from the links (which depend on nothing else): no candidate is verified
   * again, which at 10× Reuters took seconds of an incremental update. Without (an older
   * snapshot), the links are found again from the signatures.
   */
  static fromState(state: DuplicateGroupsState): DuplicateGroups {
    const g = new DuplicateGroups(state.options);
    const m = g.options.numHashes;
    const n = state.numShingles.length;
    if (state.values.length !== n * m) throw new Error('internal: duplicate signatures and documents disagree');
    if (state.links) return g.restore(state.values, state.numShingles, state.links);
    const docs: number[] = [];
    const sigs: (DuplicateSignature | undefined)[] = [];
    for (let d = 0; d < n; d++) {
      const k = state.numShingles[d];
      docs.push(d);
      sigs.push(k > 0 ? { values: state.values.subarray(d * m, (d + 1) * m), numShingles: k } : undefined);
    }
    g.addMany(docs, sigs);
    return g;
  }

  /** Takes stored signatures and links as they are: the band table and groups follow from them. */
  private restore(values: Uint8Array, numShingles: Int32Array, links: Int32Array): DuplicateGroups {
    const n = numShingles.length;
    if (links.length % 2 !== 0) throw new Error('internal: duplicate links are not pairs');
    if (n > 0) this.ensureDoc(n - 1);
    this.values.data.set(values);
    this.numShingles.data.set(numShingles);
    let numSigned = 0;
    for (let d = 0; d < n; d++) if (numShingles[d] > 0) numSigned++;
    let size = this.head.length;
    while (numSigned * this.numBands > 4 * size) size *= 2;
    this.rehash(size, new Set());
    for (let i = 0; i < links.length; i += 2) {
      const a = links[i];
      const b = links[i + 1];
      if (!(a >= 0 && a < b && b < n && numShingles[a] > 0 && numShingles[b] > 0)) throw new Error('internal: a duplicate link names a document without a signature');
      this.link(a, b);
    }
    const done = new Set<number>();
    for (let i = 0; i < links.length; i += 2) if (!done.has(links[i])) for (const d of this.regroup(links[i])) done.add(d);
    return this;
  }

  private ensureDoc(doc: number): void {
    const n = this.numDocs;
    if (doc < n) return;
    this.rep.resize(doc + 1);
    for (let d = n; d <= doc; d++) this.rep.data[d] = d;
    this.numShingles.resize(doc + 1);
    this.values.resize((doc + 1) * this.options.numHashes);
    this.next.resize((doc + 1) * this.numBands);
  }

  private isCopy(a: number, b: number): boolean {
    const na = this.numShingles.data[a];
    const nb = this.numShingles.data[b];
    // Two short texts are never compared: templated notes (dividends, rates) differ in a figure.
    if (na < this.options.minShingles && nb < this.options.minShingles) return false;
    const m = this.options.numHashes;
    const v = this.values.data;
    let agree = 0;
    for (let i = 0, x = a * m, y = b * m; i < m; i++) if (v[x + i] === v[y + i]) agree++;
    const o = overlapFromAgreement(jaccardFromAgreement(agree, m), na, nb);
    return o.containment >= this.options.threshold && o.jaccard >= this.options.minJaccard;
  }

  /** Drops spare capacity after a bulk build. */
  trim(): void {
    this.values.trim();
    this.numShingles.trim();
    this.rep.trim();
    this.next.trim();
  }

  private bandKey(doc: number, band: number): number {
    const r = this.options.bandSize;
    const v = this.values.data;
    let h = band + 1;
    for (let i = band * r, base = doc * this.options.numHashes; i < (band + 1) * r; i++) h = combine32(h, v[base + i]);
    return h;
  }

  /** Documents sharing at least one band value with `doc`, each once. */
  private candidates(doc: number): number[] {
    const out = new Set<number>();
    const mask = this.head.length - 1;
    const nb = this.numBands;
    const r = this.options.bandSize;
    const m = this.options.numHashes;
    const v = this.values.data;
    for (let band = 0; band < nb; band++) {
      const mine = doc * m + band * r;
      for (let e = this.head[this.bandKey(doc, band) & mask]; e !== NONE; e = this.next.data[e]) {
        if (e % nb !== band) continue;
        const other = (e - band) / nb;
        // Comparing the band's values themselves is cheaper than rehashing them, and exact.
        const theirs = other * m + band * r;
        let same = other !== doc;
        for (let i = 0; same && i < r; i++) same = v[mine + i] === v[theirs + i];
        if (same) out.add(other);
      }
    }
    return [...out];
  }

  private insertBands(doc: number): void {
    // Chains of up to four entries per slot on average: a quarter of the memory of one per slot,
    // and walks still short beside the signature comparisons they lead to.
    if (this.numEntries + this.numBands > 4 * this.head.length) this.rehash(this.head.length * 2, new Set([doc]));
    const mask = this.head.length - 1;
    for (let band = 0; band < this.numBands; band++) {
      const e = doc * this.numBands + band;
      const slot = this.bandKey(doc, band) & mask;
      this.next.data[e] = this.head[slot];
      this.head[slot] = e;
    }
    this.numEntries += this.numBands;
  }

  private removeBands(doc: number): void {
    const mask = this.head.length - 1;
    const next = this.next.data;
    for (let band = 0; band < this.numBands; band++) {
      const e = doc * this.numBands + band;
      const slot = this.bandKey(doc, band) & mask;
      if (this.head[slot] === e) this.head[slot] = next[e];
      else {
        let p = this.head[slot];
        while (p !== NONE && next[p] !== e) p = next[p];
        if (p === NONE) throw new Error(`internal: band entry of document ${doc} missing`);
        next[p] = next[e];
      }
    }
    this.numEntries -= this.numBands;
  }

  /** Rebuilds the band table with `size` slots from every signature but those `pending` (not in it yet). */
  private rehash(size: number, pending: ReadonlySet<number>): void {
    this.head = new Int32Array(size).fill(NONE);
    this.numEntries = 0;
    for (let d = 0; d < this.numDocs; d++) if (!pending.has(d) && this.numShingles.data[d] > 0) this.insertBands(d);
  }

  /** The documents reachable from `start` over links, `start` included. */
  private component(start: number): number[] {
    const seen = new Set<number>([start]);
    const stack = [start];
    while (stack.length > 0) {
      const d = stack.pop() as number;
      for (const o of this.links.get(d) ?? []) if (!seen.has(o)) { seen.add(o); stack.push(o); }
    }
    return [...seen];
  }

  /**
   * Recomputes the groups of the link component containing `start`; returns the component.
   *
   * Groups are stars, not whole components (star clustering): taking the most linked text
   * first (then the longest, then the smallest id), each document joins the group of the first
   * leader it is linked to, or leads a new group. Every member is then itself a copy of its
   * leader — whole components chain templated stories (the Fed's daily "adds reserves" notes,
   * each a little different from the day before) into groups of hundreds, while the most linked
   * copy of a story is the one most of its copies were made from. The result depends only on
   * the links and the documents, not on the order of adds and removes.
   */
  private regroup(start: number): number[] {
    const comp = this.component(start);
    for (const d of comp) {
      const old = this.rep.data[d];
      this.members.delete(old);
    }
    const size = this.numShingles.data;
    const degree = (d: number): number => this.links.get(d)?.length ?? 0;
    const order = [...comp].sort((a, b) => degree(b) - degree(a) || size[b] - size[a] || a - b);
    const leaders: number[] = [];
    const groups = new Map<number, number[]>();
    for (const d of order) {
      const mine = this.links.get(d) ?? [];
      const leader = leaders.find((l) => mine.includes(l));
      if (leader === undefined) {
        leaders.push(d);
        groups.set(d, [d]);
      } else (groups.get(leader) as number[]).push(d);
    }
    for (const list of groups.values()) {
      list.sort((a, b) => a - b);
      for (const d of list) this.rep.data[d] = list[0];
      if (list.length > 1) this.members.set(list[0], list);
    }
    return comp;
  }
}
