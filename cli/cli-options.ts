/**
 * Defaults, argument parsers and the usage error shared by the commands.
 */
import { InvalidArgumentError } from 'commander';

/** Default corpus folder, relative to the working directory. */
export const DEFAULT_CORPUS = 'corpus';
export { DEFAULT_SNAPSHOT_DIR, DEFAULT_SNAPSHOT_HELP, defaultSnapshotFor } from '../lifecycle/default-snapshot.js';
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
