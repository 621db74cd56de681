/**
 * Index snapshots: the built index (stored articles, term dictionary, postings and statistics)
 * in one binary file that loads without re-analysing any text.
 *
 * Layout (little-endian):
 *   0   8  magic "LEDESNAP"
 *   8   4  format version
 *   12  8  total file length (float64), so truncation is detected before anything is parsed
 *   20  4  header length H
 *   24  H  header JSON: options, scalars, and where each section lies
 *   …      sections: article ids (JSON), the articles (UTF-8 JSON each, in deflated blocks of
 *          about 64 KiB: see article-blocks.ts), terms and facet values (JSON), typed arrays
 *          (8-byte aligned; term-frequency columns in the narrowest of u8/u16/i32 that holds them;
 *          the declared number and date columns as f64, `number.<field>`). The declared schema
 *          (lib/schema) is in the header's options, absent for the default schema.
 *   end 4  CRC-32 of everything before it (corruption is what a snapshot must detect, not
 *          tampering, and CRC-32 reads the file several times faster than SHA-256)
 * Loading reads the file once and keeps views into it: the posting arrays and the compressed
 * articles are not copied, so the bytes of a load are the file read and one checksum pass over
 * it (on a 2-core VM, reading and first touching memory is what a load costs, so every byte and
 * every avoided pass counts).
 * The flexsearch vocabulary indexes are not stored: they are derived from the term dictionary
 * and built lazily on first prefix/typo lookup, so storing them would only add bytes to load.
 *
 * This module turns an index's plain state ({@link EngineState}) into bytes and files and back;
 * the facade (lib/search/snapshot.ts) exports and imports that state from a SearchIndex.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { checkString } from '../check-argument.js';
import { SnapshotError } from '../errors.js';
import type { FacetStoreState } from '../facets/facet-store.js';
import type { EngineState } from '../index/engine-state.js';
import { packArticles, unpackArticles } from './article-blocks.js';
import { readWhole, writePieces } from './large-file-io.js';
import { removeStaleTempFiles } from './stale-temp-files.js';

/** Bumped whenever the layout or the meaning of any stored array changes. */
export const SNAPSHOT_FORMAT_VERSION = 7;
const MAGIC = 'LEDESNAP';
const PREFIX = 24;
const DIGEST = 4;

type ArrayKind = 'i32' | 'f64' | 'u8' | 'u16';
type StoredArray = Int32Array | Float64Array | Uint8Array | Uint16Array;
interface Section {
  offset: number;
  length: number;
}
interface Header {
  options: EngineState['options'];
  scalars: EngineState['index']['scalars'];
  ids: Section;
  articles: Section;
  terms: Section;
  display: Section;
  facetValues: Section;
  arrays: Record<string, Section & { kind: ArrayKind }>;
  /** The caller's own JSON value, stored as given (see {@link SnapshotWriteOptions.metadata}). */
  metadata?: unknown;
}

/** Options of `saveSnapshot` and `snapshotToBytes` (and of {@link engineStatePieces}). */
export interface SnapshotWriteOptions {
  /**
   * Any JSON value the caller wants kept with the index and given back by
   * {@link readSnapshotMetadata} and `loadSnapshotWithMetadata`, e.g. what the index was
   * built from. Stored in the header, so reading it costs a few bytes, not a load. Default none.
   */
  metadata?: unknown;
}

/** An index's state read from snapshot bytes, with the metadata it was saved with. */
export interface EngineStateWithMetadata {
  state: EngineState;
  /** The `metadata` the snapshot was written with; undefined when none was. */
  metadata: unknown;
}

/** Typed arrays of the facet store carry this prefix in the header's array table. */
const FACET_PREFIX = 'facet.';
/** Columns of the declared number and date fields carry this prefix. */
const NUMBER_PREFIX = 'number.';

/** Term-frequency columns: small counts, so stored (and then used) in the narrowest type. */
const NARROWED = new Set(['artTfBody', 'artTfTitle', 'paraTf']);

function kindOf(a: StoredArray): ArrayKind {
  return a instanceof Int32Array ? 'i32' : a instanceof Float64Array ? 'f64' : a instanceof Uint16Array ? 'u16' : 'u8';
}

/** The column in the narrowest unsigned type that holds every value (itself when none does). */
function narrow(a: StoredArray): StoredArray {
  if (!(a instanceof Int32Array)) return a;
  let min = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > max) max = a[i];
    else if (a[i] < min) min = a[i];
  }
  if (min < 0 || max > 0xffff) return a;
  return max <= 0xff ? Uint8Array.from(a) : Uint16Array.from(a);
}

const BYTES_PER: Record<ArrayKind, number> = { i32: 4, f64: 8, u8: 1, u16: 2 };

