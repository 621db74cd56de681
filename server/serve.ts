/**
 * Running the search server: get the index (snapshot or corpus), build the app, listen, and
 * shut down gracefully on SIGTERM/SIGINT. Used by `ledesearch serve` and by
 * `server/main.ts`; the index lifecycle (load, build, snapshot) comes from `lifecycle/`.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { SearchError, type ResolvedSchema, type SearchIndex } from '../lib/index.js';
import { buildIndexFromCorpus, type BuiltIndex } from '../lifecycle/build-index.js';
import { schemaForCorpus } from '../lifecycle/schema-config.js';
import { corpusChanges } from '../lifecycle/corpus-manifest.js';
import { formatCorpusError, loadOrBuildIndex, refreshSnapshot, writeSnapshot, type LoadReporter } from '../lifecycle/load-index.js';
import { followPublished, waitForGeneration } from '../lifecycle/follow.js';
import type { LoadedIndex } from '../lifecycle/loaded-index.js';
import { cloneIndex, updateIndexFromCorpus, type UpdatedIndex } from '../lifecycle/update-index.js';
import { watchCorpus, type CorpusWatcher, type WatchCorpusOptions } from '../lifecycle/watch-corpus.js';
import { createApp } from './app.js';
import { closeGracefully, listen } from './http-server.js';
import { IndexHolder } from './index-holder.js';
import { createStartingListener } from './probe-routes.js';
import { Readiness } from './readiness.js';
import { Reindexer, type RebuildRequest, type RebuiltIndex, type ReindexStatus } from './reindexer.js';
import { defaultWebDir } from './web-dir.js';

/** Options of {@link serve}. */
export interface ServeOptions {
  corpus: string;
  /**
   * A configuration file with the declared schema (`{ "schema": … }`); default the corpus
   * folder's `ledesearch.config.json` when there is one, else the default schema.
   */
  schemaFile?: string;
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
  /**
   * A publish folder to follow instead of indexing `corpus`: serve its newest generation and
   * swap in each newer one as it is published (reindexing is then off).
   */
  follow?: string;
  /** How often the publish folder's manifest is read, in ms. Default 1000. */
  followIntervalMs?: number;
  /**
   * Watch the corpus folder and update the index in service after each burst of changes (an
   * incremental reindex, swapped in like POST /api/reindex). Not with `follow`.
   */
  watch?: boolean | Omit<WatchCorpusOptions, 'onChange' | 'onError'>;
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Logs how a reindex (asked for or watched) ended. */
function logReindex(logger: Logger): (status: ReindexStatus, error?: unknown) => void {
  return (status, error) => {
    if (status.state === 'failed') logger.error({ err: error, reindex: status }, 'reindex failed; the old index stays in service');
    else logger.info({ reindex: status }, 'reindex finished; new index in service');
  };
}

/**
 * Watches the corpus and runs an incremental reindex after each burst of changes; changes that
 * arrive while one runs lead to one more when it ends.
 */
function watchChanges(corpus: string, reindexer: Reindexer, options: Omit<WatchCorpusOptions, 'onChange' | 'onError'>, logger: Logger): CorpusWatcher {
  let again = false;
  const after = (): void => {
    if (!again) return;
    again = false;
    update();
  };
  const update = (): void => {
    if (!reindexer.start({ full: false })) again = true;
    void reindexer.idle().then(after);
  };
  const watcher = watchCorpus(corpus, { ...options, onChange: update, onError: (error) => logger.warn(`watch: ${messageOf(error)}`) });
  logger.info({ mode: watcher.mode }, `watching ${corpus} for changes (${watcher.mode === 'events' ? 'file-system events' : 'polling'})`);
  return watcher;
}

function reporterFor(logger: Logger): LoadReporter {
  return { info: (m) => logger.info(m), warn: (m) => logger.warn(m) };
}

/**
 * Listens at once (GET /api/live answers 200 and GET /api/ready 503 while the index loads,
 * every other request 503), loads or builds the index, then serves it and resolves. Rejects,
 * having closed the server, when there is nothing to serve. SIGTERM/SIGINT (with
 * `handleSignals`) make readiness fail, stop accepting connections, let requests in flight
 * finish, and exit 0.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const logger = pino({ name: 'ledesearch', level: options.logLevel ?? 'info' });
  const reporter = reporterFor(logger);
  const readiness = new Readiness('starting');
  const { server, port, url, replaceApp } = await listen(createStartingListener(readiness), {
    port: options.port,
    host: options.host,
    onClientError: (a, code) => logger.warn({ status: a.status, code: a.code, nodeCode: code }, 'answered by the HTTP layer'),
  });
  logger.info({ url, state: readiness.state }, `listening on ${url}; loading the index`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    readiness.drain();
    return (closing ??= closeGracefully(server));
  };
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (closing) {
        logger.warn(`${signal} again: exiting now`);
        process.exit(1);
      }
      logger.info(`${signal}: draining (readiness fails, no new connections, requests in flight finish)`);
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

  let loaded: LoadedIndex;
  // A follower serves whatever schema the published snapshots carry.
  let schema: ResolvedSchema | undefined;
  const follow = options.follow;
  try {
    if (follow !== undefined) {
      logger.info(`following ${follow}: waiting for a published generation`);
      loaded = await waitForGeneration(follow, options.followIntervalMs, (error) => logger.warn(`follow: ${messageOf(error)}`));
      logger.info(`loaded generation ${loaded.generation} from ${follow} in ${loaded.buildMs} ms`);
    } else {
      ({ schema } = await schemaForCorpus(options.corpus, options.schemaFile));
      ({ loaded } = await loadOrBuildIndex({ corpus: options.corpus, snapshot: options.snapshot, reporter, schema }));
    }
  } catch (error) {
    await close();
    throw error;
  }
  const tWarm = performance.now();
  await warmUp(loaded.index);
  logger.info(`warmed up the vocabulary lookups in ${Math.round(performance.now() - tWarm)} ms`);
  const holder = new IndexHolder(loaded);

  const rebuild = async ({ full }: RebuildRequest): Promise<RebuiltIndex> => {
    const current = holder.current;
    let next: UpdatedIndex | BuiltIndex;
    if (!full && current.manifest) {
      const changes = await corpusChanges(options.corpus, current.manifest);
      if (changes.changed.length + changes.removed.length === 0) {
        logger.info(`reindex: no corpus file changed in ${options.corpus}`);
        return { ...current, mode: 'unchanged' };
      }
      logger.info(`reindex: updating from ${changes.changed.length} new or changed and ${changes.removed.length} removed files of ${options.corpus}`);
      // The index in service keeps answering while a copy of it is updated.
      next = await updateIndexFromCorpus(cloneIndex(current.index), current.manifest, options.corpus, { changes, schema });
    } else {
      logger.info(`reindex: rebuilding from ${options.corpus}`);
      next = await buildIndexFromCorpus(options.corpus, { previous: current.manifest, schema });
    }
    const { errors, ...built } = next;
    for (const e of errors) logger.warn(`reindex: skipped ${formatCorpusError(e)}`);
    if (built.index.size === 0) {
      throw new SearchError('invalid_article', `no article could be read from the corpus (${errors.length} problems)`);
    }
    if (options.snapshot !== false) {
      // An update is kept in the snapshot's journal when it can be (the snapshot is not written
      // again: a large archive's is gigabytes); otherwise the snapshot is written whole from the
      // index just built. refreshSnapshot reads the new files again, which costs little beside that.
      const journaled = !full && (await refreshSnapshot({ corpus: options.corpus, snapshot: options.snapshot, reporter, schema, journalOnly: true })).wroteJournal;
      if (!journaled) await writeSnapshot(built, options.snapshot, reporter);
    }
    await warmUp(built.index);
    return { ...built, mode: 'mode' in built ? built.mode : 'full' };
  };

  const web = options.webDir === false ? undefined : options.webDir ?? defaultWebDir();
  const webDir = web && existsSync(web) ? web : undefined;
  const app = createApp(holder, {
    logger,
    schema,
    rebuild: follow === undefined ? rebuild : undefined,
    reindexToken: options.reindexToken || undefined,
    corsOrigins: options.corsOrigins,
    webDir,
    resultCacheBytes: options.resultCacheBytes,
    exportMax: options.exportMax,
    readiness,
  });
  // From the starting answers to the app, in one step: no request sees neither.
  replaceApp(app);
  readiness.ready();
  if (follow !== undefined) {
    const follower = followPublished(follow, {
      intervalMs: options.followIntervalMs,
      current: () => holder.current.generation,
      onGeneration: async (next) => {
        await warmUp(next.index);
        holder.swap(next);
        logger.info({ generation: next.generation }, `generation ${next.generation} in service (loaded in ${next.buildMs} ms)`);
      },
      onError: (error) => logger.warn(`follow: ${messageOf(error)}`),
    });
    server.once('close', () => follower.stop());
  } else if (options.watch) {
    const watcher = watchChanges(options.corpus, app.reindexer ?? new Reindexer(holder, rebuild, logReindex(logger)), options.watch === true ? {} : options.watch, logger);
    server.once('close', () => watcher.stop());
  }
  logger.info({ port, url, reindex: Boolean(app.reindexer), webDir: webDir !== undefined }, `serving on ${url}`);

  return { server, url, port, logger, close };
}
