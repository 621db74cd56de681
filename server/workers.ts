/**
 * `serve --workers N`: N server processes on one machine sharing one port (Node's cluster
 * module), so a multi-core machine uses every core. Each worker holds its own copy of the index.
 */
import cluster from 'node:cluster';
import { pino } from 'pino';
import { loadOrBuildIndex } from '../lifecycle/load-index.js';
import { schemaForCorpus } from '../lifecycle/schema-config.js';
import { serve, type RunningServer, type ServeOptions } from './serve.js';

/** Largest {@link WorkerOptions.workers}: more processes than this only multiply the memory. */
export const MAX_WORKERS = 64;

/** Options of {@link serveWithWorkers}: those of `serve` plus the number of processes. */
export interface WorkerOptions extends ServeOptions {
  /** Server processes; 1 (the default) serves in this process. From 1 to {@link MAX_WORKERS}. */
  workers?: number;
}

/**
 * Serves with `options.workers` processes. In the primary process (workers > 1): brings the
 * snapshot up to date once (so the workers only load it), forks the workers, restarts one
 * that dies, and on SIGTERM/SIGINT passes the signal on (each worker drains) and exits 0 once
 * all have stopped; resolves with undefined. In a worker, or with one process: `serve`.
 *
 * POST /api/reindex is off with several workers (it would update only the worker that got the
 * request): publish with `ledesearch index --publish` and run the workers with `--follow`.
 */
export async function serveWithWorkers(options: WorkerOptions): Promise<RunningServer | undefined> {
  const n = options.workers ?? 1;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_WORKERS) throw new RangeError(`workers must be a whole number from 1 to ${MAX_WORKERS}, got ${String(n)}`);
  if (n === 1) return serve(options);
  if (cluster.isWorker) return serve({ ...options, reindexToken: undefined });

  const logger = pino({ name: 'ledesearch', level: options.logLevel ?? 'info' });
  if (options.reindexToken) logger.warn('POST /api/reindex is off with --workers > 1: publish (ledesearch index --publish) and --follow instead');
  if (options.follow === undefined && options.snapshot !== false) {
    // Once here, not N times in the workers: they then load the fresh snapshot.
    const { schema } = await schemaForCorpus(options.corpus, options.schemaFile);
    await loadOrBuildIndex({ corpus: options.corpus, snapshot: options.snapshot, schema, reporter: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) } });
  }
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('all workers stopped');
        process.exit(0);
      }
      return;
    }
    logger.error(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    cluster.fork();
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  for (let i = 0; i < n; i++) cluster.fork();
  logger.info(`started ${n} workers`);
  return undefined;
}
