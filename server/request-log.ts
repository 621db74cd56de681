/**
 * Request logging that costs nothing at the default level: a successful request is logged at
 * `debug`, a client error at `warn`, a server error at `error`, each as one JSON line with
 * method, URL, status and milliseconds once the response is finished.
 *
 * pino-http, used before, built a child logger and serialised every request at `info`: about 3%
 * of the server's busy time in a cache-off profile, for lines an operator who wants them can turn
 * on with `--log-level debug`. Here, below `debug`, a request costs a level check and two
 * property stores: no listener, no closure. Every 4xx and 5xx this app sends is answered by the
 * error handler, which asks for its line through {@link logFailedRequest}.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** The logger on a request, where the error handler finds it to log a 5xx with its stack. */
export type LoggedRequest = Request & { log?: Logger; logStart?: number };

/** Requests whose line is already coming (at `debug`, every request's). */
const watched = new WeakSet<Request>();

/** Builds the middleware logging each finished request to `logger` (levels as described above). */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    (req as LoggedRequest).log = logger;
    (req as LoggedRequest).logStart = performance.now();
    if (logger.isLevelEnabled('debug')) logWhenFinished(req as LoggedRequest, res, logger);
    next();
  };
}

/**
 * Asks for the line of a request answered with an error status (the error handler calls it):
 * written once the response is finished, unless the request is logged anyway.
 */
export function logFailedRequest(req: Request, res: Response): void {
  const logger = (req as LoggedRequest).log;
  if (logger && !watched.has(req)) logWhenFinished(req as LoggedRequest, res, logger);
}

function logWhenFinished(req: LoggedRequest, res: Response, logger: Logger): void {
  watched.add(req);
  const t0 = req.logStart ?? performance.now();
  res.once('finish', () => {
    const status = res.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'debug';
    // Checked before building the line: a level that is off builds nothing.
    if (!logger.isLevelEnabled(level)) return;
    // Method, URL and status are enough; headers would log the reindex token.
    logger[level]({ req: { method: req.method, url: req.originalUrl }, res: { statusCode: status }, responseTime: Math.round(performance.now() - t0) }, 'request completed');
  });
}
