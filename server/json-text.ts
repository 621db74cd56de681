/**
 * Serialising an answer to the JSON bytes the server sends, and sending them.
 *
 * Measured on the default /api/search answer over Reuters (by hand, 1000 fresh answers): a
 * serialiser compiled from the response schema (fast-json-stringify) saved nothing over
 * `JSON.stringify` (the answer is mostly strings, which both write the same way), so the text
 * comes from `JSON.stringify`. Escaping `<`, `>` and `&` as three `replaceAll`s on that text
 * copied it three times: a snippet's `…` makes it a two-byte string, so about 80 KB of the
 * ~235 KB the V8 heap took per answer, search included, and young-generation GC was ~12% of a
 * cache-off server's busy time. Encoding the text to UTF-8 once (which the socket write did
 * anyway) and escaping the bytes, found with `indexOf`, allocates only the final Buffer outside
 * the heap, for the same time (~78 µs per answer either way, encoding included).
 */
import type { Request, Response } from 'express';

/** `\u00XX`: the escape of a byte, as its last two hex digits follow. */
const ESCAPE_PREFIX = [0x5c, 0x75, 0x30, 0x30];
const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;

/**
 * A value as the UTF-8 bytes of the JSON text Express's `res.json` sends with the app's
 * `json escape` setting: `<`, `>` and `&` written as \u escapes, so no response can be sniffed
 * as HTML. (In UTF-8 these bytes only ever stand for those characters.)
 */
export function toJsonBytes(value: unknown): Buffer {
  return escapeHtmlSpecials(Buffer.from(JSON.stringify(value), 'utf8'));
}

/** `json` with every `<`, `>` and `&` byte replaced by its \u escape; `json` itself when it has none. */
function escapeHtmlSpecials(json: Buffer): Buffer {
  let lt = json.indexOf(LT);
  let gt = json.indexOf(GT);
  let amp = json.indexOf(AMP);
  if (lt === -1 && gt === -1 && amp === -1) return json;
  // Positions of the special bytes in order: the next of the three each time.
  const at: number[] = [];
  for (;;) {
    let i = lt;
    if (gt !== -1 && (i === -1 || gt < i)) i = gt;
    if (amp !== -1 && (i === -1 || amp < i)) i = amp;
    if (i === -1) break;
    at.push(i);
    if (i === lt) lt = json.indexOf(LT, i + 1);
    else if (i === gt) gt = json.indexOf(GT, i + 1);
    else amp = json.indexOf(AMP, i + 1);
  }
  const out = Buffer.allocUnsafe(json.length + 5 * at.length);
  let o = 0;
  let from = 0;
  for (const i of at) {
    o += json.copy(out, o, from, i);
    const c = json[i];
    out[o] = ESCAPE_PREFIX[0];
    out[o + 1] = ESCAPE_PREFIX[1];
    out[o + 2] = ESCAPE_PREFIX[2];
    out[o + 3] = ESCAPE_PREFIX[3];
    // < is 003c, > is 003e, & is 0026.
    out[o + 4] = c === AMP ? 0x32 : 0x33;
    out[o + 5] = c === LT ? 0x63 : c === GT ? 0x65 : 0x36;
    o += 6;
    from = i + 1;
  }
  json.copy(out, o, from);
  return out;
}

/**
 * Sends `body` (bytes from {@link toJsonBytes}) as a JSON answer with the status and headers
 * already set (conditional requests are the caller's: see `search-etag.ts`). A HEAD gets the
 * headers and Content-Length alone.
 */
export function sendJsonBytes(req: Request, res: Response, body: Buffer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (req.method === 'HEAD') {
    // Node leaves Content-Length out of a HEAD answer; a client may rely on it, as on Express's.
    res.setHeader('Content-Length', body.length);
    res.end();
    return;
  }
  // Node sets Content-Length itself and writes the headers and the bytes in one writev.
  res.end(body);
}
