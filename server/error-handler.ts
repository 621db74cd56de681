/**
 * The last two middlewares: a JSON 404 for unknown routes, and the error handler that turns
 * anything thrown into a JSON error body without a stack trace.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { InvalidQueryError } from '../lib/index.js';
import { HttpError } from './http-error.js';
import { logFailedRequest } from './request-log.js';

/** Library option names that the HTTP API spells differently. */
const PARAMETER_NAMES: Readonly<Record<string, string>> = { dateFrom: 'from', dateTo: 'to', dateHistogram: 'histogram' };

/** Answers 404 for any route no one handled. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.path}`));
};

/** Maps an error to the HttpError it should be answered with. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof InvalidQueryError) {
    const raw = error.details?.parameter;
    const parameter = typeof raw === 'string' ? PARAMETER_NAMES[raw] ?? raw : undefined;
    const message = toHttpNames(error.message);
    return new HttpError(400, 'invalid_query', message, [parameter ? { parameter, message } : { message }]);
  }
  // The router decodes path parameters with decodeURIComponent and passes its URIError on
  // (`/api/articles/%zz`): the client's mistake, not ours.
  if (error instanceof URIError) return badPathEncoding();
  // body-parser's errors carry `type` and `status`; their messages are written for clients.
  const e = error as { type?: unknown; status?: unknown; expose?: unknown; message?: unknown } | null;
  if (e && typeof e === 'object') {
    if (e.type === 'entity.parse.failed') return new HttpError(400, 'invalid_json', 'the request body is not valid JSON');
    if (e.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'the request body is too large');
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
      return new HttpError(e.status, 'invalid_request', typeof e.message === 'string' ? e.message : 'bad request');
    }
  }
  return new HttpError(500, 'internal', 'internal server error');
}

/**
 * The 400 for a path that is not valid percent-encoding (`%zz`, a cut `%E0%A4%A`, bytes that
 * are not UTF-8), naming the parameter when the route has one.
 */
export function badPathEncoding(parameter?: string): HttpError {
  const message = 'is not valid percent-encoding';
  return new HttpError(400, 'invalid_request', 'the request path is not valid percent-encoding', [parameter ? { parameter, message } : { message }]);
}

/** Spells every library option name in a message as the HTTP API does ("from is after to"). */
function toHttpNames(message: string): string {
  let out = message;
  for (const [from, to] of Object.entries(PARAMETER_NAMES)) out = out.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
  return out;
}

/** Answers every error with `{ error, code, details? }`; logs 5xx with their stack. */
export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const http = toHttpError(error);
  // Every error status this app sends is answered here: its request-log line (warn, error).
  logFailedRequest(req, res);
  if (http.status >= 500) {
    // request-log.ts attaches req.log when logging is on; the stack goes to the log, never the client.
    (req as { log?: { error: (o: unknown, msg: string) => void } }).log?.error({ err: error }, 'request failed');
  }
  const body: Record<string, unknown> = { error: http.message, code: http.code };
  if (http.details) body.details = http.details;
  if (http.extra) Object.assign(body, http.extra);
  if (http.status === 401) res.set('WWW-Authenticate', 'Bearer realm="ledesearch"');
  res.status(http.status).json(body);
};
