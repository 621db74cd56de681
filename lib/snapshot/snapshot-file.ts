/**
 * Index snapshots: the built index (stored articles, term dictionary, postings and statistics)
 * in one binary file that loads without re-analysing any text.
 *
 * Layout (little-endian):
 *   0   8  magic "LEDESNAP"
 *   8   4  format version
 *   12  8  total file length (float64), so truncation is detected before anything is parsed
 *   20  4  header length H
 *   24  H  header JSON: options, scalars, and where each section lies (offsets and lengths as
 *          JSON numbers: exact to 2^53 bytes)
 *   …      sections: article ids (JSON string arrays, in parts), the articles (UTF-8 JSON each,
 *          in deflated blocks of about 64 KiB, the blocks in parts: see article-blocks.ts),
 *          terms (JSON string arrays, in parts) and facet values (JSON), typed arrays (8-byte
 *          aligned; term-frequency columns in the narrowest of u8/u16/i32 that holds them;
 *          positions and their character starts; the declared text fields' postings, laid out
 *          as the paragraphs' (`fieldText*`, format 9); the declared number and date columns as f64,
 *          `number.<field>`). The declared schema (lib/schema) is in the header's options,
 *          absent for the default schema.
 *   end 4  CRC-32 of everything before it (corruption is what a snapshot must detect, not
 *          tampering, and CRC-32 reads the file several times faster than SHA-256)
 *
 * Size: no part of the format caps the file. The articles and the string arrays are stored in
 * parts of at most {@link SNAPSHOT_PART_BYTES} (under Node's largest string, 512 MiB, and
 * largest buffer, 4 GiB), and a file is loaded section by section, each into an ArrayBuffer of
 * its own, so neither the file nor any one section has to fit one buffer. A typed array is one
 * section: it is as large as the array was in memory.
 *
 * Loading reads the file once and keeps views into the section buffers: the posting arrays and
 * the compressed articles are not copied, so no second copy of the file is held at any point.
 * A loaded index holds the file's sections plus what the index derives from them, as a built
 * index holds them too (each posting's offset into its positions, 4 bytes a posting; the
 * per-document arrays, copied into arrays that can grow), and its peak is that plus transient
 * parse garbage (docs/SCALING.md has the 100× figures, `bench/load-memory.ts` measures them).
 * Its work is the reads and one checksum pass (on a 2-core VM, reading and first touching
 * memory is what a load costs, so every byte and every avoided pass counts).
 * The flexsearch vocabulary indexes are not stored: they are derived from the term dictionary
 * and built lazily on first prefix/typo lookup, so storing them would only add bytes to load.
 *
 * This module turns an index's plain state ({@link EngineState}) into bytes and files and back;
 * the facade (lib/search/snapshot.ts) exports and imports that state from a SearchIndex.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { checkString } from '../check-argument.js';
import { SnapshotError } from '../errors.js';
import type { FacetStoreState } from '../facets/facet-store.js';
import type { EngineState } from '../index/engine-state.js';
import { packArticles, unpackArticles } from './article-blocks.js';
import { crc32Slices, readRange, writePieces } from './large-file-io.js';
import { removeStaleTempFiles } from './stale-temp-files.js';
import { writeAtomically } from './write-atomically.js';

/** Bumped whenever the layout or the meaning of any stored array changes. */
export const SNAPSHOT_FORMAT_VERSION = 9;
/**
 * Largest part of a sectioned value (the compressed articles, the ids and term lists), bytes:
 * 256 MiB, under Node's largest string (512 MiB of UTF-16 units) and largest buffer (4 GiB).
 */
export const SNAPSHOT_PART_BYTES = 256 * 1024 * 1024;
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
  /** JSON arrays of strings (or null), in parts, concatenated in order. */
  ids: Section[];
  /** The compressed article blocks, in parts (see article-blocks.ts). */
  articles: Section[];
  terms: Section[];
  display: Section[];
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
const NARROWED = new Set(['artTfBody', 'artTfTitle', 'paraTf', 'fieldTextTf']);

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

/** A typed view of `bytes`: in place when aligned, else a copy. */
function viewOf(bytes: Uint8Array, kind: ArrayKind): StoredArray {
  const length = bytes.length;
  const size = BYTES_PER[kind];
  if (length % size !== 0) throw new SnapshotError(`invalid snapshot: an array of ${length} bytes is not whole ${kind} values`);
  let buffer = bytes.buffer;
  let start = bytes.byteOffset;
  if (start % size !== 0) {
    // Only when the caller's buffer itself is misaligned (a file read gives an aligned one).
    const copy = new Uint8Array(length);
    copy.set(bytes);
    buffer = copy.buffer;
    start = 0;
  }
  const n = length / size;
  return kind === 'i32' ? new Int32Array(buffer, start, n)
    : kind === 'f64' ? new Float64Array(buffer, start, n)
    : kind === 'u16' ? new Uint16Array(buffer, start, n)
    : new Uint8Array(buffer, start, n);
}

