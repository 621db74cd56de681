/**
 * Serialising an answer to the JSON text the server sends, and sending such a text.
 *
 * Measured on the default /api/search answer (10 hits, html snippets, every facet; about 10 KB):
 * `JSON.stringify` then three literal `replaceAll`s costs about half of the old path (a regex
 * with a replacer function per match, then a copy into a Buffer, then a SHA-1 of it), and a
 * serialiser compiled from the response schema (fast-json-stringify) saved nothing more: the
 * answer is mostly strings, which both write the same way. So: plain `JSON.stringify`, and the
 * text handed to Node as it is (one write of headers and body, no intermediate Buffer).
 */
import type { Request, Response } from 'express';

/**
 * A value as the JSON text Express's `res.json` sends with the app's `json escape` setting:
 * `<`, `>` and `&` written as \u escapes, so no response can be sniffed as HTML.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
}

/**
 * Sends `body` (a text from {@link toJsonText}, or its UTF-8 bytes when they are kept for reuse)
 * as a JSON answer with the status and headers already set (conditional requests are the
 * caller's: see `search-etag.ts`). A HEAD gets the headers and Content-Length alone.
 */
export function sendJsonText(req: Request, res: Response, body: string | Buffer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (req.method === 'HEAD') {
    // Node leaves Content-Length out of a HEAD answer; a client may rely on it, as on Express's.
    res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);
    res.end();
    return;
  }
  // Node sets Content-Length itself; a string goes out with the headers in one write.
  res.end(body);
}
