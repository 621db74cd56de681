/**
 * Defaults, argument parsers and the usage error shared by the commands.
 */
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';

/** Default corpus folder, relative to the working directory. */
export const DEFAULT_CORPUS = 'corpus';
/** Folder of the default snapshots, relative to the working directory (git-ignored). */
export const DEFAULT_SNAPSHOT_DIR = '.ledesearch';
/** How the default snapshot path is described in `--help`. */
export const DEFAULT_SNAPSHOT_HELP = `${DEFAULT_SNAPSHOT_DIR}/<corpus folder name>-<hash of its full path>.snapshot`;

/**
 * The default snapshot of a corpus folder: one file per folder, named after it and a hash of its
 * absolute path (`.ledesearch/corpus-1b2c3d4e5f60.snapshot`), so that indexing or searching
 * another folder never replaces the snapshot of this one, while `corpus`, `./corpus/` and its
 * absolute path share one.
 */
export function defaultSnapshotFor(corpus: string): string {
  const full = resolve(corpus);
  // Only characters that are safe in a file name everywhere; the hash keeps names unique.
  const name = basename(full).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'corpus';
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 12);
  return join(DEFAULT_SNAPSHOT_DIR, `${name}-${hash}.snapshot`);
}
/** Default port of `serve`. */
export const DEFAULT_PORT = 3000;
/** Default host of `serve`: loopback only, so a dev server is not exposed by accident. */
export const DEFAULT_HOST = '127.0.0.1';

/** Exit codes: 0 success; 1 the work failed (nothing indexed, server error); 2 a usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was called (bad value, missing folder): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Commander argument parser for a non-negative integer. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number (0, 1, 2 …).');
  return Number(value);
}

/** Commander argument parser for a TCP port (0 = any free port). */
export function parsePort(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new InvalidArgumentError('must be a port number from 0 to 65535.');
  return n;
}

/** A size in MiB: a non-negative number (fractions allowed), at most 64 GiB. */
export function parseMegabytes(value: string): number {
  const n = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65536)) throw new InvalidArgumentError('must be a number of MiB from 0 to 65536.');
  return n;
}

/** Commander collector for a repeatable option: `--category A --category B` → `['A', 'B']`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A comma-separated list of CORS origins, or `*`. Empty: none. */
export function parseOrigins(value: string | undefined): string[] | '*' | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  const origins = trimmed.split(',').map((o) => o.trim()).filter((o) => o !== '');
  return origins.length > 0 ? origins : undefined;
}
