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
 *   …      sections: articles JSON, terms JSON, typed arrays (8-byte aligned)
 *   end 32 SHA-256 of everything before it
 * The flexsearch vocabulary indexes are not stored: they are derived from the term dictionary
 * and built lazily on first prefix/typo lookup, so storing them would only add bytes to load.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { SnapshotError } from '../errors.js';
import { exportEngineState, importEngineState, type EngineState, type SearchIndex } from '../search/search-index.js';

/** Bumped whenever the layout or the meaning of any stored array changes. */
export const SNAPSHOT_FORMAT_VERSION = 1;
const MAGIC = 'LEDESNAP';
const PREFIX = 24;
const DIGEST = 32;

type ArrayKind = 'i32' | 'f64' | 'u8';
interface Section {
  offset: number;
  length: number;
}
interface Header {
  options: EngineState['options'];
  scalars: EngineState['index']['scalars'];
  docs: Section;
  terms: Section;
  display: Section;
  arrays: Record<string, Section & { kind: ArrayKind }>;
}

function kindOf(a: Int32Array | Float64Array | Uint8Array): ArrayKind {
  return a instanceof Int32Array ? 'i32' : a instanceof Float64Array ? 'f64' : 'u8';
}

/** Serialises an index to snapshot bytes. */
export function snapshotToBytes(index: SearchIndex): Buffer {
  const state = exportEngineState(index);
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
  const docs = push(Buffer.from(JSON.stringify(state.docs)));
  const terms = push(Buffer.from(JSON.stringify(state.index.terms)));
  const display = push(Buffer.from(JSON.stringify(state.index.display)));
  const arrays: Header['arrays'] = {};
  for (const [name, a] of Object.entries(state.index.arrays)) {
    arrays[name] = { ...push(Buffer.from(a.buffer, a.byteOffset, a.byteLength)), kind: kindOf(a) };
  }
  const header: Header = { options: state.options, scalars: state.index.scalars, docs, terms, display, arrays };
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
  const body = Buffer.concat([prefix, headerBuf, ...parts]);
  const digest = createHash('sha256').update(body).digest();
  return Buffer.concat([body, digest]);
}

/** Rebuilds an index from snapshot bytes. Throws {@link SnapshotError} when they are not a valid snapshot. */
export function snapshotFromBytes(bytes: Buffer): SearchIndex {
  const fail = (why: string, details: Record<string, unknown> = {}): never => {
    throw new SnapshotError(`invalid snapshot: ${why}`, details);
  };
  if (bytes.length < PREFIX + DIGEST) fail(`file is ${bytes.length} bytes, too short to be a snapshot`);
  if (bytes.toString('latin1', 0, 8) !== MAGIC) fail('not a ledesearch snapshot (bad magic)');
  const version = bytes.readUInt32LE(8);
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    fail(`format version ${version}, this build reads version ${SNAPSHOT_FORMAT_VERSION}`, { version });
  }
  const total = bytes.readDoubleLE(12);
  if (total !== bytes.length) fail(`truncated or padded: header says ${total} bytes, file has ${bytes.length}`);
  const bodyLen = bytes.length - DIGEST;
  const digest = createHash('sha256').update(bytes.subarray(0, bodyLen)).digest();
  if (!digest.equals(bytes.subarray(bodyLen))) fail('checksum mismatch (the file is corrupt)');
  const headerLen = bytes.readUInt32LE(20);
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
  for (const [name, s] of Object.entries(header.arrays)) {
    // Copy into a fresh buffer: the file buffer's byteOffset need not be aligned for the view.
    const raw = new Uint8Array(s.length);
    raw.set(slice(s));
    arrays[name] =
      s.kind === 'i32' ? new Int32Array(raw.buffer) : s.kind === 'f64' ? new Float64Array(raw.buffer) : new Uint8Array(raw.buffer);
  }
  try {
    return importEngineState({
      options: header.options,
      docs: json<EngineState['docs']>(header.docs),
      index: { terms: json<string[]>(header.terms), display: json<string[]>(header.display), arrays, scalars: header.scalars },
    });
  } catch (err) {
    return fail(`inconsistent contents (${(err as Error).message})`);
  }
}

/**
 * Writes a snapshot of `index` to `file` atomically: to a temporary file in the same folder,
 * flushed to disk, then renamed over the target, so a crash mid-write never leaves a broken
 * snapshot behind. Creates the folder if needed.
 */
export async function saveSnapshot(index: SearchIndex, file: string): Promise<{ bytes: number }> {
  const bytes = snapshotToBytes(index);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { bytes: bytes.length };
}

/** Loads a snapshot written by {@link saveSnapshot}. Throws {@link SnapshotError} if missing or invalid. */
export async function loadSnapshot(file: string): Promise<SearchIndex> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new SnapshotError(`cannot read snapshot "${file}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
  }
  return snapshotFromBytes(bytes);
}
