/**
 * What a snapshot was built from: a manifest of the corpus files (relative path, size, mtime,
 * SHA-1 of the bytes, the article ids each gave), stored in the snapshot's metadata, so that
 * freshness is decided by content and an update re-reads only the files that changed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { listCorpus, type Article, type CorpusError } from '../lib/index.js';

/** One corpus file as the manifest records it. */
export interface ManifestFile {
  /** Path relative to the corpus folder, `/` separators. */
  path: string;
  size: number;
  mtimeMs: number;
  /** SHA-1 of the bytes, hex; `unreadable:<code>` when the file could not be read to hash it. */
  sha1: string;
  /** Ids of the articles of this file that are in the index. */
  ids: string[];
  /** Problems this file gave when it was read (skipped lines, articles or the whole file). */
  numErrors: number;
}

/** The manifest of the corpus an index was built from. */
export interface CorpusManifest {
  /** Bumped when the meaning of a field changes; an unknown version means a full rebuild. */
  version: 1;
  /** The corpus folder, absolute, so a snapshot of another folder is never taken for this one. */
  corpus: string;
  files: ManifestFile[];
  /**
   * True when the build met an article id given by two files (or twice in one): which one is
   * kept depends on the whole folder, so updates of such a corpus are full rebuilds.
   */
  duplicates: boolean;
  /** Articles removed (or replaced) since the index was last built whole: dead postings it carries. */
  numRemoved: number;
  /** Articles indexed (live). */
  numArticles: number;
  /** Fingerprint of the declared schema the index was built with (lib/schema); absent for the default schema. */
  schema?: string;
}

/** A corpus file as found now, before it is compared with a manifest. */
export type ScannedFile = Omit<ManifestFile, 'ids' | 'numErrors'>;

/** What changed in a corpus folder since its manifest. */
export interface CorpusChanges {
  /** Files that are new, or whose content changed. */
  changed: string[];
  /** Files of the manifest that are gone. */
  removed: string[];
  /** The folder now, in path order (hashes carried over where size and mtime did not change). */
  files: ScannedFile[];
}

/** Version of {@link CorpusManifest} this build writes and reads. */
export const MANIFEST_VERSION = 1;

/** The manifest in a snapshot's metadata, or undefined when it has none this build can use. */
export function manifestOf(metadata: unknown): CorpusManifest | undefined {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const m = (metadata as { manifest?: unknown }).manifest;
  if (!m || typeof m !== 'object') return undefined;
  const candidate = m as Partial<CorpusManifest>;
  const ok = candidate.version === MANIFEST_VERSION && typeof candidate.corpus === 'string' && Array.isArray(candidate.files) &&
    typeof candidate.duplicates === 'boolean' && typeof candidate.numRemoved === 'number' && typeof candidate.numArticles === 'number';
  return ok ? (candidate as CorpusManifest) : undefined;
}

/** SHA-1 of a file's bytes, read as a stream (no whole copy of a large file in memory). */
export async function hashFile(path: string): Promise<string> {
  try {
    const hash = createHash('sha1');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch (error) {
    return `unreadable:${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/**
 * The files of corpus folder `dir` with their size, mtime and hash. A file whose size and
 * mtime equal those in `previous` keeps its recorded hash without being read (as git's index
 * and rsync do), so a start with nothing changed reads no file; any other file is hashed.
 *
 * @throws SearchError `corpus_not_found` when `dir` is not a folder.
 */
export async function scanCorpus(dir: string, previous?: CorpusManifest): Promise<ScannedFile[]> {
  const known = new Map((previous?.files ?? []).map((f) => [f.path, f]));
  const { files } = await listCorpus(dir);
  const out: ScannedFile[] = [];
  for (const file of files) {
    const s = await stat(file.path).catch(() => undefined);
    if (!s) continue; // gone since the listing: as if it had not been there
    const before = known.get(file.relative);
    const same = before !== undefined && before.size === s.size && before.mtimeMs === s.mtimeMs;
    out.push({ path: file.relative, size: s.size, mtimeMs: s.mtimeMs, sha1: same ? before.sha1 : await hashFile(file.path) });
  }
  return out;
}

/**
 * The changes between `manifest` and the folder `dir` now, decided by content: a file touched
 * or copied back with a new mtime but the same bytes is unchanged; a file with new bytes is
 * changed whatever its mtime says.
 */
export async function corpusChanges(dir: string, manifest: CorpusManifest): Promise<CorpusChanges> {
  const files = await scanCorpus(dir, manifest);
  const before = new Map(manifest.files.map((f) => [f.path, f.sha1]));
  const now = new Set(files.map((f) => f.path));
  return {
    files,
    changed: files.filter((f) => before.get(f.path) !== f.sha1).map((f) => f.path),
    removed: manifest.files.filter((f) => !now.has(f.path)).map((f) => f.path),
  };
}

/** The corpus file an article or corpus problem came from (`origin` without `:line` / `[index]`). */
export function fileOf(origin: string): string {
  return origin.replace(/(?::\d+|\[\d+\])$/, '');
}

/**
 * The manifest entries of `files`, with the ids of `articles` that the index holds
 * (`isIndexed`) and the number of `errors`, grouped by the file they came from.
 */
export function manifestFiles(files: readonly ScannedFile[], articles: readonly Article[], errors: readonly CorpusError[], isIndexed: (id: string) => boolean): ManifestFile[] {
  const ids = new Map<string, string[]>();
  for (const a of articles) {
    if (!isIndexed(a.id)) continue;
    const file = fileOf(a.origin ?? a.id);
    let list = ids.get(file);
    if (!list) ids.set(file, (list = []));
    list.push(a.id);
  }
  const numErrors = new Map<string, number>();
  for (const e of errors) numErrors.set(fileOf(e.file), (numErrors.get(fileOf(e.file)) ?? 0) + 1);
  return files.map((f) => ({ ...f, ids: ids.get(f.path) ?? [], numErrors: numErrors.get(f.path) ?? 0 }));
}

/** The absolute form of a corpus folder, as manifests record it. */
export function corpusKey(dir: string): string {
  return resolve(dir);
}