/** A typed view of `length` bytes at `offset` of `bytes`: in place when aligned, else a copy. */
function viewOf(bytes: Buffer, offset: number, length: number, kind: ArrayKind): StoredArray {
  const size = BYTES_PER[kind];
  if (length % size !== 0) throw new SnapshotError(`invalid snapshot: an array of ${length} bytes is not whole ${kind} values`);
  let buffer = bytes.buffer;
  let start = bytes.byteOffset + offset;
  if (start % size !== 0) {
    // Only when the caller's buffer itself is misaligned (a file read gives an aligned one).
    const copy = new Uint8Array(length);
    copy.set(bytes.subarray(offset, offset + length));
    buffer = copy.buffer;
    start = 0;
  }
  const n = length / size;
  return kind === 'i32' ? new Int32Array(buffer, start, n)
    : kind === 'f64' ? new Float64Array(buffer, start, n)
    : kind === 'u16' ? new Uint16Array(buffer, start, n)
    : new Uint8Array(buffer, start, n);
}

/** Serialises an index's state to snapshot bytes. */
export function engineStateToBytes(state: EngineState, options: SnapshotWriteOptions = {}): Buffer {
  return Buffer.concat(engineStatePieces(state, options));
}

/**
 * The snapshot bytes of an index's state as the pieces they are made of (mostly views of the
 * index's own arrays), checksum included, so a large snapshot is written (by
 * {@link writeSnapshotFile}) without a second full copy in memory.
 */
export function engineStatePieces(state: EngineState, options: SnapshotWriteOptions = {}): Buffer[] {
  const parts: Buffer[] = [];
  let offset = 0; // relative to the start of the sections
  const push = (buf: Buffer): Section => {
    const pad = (8 - (offset % 8)) % 8;
    if (pad) {
      parts.push(Buffer.alloc(pad));
      offset += pad;
    }
    parts.push(buf);
    const s = { offset, length: buf.length };
    offset += buf.length;
    return s;
  };
  const ids = push(Buffer.from(JSON.stringify(state.ids)));
  const packed = packArticles(state.articles);
  const articles = push(Buffer.from(packed.data.buffer, packed.data.byteOffset, packed.data.byteLength));
  const terms = push(Buffer.from(JSON.stringify(state.index.terms)));
  const display = push(Buffer.from(JSON.stringify(state.index.display)));
  const facetValues = push(Buffer.from(JSON.stringify({ values: state.facets.values })));
  const arrays: Header['arrays'] = {};
  const addArray = (name: string, a: StoredArray): void => {
    arrays[name] = { ...push(Buffer.from(a.buffer, a.byteOffset, a.byteLength)), kind: kindOf(a) };
  };
  for (const [name, a] of Object.entries(state.index.arrays)) addArray(name, NARROWED.has(name) ? narrow(a) : a);
  for (const [name, a] of Object.entries(state.facets.arrays)) addArray(FACET_PREFIX + name, a);
  for (const [name, a] of Object.entries(state.numbers ?? {})) addArray(NUMBER_PREFIX + name, a);
  addArray('articleOffsets', packed.docOffsets);
  addArray('articleBlockStarts', packed.blockStarts);
  addArray('articleBlockOffsets', packed.blockOffsets);
  const header: Header = { options: state.options, scalars: state.index.scalars, ids, articles, terms, display, facetValues, arrays, metadata: options.metadata };
  let headerBuf = Buffer.from(JSON.stringify(header));
  // Pad the header so sections start 8-byte aligned in the file too.
  const headerPad = (8 - ((PREFIX + headerBuf.length) % 8)) % 8;
  headerBuf = Buffer.concat([headerBuf, Buffer.alloc(headerPad, 0x20)]);
  const total = PREFIX + headerBuf.length + offset + DIGEST;
  const prefix = Buffer.alloc(PREFIX);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(SNAPSHOT_FORMAT_VERSION, 8);
  prefix.writeDoubleLE(total, 12);
  prefix.writeUInt32LE(headerBuf.length, 20);
  const pieces = [prefix, headerBuf, ...parts];
  let crc = 0;
  for (const piece of pieces) crc = crc32(piece, crc);
  const digest = Buffer.alloc(DIGEST);
  digest.writeUInt32LE(crc, 0);
  return [...pieces, digest];
}

/**
 * Reads an index's state from snapshot bytes. Throws {@link SnapshotError} when they are not a
 * valid snapshot. The state holds views into `bytes` instead of copies: do not modify them afterwards.
 */
export function engineStateFromBytes(bytes: Buffer): EngineState {
  return engineStateWithMetadataFromBytes(bytes).state;
}

function fail(why: string, details: Record<string, unknown> = {}): never {
  throw new SnapshotError(`invalid snapshot: ${why}`, details);
}

/** Checks the fixed prefix of a snapshot of `size` bytes and gives its header length. */
function checkPrefix(prefix: Buffer, size: number): number {
  if (size < PREFIX + DIGEST) fail(`file is ${size} bytes, too short to be a snapshot`);
  if (prefix.toString('latin1', 0, 8) !== MAGIC) fail('not a ledesearch snapshot (bad magic)');
  const version = prefix.readUInt32LE(8);
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    fail(`format version ${version}, this build reads version ${SNAPSHOT_FORMAT_VERSION}`, { version });
  }
  const total = prefix.readDoubleLE(12);
  if (total !== size) fail(`truncated or padded: header says ${total} bytes, file has ${size}`);
  const headerLen = prefix.readUInt32LE(20);
  if (PREFIX + headerLen > size - DIGEST) fail('the header lies outside the file');
  return headerLen;
}

