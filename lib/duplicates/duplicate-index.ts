/**
 * The duplicate groups of a search index: signatures computed as articles are added, persisted
 * as two arrays, and regrouped lazily after a snapshot load.
 */
import { DuplicateGroups } from './duplicate-groups.js';
import { resolveDuplicateOptions, type DuplicateOptions, type ResolvedDuplicateOptions } from './duplicate-options.js';
import { computeSignature, type DuplicateSignature } from './shingle-signature.js';

/** Names of the arrays the duplicate signatures are stored under in a snapshot. */
const VALUES = 'dup.values';
const NUM_SHINGLES = 'dup.numShingles';
const LINKS = 'dup.links';

/** The term ids of a document's body in reading order, as the inverted index collected them. */
export interface BodyTerms {
  readonly data: ArrayLike<number>;
  readonly length: number;
}

/**
 * Duplicate groups for an engine. The signatures and the verified links are stored; the band
 * table and the groups are rebuilt from them on first use after a load rather than stored, which
 * a load that serves plain searches should not pay up front. (A snapshot without links, written
 * before they were stored, has its links found again from the signatures: seconds at 10×
 * Reuters.)
 */
export class DuplicateIndex {
  /** The options in force. */
  readonly options: Readonly<ResolvedDuplicateOptions>;
  private built: DuplicateGroups;
  private pending: { values: Uint8Array; numShingles: Int32Array; links?: Int32Array } | undefined;
  private batch: { docs: number[]; signatures: (DuplicateSignature | undefined)[] } | undefined;

  /** Duplicate groups with these options, or undefined when they are turned off (`false`). */
  static create(options: DuplicateOptions | false | undefined): DuplicateIndex | undefined {
    return options === false ? undefined : new DuplicateIndex(options);
  }

  private constructor(options: DuplicateOptions = {}) {
    this.options = Object.freeze(resolveDuplicateOptions(options));
    this.built = new DuplicateGroups(this.options);
  }

  /** The groups, rebuilt first if a snapshot's signatures are waiting. */
  get groups(): DuplicateGroups {
    if (this.pending) {
      this.built = DuplicateGroups.fromState({ options: { ...this.options }, ...this.pending });
      this.pending = undefined;
    }
    return this.built;
  }

  /** Adds document `doc` from the term ids of its body (grouped at {@link endBatch} inside a batch). */
  add(doc: number, body: BodyTerms): void {
    const signature = computeSignature(body.data, body.length, this.options);
    if (this.batch) {
      this.batch.docs.push(doc);
      this.batch.signatures.push(signature);
    } else this.groups.add(doc, signature);
  }

  /** Starts a bulk add: signatures are kept and grouped together at {@link endBatch} (faster). */
  beginBatch(): void {
    this.batch ??= { docs: [], signatures: [] };
  }

  /** Groups every document added since {@link beginBatch}. */
  endBatch(): void {
    const b = this.batch;
    this.batch = undefined;
    if (b) this.groups.addMany(b.docs, b.signatures);
  }

  /** Drops spare capacity after a bulk build. */
  trim(): void {
    this.groups.trim();
  }

  /** Removes document `doc`. */
  remove(doc: number): void {
    this.groups.remove(doc);
  }

  /** The other documents of `doc`'s group, ascending ([] when alone). */
  othersOf(doc: number): number[] {
    return this.groups.groupMembers(doc).filter((d) => d !== doc);
  }

  /** The signatures and links as named arrays, to store beside the index's own. */
  exportArrays(): Record<string, Uint8Array | Int32Array> {
    const s = this.pending ?? this.built.exportState();
    return s.links ? { [VALUES]: s.values, [NUM_SHINGLES]: s.numShingles, [LINKS]: s.links } : { [VALUES]: s.values, [NUM_SHINGLES]: s.numShingles };
  }

  /** Takes the arrays stored by {@link exportArrays}; groups are rebuilt on first use. */
  importArrays(arrays: Record<string, unknown>): void {
    const values = arrays[VALUES];
    const numShingles = arrays[NUM_SHINGLES];
    const links = arrays[LINKS];
    if (values === undefined && numShingles === undefined) return;
    if (!(values instanceof Uint8Array) || !(numShingles instanceof Int32Array) || !(links === undefined || links instanceof Int32Array)) {
      throw new Error('internal: snapshot duplicate signatures of the wrong type');
    }
    this.pending = links ? { values, numShingles, links } : { values, numShingles };
  }
}
