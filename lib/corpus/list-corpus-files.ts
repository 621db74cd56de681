/**
 * Finding the files of a corpus folder.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusError } from '../types.js';

/** One file found in a corpus folder. */
export interface CorpusFile {
  /** Path to open: the corpus folder joined with `relative`. */
  path: string;
  /** Path relative to the corpus folder, with `/` separators on every platform. */
  relative: string;
}

/** What {@link listCorpusFiles} returns. */
export interface CorpusFileListing {
  /** The accepted files, sorted by `relative` (by UTF-16 code units, not locale). */
  files: CorpusFile[];
  /** Sub-folders that could not be listed (`read_failed`). */
  errors: CorpusError[];
}

/** The name of a corpus folder's configuration file (its declared schema), never read as an article. */
export const CORPUS_CONFIG_FILE = 'ledesearch.config.json';

/**
 * True for names the corpus never reads: dot-files and dot-folders (`.git`, `.DS_Store`),
 * README files of any extension (`README.md`, `readme.txt`), which describe a corpus rather
 * than belong to it, and its configuration file ({@link CORPUS_CONFIG_FILE}).
 */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || /^readme(\.[^.]*)?$/i.test(name) || name === CORPUS_CONFIG_FILE;
}

/**
 * Lists a corpus folder recursively: regular files, and symbolic links to files, whose relative
 * path `accept` approves. Symbolic links to folders are not followed, so a link cycle cannot
 * make loading loop.
 *
 * @throws the error of listing `dir` itself; failures below it are returned in `errors`.
 */
export async function listCorpusFiles(
  dir: string,
  accept: (relative: string) => boolean,
): Promise<CorpusFileListing> {
  const files: CorpusFile[] = [];
  const errors: CorpusError[] = [];
  const walk = async (relativeDir: string): Promise<void> => {
    const absoluteDir = relativeDir === '' ? dir : join(dir, ...relativeDir.split('/'));
    let entries;
    try {
      entries = await readdir(absoluteDir, { withFileTypes: true });
    } catch (error) {
      if (relativeDir === '') throw error;
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
      errors.push({ file: relativeDir, code: 'read_failed', reason: `could not list the folder (${code})` });
      return;
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      const path = join(absoluteDir, entry.name);
      if (entry.isDirectory()) {
        await walk(relative);
      } else if (entry.isFile() || (entry.isSymbolicLink() && (await linkTarget(path)) !== 'other')) {
        if (accept(relative)) files.push({ path, relative });
      }
    }
  };
  await walk('');
  files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, errors };
}

/**
 * What a symbolic link points at. A dangling link with a corpus extension is listed, so that
 * reading it reports `read_failed` instead of the article silently going missing.
 */
async function linkTarget(path: string): Promise<'file' | 'dangling' | 'other'> {
  try {
    return (await stat(path)).isFile() ? 'file' : 'other';
  } catch {
    return 'dangling';
  }
}