/** Like {@link engineStateFromBytes}, with the metadata the snapshot was written with. */
export function engineStateWithMetadataFromBytes(bytes: Buffer): EngineStateWithMetadata {
  const headerLen = checkPrefix(bytes, bytes.length);
  const bodyLen = bytes.length - DIGEST;
  if (crc32(bytes.subarray(0, bodyLen)) !== bytes.readUInt32LE(bodyLen)) fail('checksum mismatch (the file is corrupt)');
  const base = PREFIX + headerLen;
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX, base)) as Header;
  } catch {
    return fail('unreadable header');
  }
  const slice = (s: Section): Buffer => {
    if (base + s.offset + s.length > bodyLen) fail('a section lies outside the file');
    return bytes.subarray(base + s.offset, base + s.offset + s.length);
  };
  const json = <T>(s: Section): T => JSON.parse(slice(s).toString('utf8')) as T;
  const arrays: EngineState['index']['arrays'] = {};
  const facetArrays: Record<string, Int32Array> = {};
  const numberArrays: Record<string, Float64Array> = {};
  for (const [name, s] of Object.entries(header.arrays)) {
    if (!(s.kind in BYTES_PER)) fail(`unknown array kind "${String(s.kind)}"`);
    slice(s); // bounds check
    const a = viewOf(bytes, base + s.offset, s.length, s.kind);
    if (name.startsWith(FACET_PREFIX)) facetArrays[name.slice(FACET_PREFIX.length)] = a as Int32Array;
    else if (name.startsWith(NUMBER_PREFIX)) {
      if (!(a instanceof Float64Array)) fail(`column "${name}" is not f64`);
      numberArrays[name.slice(NUMBER_PREFIX.length)] = a;
    } else arrays[name] = a;
  }
  const { articleOffsets, articleBlockStarts, articleBlockOffsets, ...indexArrays } = arrays;
  try {
    const facetValues = json<{ values: string[][] }>(header.facetValues);
    const state: EngineState = {
      options: header.options,
      ids: json<(string | null)[]>(header.ids),
      // The articles stay compressed, in place; a block is inflated when one of its articles is first read.
      articles: unpackArticles({
        data: slice(header.articles),
        docOffsets: articleOffsets as Int32Array,
        blockStarts: articleBlockStarts as Int32Array,
        blockOffsets: articleBlockOffsets as Int32Array,
      }),
      index: { terms: json<string[]>(header.terms), display: json<string[]>(header.display), arrays: indexArrays, scalars: header.scalars },
      facets: { arrays: facetArrays as FacetStoreState['arrays'], values: facetValues.values },
      numbers: numberArrays,
    };
    return { state, metadata: header.metadata };
  } catch (err) {
    return fail(`inconsistent contents (${(err as Error).message})`);
  }
}

/**
 * Writes snapshot bytes (whole, or as the pieces of {@link engineStatePieces}) to `file`
 * atomically: to a temporary file in the same folder, flushed to disk, then renamed over the
 * target, so a crash mid-write never leaves a broken snapshot behind. Creates the folder if
 * needed, and removes temporary files that a killed writer left next to it.
 */
export async function writeSnapshotFile(file: string, bytes: Buffer | readonly Buffer[]): Promise<{ bytes: number }> {
  const pieces = Buffer.isBuffer(bytes) ? [bytes] : [...bytes];
  let numBytes = 0;
  await mkdir(path.dirname(file), { recursive: true });
  await removeStaleTempFiles(file);
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fh = await open(tmp, 'w');
    try {
      numBytes = await writePieces(fh, pieces);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { bytes: numBytes };
}

function unreadable(file: string, err: unknown): SnapshotError {
  return new SnapshotError(`cannot read snapshot "${file}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
}

/**
 * Reads a snapshot file's bytes (in slices, so files over 2 GiB read too). Throws
 * {@link SnapshotError} when it cannot be read. Temporary files that a killed writer left next
 * to it are removed on the way.
 */
export async function readSnapshotFile(file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const fh = await open(file, 'r');
    try {
      bytes = await readWhole(fh);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw unreadable(file, err);
  }
  await removeStaleTempFiles(file);
  return bytes;
}

/**
 * The metadata a snapshot was saved with (undefined when none), reading only its header: a
 * cheap look before deciding whether to load it. The checksum is not verified (that needs
 * the whole file; a load does it).
 *
 * @throws SnapshotError when the file is missing or its prefix or header is not a snapshot's.
 */
export async function readSnapshotMetadata(file: string): Promise<unknown> {
  checkString('file', file);
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    const { size } = await fh.stat();
    const prefix = Buffer.alloc(PREFIX);
    await fh.read(prefix, 0, PREFIX, 0);
    const headerLen = checkPrefix(prefix, size);
    const headerBytes = Buffer.alloc(headerLen);
    await fh.read(headerBytes, 0, headerLen, PREFIX);
    let header: Header;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Header;
    } catch {
      return fail('unreadable header');
    }
    if (header === null || typeof header !== 'object') fail('unreadable header');
    return header.metadata;
  } finally {
    await fh.close();
  }
}
