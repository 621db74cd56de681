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
 * anyway) into a Buffer of the final size and escaping in it allocates that Buffer alone, outside
 * the heap, and takes less time (min of 3 per fresh answer, encoding included: ~65 µs against
 * ~70 µs for the three copies).
 *
 * Also measured and not worth it (issue 15, min of 15 passes over the same 1000 default answers,
 * in one process): `JSON.stringify` is ~45 µs of ~70 µs an answer, the UTF-8 encoding ~13 µs and
 * the escaping ~8 µs. Stringifying each top-level member apart, so that only `hits` (with the
 * `…`) is a two-byte string, and writing the pieces into the Buffer: 63.0 µs against 62.8 µs for
 * the whole text. A hand-written serialiser of `facets` (`{"value":…,"count":…}` by concatenation):
 * 9.9 µs against 12.3 µs alone, but 12.6 µs against 14.1 µs once the text is flattened, and no
 * gain on the whole answer (49.5 µs against 48.5 µs). Escaping in one JavaScript loop over the
 * bytes instead of a `Buffer.indexOf` and a `copyWithin` per special byte (~200 an answer, one call
 * into C++ each): 27-47 µs against ~25 µs a text, slower. Under load (bench/http-profile.js
 * --fixed-answer, the library taken out) the server path costs ~30 µs plus ~17 µs per KB of
 * answer above the trivial route: the bytes, not the code that writes them.
 */
import type { Request, Response } from 'express';

/** `\u00XX`: the escape of a byte, as its last two hex digits follow. */
const ESCAPE_PREFIX = [0x5c, 0x75, 0x30, 0x30];
const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
/** The characters escaped, as text. */
const SPECIALS = ['<', '>', '&'] as const;

/**
 * A value as the UTF-8 bytes of the JSON text Express's `res.json` sends with the app's
 * `json escape` setting: `<`, `>` and `&` written as \u escapes, so no response can be sniffed
 * as HTML. (In UTF-8 these bytes only ever stand for those characters.)
 */
export function toJsonBytes(value: unknown): Buffer {
  return escapedUtf8(JSON.stringify(value));
}

/**
 * `json` as UTF-8 with every `<`, `>` and `&` as its 6-byte \u escape, in one Buffer of the final
 * size: the text is encoded at its end, 5 bytes a special character from the start, and moved
 * forward run by run with the escapes written between (the write position never passes the read one).
 */
function escapedUtf8(json: string): Buffer {
  let numSpecial = 0;
  for (const ch of SPECIALS) for (let i = json.indexOf(ch); i !== -1; i = json.indexOf(ch, i + 1)) numSpecial++;
  if (numSpecial === 0) return Buffer.from(json, 'utf8');
  const out = Buffer.allocUnsafe(Buffer.byteLength(json, 'utf8') + 5 * numSpecial);
  let read = 5 * numSpecial;
  out.write(json, read, 'utf8');
  let write = 0;
  let lt = out.indexOf(LT, read);
  let gt = out.indexOf(GT, read);
  let amp = out.indexOf(AMP, read);
  for (;;) {
    // The next special byte: the first of the three.
    let i = lt;
    if (gt !== -1 && (i === -1 || gt < i)) i = gt;
    if (amp !== -1 && (i === -1 || amp < i)) i = amp;
    if (i === -1) break;
    const c = out[i];
    if (i > read) out.copyWithin(write, read, i);
    write += i - read;
    out[write] = ESCAPE_PREFIX[0];
    out[write + 1] = ESCAPE_PREFIX[1];
    out[write + 2] = ESCAPE_PREFIX[2];
    out[write + 3] = ESCAPE_PREFIX[3];
    // < is 003c, > is 003e, & is 0026.
    out[write + 4] = c === AMP ? 0x32 : 0x33;
    out[write + 5] = c === LT ? 0x63 : c === GT ? 0x65 : 0x36;
    write += 6;
    read = i + 1;
    if (c === LT) lt = out.indexOf(LT, read);
    else if (c === GT) gt = out.indexOf(GT, read);
    else amp = out.indexOf(AMP, read);
  }
  out.copyWithin(write, read);
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
