/**
 * The ETag of a GET /api/search answer, from the request rather than from the body.
 *
 * An answer is a function of the index in service and the request's query string (only
 * `tookMs` varies between two computations of it), so a weak validator naming both is exact in
 * the sense of RFC 9110 §8.8.1: the same tag means an equivalent answer. Unlike a hash of the
 * body it costs no pass over the answer, it is the same whether the result cache answered or
 * not (a body hash never matched with the cache off, `tookMs` being in the body), and it is known
 * before searching, so a conditional GET the client already has the answer to is a 304 that
 * searches nothing.
 *
 * Each index put in service gets a tag of its own, random per process: a 304 can never confirm
 * an answer of an index no longer in service. (Several processes thus tag the same answer
 * differently; a client sent to another one gets the body again, never a wrong 304.)
 */
import { hash, randomBytes } from 'node:crypto';

const PROCESS_TAG = randomBytes(6).toString('base64url');
const tags = new WeakMap<object, string>();
let counter = 0;

/** The tag of index `owner` (any object standing for one index in service), made on first use. */
function indexTag(owner: object): string {
  let tag = tags.get(owner);
  if (tag === undefined) {
    tag = `${PROCESS_TAG}${(counter++).toString(36)}`;
    tags.set(owner, tag);
  }
  return tag;
}

/** The weak ETag of the answer of index `owner` to query string `queryString`. */
export function searchEtag(owner: object, queryString: string): string {
  // One-shot hashing (Node ≥ 20.12): no Hash object per request.
  return `W/"${indexTag(owner)}-${hash('sha1', queryString, 'base64url').slice(0, 22)}"`;
}