/**
 * Serialises an index's state to snapshot bytes: one buffer, so at most 4 GiB on Node 20 (files
 * written by {@link writeSnapshotFile} from {@link engineStatePieces} have no such cap).
 */
export function engineStateToBytes(state: EngineState, options: SnapshotWriteOptions = {}): Buffer {
  return Buffer.concat(engineStatePieces(state, options));
}

/** `items` as JSON arrays of at most about `partBytes` UTF-8 bytes each (always at least one). */
function jsonParts(items: readonly (string | null)[], partBytes: number): Buffer[] {
  const parts: Buffer[] = [];
  let pending: string[] = [];
  let pendingBytes = 2;
  const close = (): void => {
    parts.push(Buffer.from(`[${pending.join(',')}]`));
    pending = [];
    pendingBytes = 2;
  };
  for (const item of items) {
    const json = JSON.stringify(item);
    const bytes = Buffer.byteLength(json) + 1;
    if (pending.length > 0 && pendingBytes + bytes > partBytes) close();
    pending.push(json);
    pendingBytes += bytes;
  }
  if (pending.length > 0 || parts.length === 0) close();
  return parts;
}

/**
 * The snapshot bytes of an index's state as the pieces they are made of (mostly views of the
 * index's own arrays), checksum included, so a large snapshot is written (by
 * {@link writeSnapshotFile}) without a second full copy in memory.
 */
export function engineStatePieces(state: EngineState, options: SnapshotWriteOptions = {}, partBytes = SNAPSHOT_PART_BYTES): Buffer[] {
  if (!(Number.isInteger(partBytes) && partBytes >= 1)) throw new RangeError(`partBytes must be a positive integer, got ${partBytes}`);
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
  const ids = jsonParts(state.ids, partBytes).map(push);
  const packed = packArticles(state.articles, partBytes);
  const articles = packed.parts.map((d) => push(Buffer.from(d.buffer, d.byteOffset, d.byteLength)));
  const terms = jsonParts(state.index.terms, partBytes).map(push);
  const display = jsonParts(state.index.display, partBytes).map(push);
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
  for (const piece of pieces) crc = crc32Slices(piece, crc);
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

/** Parses header JSON bytes, failing with SnapshotError when they are not a header. */
function parseHeader(bytes: Uint8Array): Header {
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as Header;
  } catch {
    return fail('unreadable header');
  }
  if (header === null || typeof header !== 'object') fail('unreadable header');
  return header;
}

/** Every section the header lists, in the order they lie in the file (a written one never overlaps). */
function sectionsOf(header: Header): Section[] {
  const lists = [header.ids, header.articles, header.terms, header.display];
  if (!lists.every((l) => Array.isArray(l) && l.length > 0)) fail('the header lacks a section table');
  if (header.arrays === null || typeof header.arrays !== 'object') fail('the header lacks an array table');
  const all = [...lists.flat(), header.facetValues, ...Object.values(header.arrays)];
  for (const s of all) {
    if (!(s && Number.isSafeInteger(s.offset) && Number.isSafeInteger(s.length) && s.offset >= 0 && s.length >= 0)) fail('a section has no valid offset and length');
  }
  return all.sort((x, y) => x.offset - y.offset);
}

/** The bytes of one section, as read or sliced by the caller (bounds already checked). */
type SectionBytes = (s: Section) => Uint8Array;

/** A JSON section's value. */
function jsonOf<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T;
}

/** The string arrays stored in parts, joined again. */
function joinedParts(sections: readonly Section[], section: SectionBytes): (string | null)[] {
  const out: (string | null)[] = [];
  for (const s of sections) {
    const part = jsonOf<(string | null)[]>(section(s));
    if (!Array.isArray(part)) throw new Error('a list part is not an array');
    for (const x of part) out.push(x);
  }
  return out;
}

/** Builds the state from a checked header and a source of section bytes. */
function stateOf(header: Header, section: SectionBytes): EngineStateWithMetadata {
  const arrays: EngineState['index']['arrays'] = {};
  const facetArrays: Record<string, Int32Array> = {};
  const numberArrays: Record<string, Float64Array> = {};
  for (const [name, s] of Object.entries(header.arrays)) {
    if (!(s.kind in BYTES_PER)) fail(`unknown array kind "${String(s.kind)}"`);
    const a = viewOf(section(s), s.kind);
    if (name.startsWith(FACET_PREFIX)) facetArrays[name.slice(FACET_PREFIX.length)] = a as Int32Array;
    else if (name.startsWith(NUMBER_PREFIX)) {
      if (!(a instanceof Float64Array)) fail(`column "${name}" is not f64`);
      numberArrays[name.slice(NUMBER_PREFIX.length)] = a;
    } else arrays[name] = a;
  }
  const { articleOffsets, articleBlockStarts, articleBlockOffsets, ...indexArrays } = arrays;
  try {
    const facetValues = jsonOf<{ values: string[][] }>(section(header.facetValues));
    const state: EngineState = {
      options: header.options,
      ids: joinedParts(header.ids, section),
      // The articles stay compressed, in place; a block is inflated when one of its articles is first read.
      articles: unpackArticles({
        parts: header.articles.map(section),
        docOffsets: articleOffsets as Float64Array,
        blockStarts: articleBlockStarts as Float64Array,
        blockOffsets: articleBlockOffsets as Float64Array,
      }),
      index: { terms: joinedParts(header.terms, section) as string[], display: joinedParts(header.display, section) as string[], arrays: indexArrays, scalars: header.scalars },
      facets: { arrays: facetArrays as FacetStoreState['arrays'], values: facetValues.values },
      numbers: numberArrays,
    };
    return { state, metadata: header.metadata };
  } catch (err) {
    return fail(`inconsistent contents (${(err as Error).message})`);
  }
}

