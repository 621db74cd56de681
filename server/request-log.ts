/**
 * Request logging that costs nothing at the default level: a successful request is logged at
 * `debug`, a client error at `warn`, a server error at `error`, each as one JSON line with
 * method, URL, status and milliseconds once the response is finished.
 *
 * pino-http, used before, built a child logger and serialised every request at `info`: about 3%
 * of the server's busy time in a cache-off profile, for lines an operator who wants them can turn
 * on with `--log-level debug`. Here a request the level leaves out costs one `finish` listener
 * and a comparison.
 */
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

/** The logger on a request, where the error handler finds it to log a 5xx with its stack. */
export type LoggedRequest = Request & { log?: Logger };

/** Builds the middleware logging each finished request to `logger` (levels as described above). */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    (req as LoggedRequest).log = logger;
    const t0 = performance.now();
    res.once('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'debug';
      // Checked before building the line: at the default level a 2xx builds nothing.
      if (!logger.isLevelEnabled(level)) return;
      // Method, URL and status are enough; headers would log the reindex token.
      logger[level]({ req: { method: req.method, url: req.originalUrl }, res: { statusCode: status }, responseTime: Math.round(performance.now() - t0) }, 'request completed');
    });
    next();
  };
}
