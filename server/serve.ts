/**
 * Running the search server: get the index (snapshot or corpus), build the app, listen, and
 * shut down gracefully on SIGTERM/SIGINT. Used by `ledesearch serve` and `server/main.ts`.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { SearchError, type SearchIndex } from '../lib/index.js';
import { createApp } from './app.js';
import { buildIndexFromCorpus } from './build-index.js';
import { closeGracefully, listen } from './http-server.js';
import { IndexHolder, type LoadedIndex } from './index-holder.js';
import { formatCorpusError, loadOrBuildIndex, writeSnapshot, type LoadReporter } from './load-index.js';
import { defaultWebDir } from './web-dir.js';

/** Options of {@link serve}. */
export interface ServeOptions {
  corpus: string;
  /** Snapshot file; `false` for none. */
  snapshot: string | false;
  /** Port; 0 for any free one. */
  port: number;
  host: string;
  /** Enables POST /api/reindex. */
  reindexToken?: string;
  corsOrigins?: readonly string[] | '*';
  /** Folder of the search page; default the package's `web/` when it exists. */
  webDir?: string | false;
  /** Bytes of the /api/search result cache; 0 turns it off. Default `DEFAULT_RESULT_CACHE_BYTES` (32 MiB). */
  resultCacheBytes?: number;
  /** Most rows GET /api/export writes. Default `DEFAULT_EXPORT_MAX` (100,000). */
  exportMax?: number;
  /** pino level: trace, debug, info, warn, error, fatal or silent. Default info. */
  logLevel?: string;
  /** Install SIGTERM/SIGINT handlers that shut down and exit. Default true. */
  handleSignals?: boolean;
}

/** A running server. */
export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  logger: Logger;
  /** Shuts down gracefully. */
  close(): Promise<void>;
}

/**
 * Builds the lazily made parts of an index (the vocabulary lookups behind suggestions and
 * "did you mean") before it serves, so the first user to type is not the one who waits.
 */
export async function warmUp(index: SearchIndex): Promise<void> {
  await index.prepare();
}

function reporterFor(logger: Logger): LoadReporter {
  return { info: (m) => logger.info(m), warn: (m) => logger.warn(m) };
}

/** Loads or builds the index, then listens. Rejects when there is nothing to serve. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const logger = pino({ name: 'ledesearch', level: options.logLevel ?? 'info' });
  const reporter = reporterFor(logger);
  const { loaded } = await loadOrBuildIndex({ corpus: options.corpus, snapshot: options.snapshot, reporter });
  const tWarm = performance.now();
  await warmUp(loaded.index);
  logger.info(`warmed up the vocabulary lookups in ${Math.round(performance.now() - tWarm)} ms`);
  const holder = new IndexHolder(loaded);

  const rebuild = async (): Promise<LoadedIndex> => {
    logger.info(`reindex: rebuilding from ${options.corpus}`);
    const { errors, ...built } = await buildIndexFromCorpus(options.corpus);
    for (const e of errors) logger.warn(`reindex: skipped ${formatCorpusError(e)}`);
    if (built.index.size === 0) {
      throw new SearchError('invalid_article', `no article could be read from the corpus (${errors.length} problems)`);
    }
    if (options.snapshot !== false) await writeSnapshot(built, options.snapshot, options.corpus, reporter);
    await warmUp(built.index);
    return built;
  };

  const web = options.webDir === false ? undefined : options.webDir ?? defaultWebDir();
  const webDir = web && existsSync(web) ? web : undefined;
  const app = createApp(holder, {
    logger,
    rebuild,
    reindexToken: options.reindexToken || undefined,
    corsOrigins: options.corsOrigins,
    webDir,
    resultCacheBytes: options.resultCacheBytes,
    exportMax: options.exportMax,
  });
  const { server, port, url } = await listen(app, { port: options.port, host: options.host });
  logger.info({ port, url, reindex: Boolean(app.reindexer), webDir: webDir !== undefined }, `listening on ${url}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= closeGracefully(server));
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (closing) {
        logger.warn(`${signal} again: exiting now`);
        process.exit(1);
      }
      logger.info(`${signal}: shutting down`);
      close().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { server, url, port, logger, close };
}