/** Like {@link engineStateFromBytes}, with the metadata the snapshot was written with. */
export function engineStateWithMetadataFromBytes(bytes: Buffer): EngineStateWithMetadata {
  const headerLen = checkPrefix(bytes, bytes.length);
  const bodyLen = bytes.length - DIGEST;
  if (crc32Slices(bytes.subarray(0, bodyLen)) !== bytes.readUInt32LE(bodyLen)) fail('checksum mismatch (the file is corrupt)');
  const base = PREFIX + headerLen;
  const header = parseHeader(bytes.subarray(PREFIX, base));
  sectionsOf(header);
  return stateOf(header, (s) => {
    if (base + s.offset + s.length > bodyLen) fail('a section lies outside the file');
    return bytes.subarray(base + s.offset, base + s.offset + s.length);
  });
}

/** The prefix and header of an open snapshot file. */
interface FileHead {
  size: number;
  prefix: Buffer;
  headerBytes: Uint8Array;
  header: Header;
}

async function readHead(fh: FileHandle): Promise<FileHead> {
  const { size } = await fh.stat();
  const prefix = Buffer.alloc(PREFIX);
  await fh.read(prefix, 0, PREFIX, 0);
  const headerLen = checkPrefix(prefix, size);
  const headerBytes = await readRange(fh, PREFIX, headerLen);
  return { size, prefix, headerBytes, header: parseHeader(headerBytes) };
}

/**
 * Reads an index's state from an open snapshot file, section by section: each section into an
 * ArrayBuffer of its own (so no buffer holds the whole file, and the state keeps views into
 * them rather than copies), the checksum computed over every byte in file order on the way.
 */
async function readStateFromFile(fh: FileHandle): Promise<EngineStateWithMetadata> {
  const { size, prefix, headerBytes, header } = await readHead(fh);
  const base = PREFIX + headerBytes.length;
  const bodyLen = size - DIGEST;
  let crc = crc32Slices(headerBytes, crc32Slices(prefix));
  const read = new Map<Section, Uint8Array>();
  let at = base; // every byte before `at` is in the checksum
  const advanceTo = async (to: number): Promise<void> => {
    if (to > at) crc = crc32Slices(await readRange(fh, at, to - at), crc);
  };
  for (const s of sectionsOf(header)) {
    const start = base + s.offset;
    if (start < at) fail('sections overlap');
    if (start + s.length > bodyLen) fail('a section lies outside the file');
    await advanceTo(start);
    const bytes = await readRange(fh, start, s.length);
    crc = crc32Slices(bytes, crc);
    read.set(s, bytes);
    at = start + s.length;
  }
  await advanceTo(bodyLen);
  const digest = await readRange(fh, bodyLen, DIGEST);
  if (crc !== Buffer.from(digest.buffer).readUInt32LE(0)) fail('checksum mismatch (the file is corrupt)');
  return stateOf(header, (s) => read.get(s) ?? fail('a section was not read'));
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
  await writeAtomically(file, async (fh) => {
    numBytes = await writePieces(fh, pieces);
  });
  return { bytes: numBytes };
}

function unreadable(file: string, err: unknown): SnapshotError {
  return new SnapshotError(`cannot read snapshot "${file}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
}

/**
 * Reads an index's state from a snapshot file of any size, with the metadata it was saved with,
 * section by section (see {@link readStateFromFile}). Throws {@link SnapshotError} when the file
 * cannot be read or is not a valid snapshot. Temporary files that a killed writer left next to
 * it are removed on the way.
 */
export async function readSnapshotFile(file: string): Promise<EngineStateWithMetadata> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  let result: EngineStateWithMetadata;
  try {
    result = await readStateFromFile(fh);
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    if (err instanceof RangeError) fail(`truncated while being read (${err.message})`);
    throw unreadable(file, err);
  } finally {
    await fh.close();
  }
  await removeStaleTempFiles(file);
  return result;
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
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    return (await readHead(fh)).header.metadata;
  } finally {
    await fh.close();
  }
}
