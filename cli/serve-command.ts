/**
 * `ledesearch serve`: run the search server (also what `server/main.ts` runs).
 */
import { CORPUS_CONFIG_FILE } from '../lib/index.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_EXPORT_MAX } from '../server/export-route.js';
import { serveWithWorkers } from '../server/workers.js';
import { checkHost } from './check-host.js';
import { DEFAULT_CORPUS, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SNAPSHOT_HELP, defaultSnapshotFor, parseCount, parseMegabytes, parseOrigins, parsePort, UsageError } from './cli-options.js';

/** Commander argument parser for --workers: a whole number from 1 to 64. */
function parseWorkers(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= 64)) throw new InvalidArgumentError('must be a whole number from 1 to 64.');
  return n;
}

interface ServeFlags {
  corpus: string;
  schema?: string;
  /** Undefined: the corpus folder's default snapshot. */
  snapshot?: string | false;
  port: number;
  host: string;
  cors?: string;
  logLevel: string;
  web: boolean;
  cacheMb: number;
  follow?: string;
  followInterval: number;
  workers: number;
  exportMax: number;
  watch?: boolean;
  watchDebounce: number;
}

/** Builds the `serve` command. */
export function createServeCommand(): Command {
  return new Command('serve')
    .description('serve the search API (and the search page) over HTTP')
    .option('--corpus <dir>', 'corpus folder to index (and to rebuild from on POST /api/reindex)', DEFAULT_CORPUS)
    .option('--schema <file>', `configuration file declaring the corpus's fields (default: ${CORPUS_CONFIG_FILE} in the corpus folder, when there is one)`)
    .option('--snapshot <file>', `snapshot to load when newer than the corpus, else to write (default: ${DEFAULT_SNAPSHOT_HELP})`)
    .option('--no-snapshot', 'always build from the corpus, write no snapshot')
    .addOption(new Option('-p, --port <n>', 'port (0: any free port)').env('PORT').default(DEFAULT_PORT).argParser(parsePort))
    .addOption(new Option('--host <host>', 'interface to listen on').env('HOST').default(DEFAULT_HOST))
    .addOption(new Option('--cors <origins>', 'comma-separated origins allowed to call the API, or *').env('LEDESEARCH_CORS_ORIGINS'))
    .addOption(
      new Option('--log-level <level>', 'log level').env('LOG_LEVEL').default('info').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    )
    .option('--no-web', 'do not serve the search page at /')
    .addOption(
      new Option('--cache-mb <n>', 'MiB of repeated /api/search answers to keep (0: no result cache)').env('LEDESEARCH_CACHE_MB').default(32).argParser(parseMegabytes),
    )
    .option('--follow <dir>', 'serve the newest generation published into this folder (ledesearch index --publish) and swap in each new one; no corpus, no reindex')
    .option('--workers <n>', 'server processes sharing the port, one per core (1 to 64; reindex is off above 1)', parseWorkers, 1)
    .addOption(new Option('--watch', 'watch the corpus folder and update the index after each burst of changes (incremental, swapped in without failing a request)').conflicts('follow'))
    .option('--watch-debounce <ms>', 'quiet time after the last change before --watch updates, in ms (at least 10)', parseCount, 500)
    .option('--follow-interval <ms>', 'how often to read the publish folder\'s manifest, in ms (at least 10)', parseCount, 1000)
    .addOption(
      new Option('--export-max <n>', 'most rows GET /api/export writes (a larger match set is refused)')
        .env('LEDESEARCH_EXPORT_MAX')
        .default(DEFAULT_EXPORT_MAX)
        .argParser(parseCount),
    )
    .addHelpText(
      'after',
      '\nEnvironment:\n  LEDESEARCH_REINDEX_TOKEN  enables POST /api/reindex for clients sending "Authorization: Bearer <token>"\n' +
        '  PORT, HOST, LEDESEARCH_CORS_ORIGINS, LOG_LEVEL, LEDESEARCH_CACHE_MB,\n  LEDESEARCH_EXPORT_MAX  defaults for the options above\n\n' +
        'Logs are JSON lines (pino) on stdout. SIGTERM or SIGINT stops the server after in-flight requests finish.',
    )
    .action(async (flags: ServeFlags) => {
      if (flags.watch && flags.workers > 1) {
        throw new UsageError('--watch needs --workers 1 (each worker would update its own copy): publish with `ledesearch index --publish` and --follow instead');
      }
      // Before the index: a bad host should not cost a whole build to find out.
      await checkHost(flags.host);
      await serveWithWorkers({
        corpus: flags.corpus,
        schemaFile: flags.schema,
        snapshot: flags.snapshot ?? defaultSnapshotFor(flags.corpus),
        port: flags.port,
        host: flags.host,
        reindexToken: process.env.LEDESEARCH_REINDEX_TOKEN || undefined,
        corsOrigins: parseOrigins(flags.cors),
        webDir: flags.web ? undefined : false,
        logLevel: flags.logLevel,
        resultCacheBytes: Math.round(flags.cacheMb * 2 ** 20),
        follow: flags.follow,
        followIntervalMs: flags.followInterval,
        workers: flags.workers,
        exportMax: flags.exportMax,
        watch: flags.watch ? { debounceMs: flags.watchDebounce } : undefined,
      });
    });
}
