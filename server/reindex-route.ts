/**
 * POST /api/reindex: starts a background update of the index from the corpus folder (only the
 * files that changed; `?full=1` rebuilds from every file), for holders of the reindex token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiContext } from './api-context.js';
import { HttpError } from './http-error.js';

/** True when `given` equals `expected`, in time that does not depend on where they differ. */
export function tokenMatches(given: string, expected: string): boolean {
  // Hashing first makes the lengths equal, which timingSafeEqual requires, without leaking them.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The bearer token of an `Authorization` header, or undefined. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match ? match[1] : undefined;
}

/** Builds the POST /api/reindex handler. */
export function createReindexHandler(ctx: ApiContext): RequestHandler {
  return (req, res) => {
    const { reindexer, reindexToken } = ctx;
    if (!reindexer || !reindexToken) {
      throw new HttpError(403, 'reindex_disabled', 'reindexing is disabled on this server (no LEDESEARCH_REINDEX_TOKEN configured)');
    }
    const token = bearerToken(req.get('authorization'));
    if (token === undefined) throw new HttpError(401, 'unauthorized', 'reindexing needs an "Authorization: Bearer <token>" header');
    if (!tokenMatches(token, reindexToken)) throw new HttpError(403, 'forbidden', 'the reindex token is wrong');

    const query = ctx.schemas.parseRequest<{ full?: string }>('reindex-request', { ...(req.query as Record<string, unknown>) });
    const body: unknown = req.body;
    if (body !== undefined) {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new HttpError(400, 'invalid_request', 'the request body, if any, must be a JSON object');
      }
      ctx.schemas.parseRequest('empty-request', body as Record<string, unknown>);
    }

    const started = reindexer.start({ full: query.full === '1' || query.full === 'true' });
    if (!started) {
      throw new HttpError(409, 'reindex_running', 'a reindex is already running', undefined, { reindex: reindexer.status() });
    }
    res.status(202).set('Location', '/api/health').json({ reindex: started });
  };
}
