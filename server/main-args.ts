/**
 * The flags and environment of the server's own entry point (`server/main.ts`), read without
 * the command line's machinery: the same names, defaults and limits as `ledesearch serve`.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SNAPSHOT_HELP, defaultSnapshotFor } from '../lifecycle/default-snapshot.js';
import type { WorkerOptions } from './workers.js';

/** A flag or environment value the server cannot start with; main prints it and exits 2. */
export class ServerArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerArgsError';
  }
}

/** Default corpus folder, relative to the working directory (as `ledesearch serve`). */
export const DEFAULT_SERVER_CORPUS = 'corpus';
/** Default port. */
export const DEFAULT_SERVER_PORT = 3000;
/** Default host: loopback only, so a dev server is not exposed by accident. */
export const DEFAULT_SERVER_HOST = '127.0.0.1';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** The help text of `node dist/server/main.js --help`. */
export const SERVER_USAGE = `Usage: node dist/server/main.js [options]

Serve the search API (and the search page) over HTTP. The same options as \`ledesearch serve\`:
  --corpus <dir>       corpus folder to index (default "corpus")
  --schema <file>      configuration file declaring the corpus's fields (default: ledesearch.config.json in the corpus folder, when there is one)
  --snapshot <file>    snapshot to load when it matches the corpus, else to write (default \"${DEFAULT_SNAPSHOT_HELP}\")
  --no-snapshot        always build from the corpus, write no snapshot
  -p, --port <n>       port, 0 for any free port (env PORT, default 3000)
  --host <host>        interface to listen on (env HOST, default 127.0.0.1)
  --cors <origins>     comma-separated origins allowed to call the API, or * (env LEDESEARCH_CORS_ORIGINS)
  --log-level <level>  trace, debug, info, warn, error, fatal or silent (env LOG_LEVEL, default info)
  --no-web             do not serve the search page at /
  --cache-mb <n>       MiB of repeated /api/search answers to keep, 0 for none (env LEDESEARCH_CACHE_MB, default 32)
  --export-max <n>     most rows GET /api/export writes (env LEDESEARCH_EXPORT_MAX, default 100000)
  --follow <dir>       serve the newest generation published into this folder (ledesearch index --publish)
  --follow-interval <ms>  how often to read its manifest (default 1000)
  --workers <n>        server processes sharing the port, one per core (default 1, at most 64)
  -h, --help           this help
Environment: LEDESEARCH_REINDEX_TOKEN enables POST /api/reindex for "Authorization: Bearer <token>".
`;

function port(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new ServerArgsError(`option '--port <n>' argument '${value}' is invalid. must be a port number from 0 to 65535.`);
  return n;
}

function megabytes(value: string): number {
  const n = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65536)) throw new ServerArgsError(`option '--cache-mb <n>' argument '${value}' is invalid. must be a number of MiB from 0 to 65536.`);
  return n;
}

function origins(value: string | undefined): string[] | '*' | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '*') return '*';
  const list = value.split(',').map((o) => o.trim()).filter((o) => o !== '');
  return list.length > 0 ? list : undefined;
}

/**
 * The serve options for `args` (the arguments after the script) and `env`, or `'help'` when
 * help was asked for.
 *
 * @throws ServerArgsError for an unknown flag or a bad value.
 */
export function parseServerArgs(args: readonly string[], env: NodeJS.ProcessEnv): WorkerOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        corpus: { type: 'string' },
        schema: { type: 'string' },
        snapshot: { type: 'string' },
        'no-snapshot': { type: 'boolean' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        cors: { type: 'string' },
        'log-level': { type: 'string' },
        'no-web': { type: 'boolean' },
        'cache-mb': { type: 'string' },
        'export-max': { type: 'string' },
        follow: { type: 'string' },
        'follow-interval': { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ServerArgsError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const logLevel = values['log-level'] ?? env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ServerArgsError(`log level '${logLevel}' is invalid. Allowed choices are ${LOG_LEVELS.join(', ')}.`);
  const portText = values.port ?? env.PORT;
  const workersText = values.workers;
  if (workersText !== undefined && !(/^\d+$/.test(workersText) && Number(workersText) >= 1 && Number(workersText) <= 64)) {
    throw new ServerArgsError(`option '--workers <n>' argument '${workersText}' is invalid. must be a whole number from 1 to 64.`);
  }
  const intervalText = values['follow-interval'];
  if (intervalText !== undefined && !/^\d+$/.test(intervalText)) {
    throw new ServerArgsError(`option '--follow-interval <ms>' argument '${intervalText}' is invalid. must be a whole number (0, 1, 2 …).`);
  }
  const cacheText = values['cache-mb'] ?? env.LEDESEARCH_CACHE_MB;
  const exportText = values['export-max'] ?? env.LEDESEARCH_EXPORT_MAX;
  if (exportText !== undefined && !/^\d+$/.test(exportText)) {
    throw new ServerArgsError(`option '--export-max <n>' argument '${exportText}' is invalid. must be a whole number (0, 1, 2 …).`);
  }
  return {
    corpus: values.corpus ?? DEFAULT_SERVER_CORPUS,
    schemaFile: values.schema,
    snapshot: values['no-snapshot'] ? false : values.snapshot ?? defaultSnapshotFor(values.corpus ?? DEFAULT_SERVER_CORPUS),
    port: portText === undefined ? DEFAULT_SERVER_PORT : port(portText),
    host: values.host ?? env.HOST ?? DEFAULT_SERVER_HOST,
    reindexToken: env.LEDESEARCH_REINDEX_TOKEN || undefined,
    corsOrigins: origins(values.cors ?? env.LEDESEARCH_CORS_ORIGINS),
    webDir: values['no-web'] ? false : undefined,
    logLevel,
    resultCacheBytes: Math.round((cacheText === undefined ? 32 : megabytes(cacheText)) * 2 ** 20),
    follow: values.follow,
    followIntervalMs: intervalText === undefined ? undefined : Number(intervalText),
    workers: workersText === undefined ? 1 : Number(workersText),
    exportMax: exportText === undefined ? undefined : Number(exportText),
  };
}
