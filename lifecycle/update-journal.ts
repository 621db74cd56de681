/**
 * The update journal: what incremental updates changed since a snapshot was last written whole,
 * kept in a small file beside it (`<snapshot>.journal`), so that adding a day's articles to a
 * large archive writes those articles and not the whole index again. It is the write-ahead
 * log of Lucene's and SQLite's designs reduced to what a corpus folder needs: the net change
 * (ids gone from the snapshot's articles, articles added since) and the manifest of the folder
 * now. Loading applies it to the snapshot with the same bulk path an in-memory update takes,
 * so the index is the one an update in memory would have given; when the journal grows past a
 * share of the snapshot's articles, the next update writes the snapshot whole again
 * (compaction, as Lucene merges segments) and the journal goes.
 *
 * File layout (UTF-8 lines): a header line (format, version, the stamp of the snapshot it
 * applies to, the manifest, the removed ids), one line per added article (JSON), and a last
 * line with the CRC-32 of every byte before it. Written whole to a temporary file and renamed
 * over the old one, as snapshots are, so a crash leaves the old journal or the new one. A
 * journal whose stamp is not its snapshot's (the snapshot was rewritten since) is stale: it is
 * ignored and removed, and nothing is lost, since the snapshot's own manifest then makes the
 * next update read those files again.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { writeAtomically, type Article } from '../lib/index.js';
import { manifestOf, type CorpusManifest } from './corpus-manifest.js';

/** Bumped when the meaning of the file changes; another version is treated as stale. */
export const JOURNAL_VERSION = 1;
const FORMAT = 'ledesearch-journal';

/**
 * Default share of the snapshot's articles that the journal may hold (added plus removed)
 * before an update writes the snapshot whole instead: every load replays the journal, so it
 * is kept to a tenth of what the snapshot holds.
 */
export const DEFAULT_JOURNAL_RATIO = 0.1;

/** Which snapshot file a journal applies to: its size and its stored checksum. */
export interface SnapshotStamp {
  size: number;
  /** The snapshot's own CRC-32 (its last 4 bytes), hex. */
  crc: string;
}

/** The net change since the snapshot was written whole. */
export interface UpdateJournal {
  stamp: SnapshotStamp;
  /** The corpus manifest after the changes (the snapshot's own manifest is older). */
  manifest: CorpusManifest;
  /** Ids of the snapshot's articles that are gone (removed, or replaced by an edited copy). */
  removed: string[];
  /** Articles added since, in the order they are to be indexed. */
  articles: Article[];
}

/** Where the journal of `snapshot` lives. */
export function journalPath(snapshot: string): string {
  return `${snapshot}.journal`;
}

/** The stamp of a snapshot file (its size and last 4 bytes), or undefined when it cannot be read. */
export async function snapshotStamp(snapshot: string): Promise<SnapshotStamp | undefined> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(snapshot, 'r');
    const { size } = await fh.stat();
    if (size < 4) return undefined;
    const tail = Buffer.alloc(4);
    await fh.read(tail, 0, 4, size - 4);
    return { size, crc: tail.toString('hex') };
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}

function sameStamp(a: SnapshotStamp, b: SnapshotStamp): boolean {
  return a.size === b.size && a.crc === b.crc;
}

/** Why a journal file is not used. */
export class StaleJournal extends Error {}

/**
 * The journal of `snapshot` when there is one that applies to it; undefined when there is
 * none. Throws {@link StaleJournal} (saying why) when the file is corrupt, truncated, of
 * another version or of an earlier snapshot: the caller ignores it and removes it.
 */
export async function readJournal(snapshot: string): Promise<UpdateJournal | undefined> {
  const file = journalPath(snapshot);
  let bytes: Buffer;
  try {
    const fh = await open(file, 'r');
    try {
      bytes = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StaleJournal(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0a ? bytes.length - 1 : bytes.length;
  const lastBreak = bytes.lastIndexOf(0x0a, end - 1);
  if (lastBreak < 0) throw new StaleJournal(`${file} is truncated`);
  let trailer: { crc32?: unknown; articles?: unknown };
  try {
    trailer = JSON.parse(bytes.toString('utf8', lastBreak + 1, end)) as typeof trailer;
  } catch {
    throw new StaleJournal(`${file} is truncated`);
  }
  if (trailer.crc32 !== crc32(bytes.subarray(0, lastBreak + 1))) throw new StaleJournal(`${file} is corrupt (checksum mismatch)`);
  // Line by line: no single string holds a large journal.
  const lines: string[] = [];
  for (let at = 0; at <= lastBreak; ) {
    const eol = bytes.indexOf(0x0a, at);
    lines.push(bytes.toString('utf8', at, eol));
    at = eol + 1;
  }
  let header: { format?: unknown; version?: unknown; stamp?: SnapshotStamp; manifest?: unknown; removed?: unknown };
  let articles: Article[];
  try {
    header = JSON.parse(lines[0]) as typeof header;
    articles = lines.slice(1).map((line) => JSON.parse(line) as Article);
  } catch {
    throw new StaleJournal(`${file} is corrupt (unreadable JSON)`);
  }
  if (header.format !== FORMAT || header.version !== JOURNAL_VERSION) throw new StaleJournal(`${file} is not a journal of version ${JOURNAL_VERSION}`);
  const manifest = manifestOf({ manifest: header.manifest });
  if (!manifest || !header.stamp || !Array.isArray(header.removed) || trailer.articles !== articles.length) throw new StaleJournal(`${file} is incomplete`);
  const stamp = await snapshotStamp(snapshot);
  if (!stamp || !sameStamp(stamp, header.stamp)) throw new StaleJournal(`${file} belongs to an earlier snapshot`);
  return { stamp: header.stamp, manifest, removed: header.removed as string[], articles };
}

/** Writes the journal atomically (temporary file, flushed, renamed over the old one). */
export async function writeJournal(snapshot: string, journal: UpdateJournal): Promise<{ bytes: number }> {
  const { stamp, manifest, removed, articles } = journal;
  const pieces: Buffer[] = [Buffer.from(`${JSON.stringify({ format: FORMAT, version: JOURNAL_VERSION, stamp, manifest, removed })}\n`)];
  // Articles in chunks of lines: no single string holds a large journal.
  const CHUNK = 1000;
  for (let i = 0; i < articles.length; i += CHUNK) {
    pieces.push(Buffer.from(articles.slice(i, i + CHUNK).map((a) => `${JSON.stringify(a)}\n`).join('')));
  }
  let crc = 0;
  for (const p of pieces) crc = crc32(p, crc);
  pieces.push(Buffer.from(`${JSON.stringify({ crc32: crc, articles: articles.length })}\n`));
  await writeAtomically(journalPath(snapshot), async (fh) => {
    for (const p of pieces) await fh.writeFile(p);
  });
  return { bytes: pieces.reduce((n, p) => n + p.length, 0) };
}

/** Removes the journal of `snapshot` (after the snapshot was written whole, or when it is stale). */
export async function removeJournal(snapshot: string): Promise<void> {
  await rm(journalPath(snapshot), { force: true });
}
