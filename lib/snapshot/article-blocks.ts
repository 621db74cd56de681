/**
 * Stored articles in a snapshot: their JSON bytes in deflate-compressed blocks of about 64 KiB,
 * cut at article boundaries, inflated one block at a time when an article is first read.
 *
 * Why blocks: article text is half a snapshot, and a load's cost is mostly reading and first
 * touching bytes, so text stored at a third of its size makes loads faster; a block is small
 * enough to inflate in a fraction of a millisecond when a hit needs one of its articles, and
 * large enough to compress well (Reuters: 19.7 MB of JSON in 7.1 MB). Lucene stores fields the
 * same way.
 *
 * Sizes: the offsets are 64-bit (float64, exact to 2^53), so the stored text may pass the 2 GiB
 * an int32 offset reaches; the compressed blocks are kept in parts of at most `partBytes`
 * (default {@link ARTICLE_PART_BYTES}), so no single buffer has to hold all of them (a Node
 * buffer holds at most 4 GiB).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { StoredArticles } from '../index/engine-state.js';

/** Uncompressed bytes per block before it is closed (an article is never split). */
const BLOCK_BYTES = 64 * 1024;
const EMPTY = new Uint8Array(0);
/** Default largest part of compressed blocks, bytes: 1 GiB, well under Node's largest buffer. */
export const ARTICLE_PART_BYTES = 2 ** 30;

/** Articles as compressed blocks plus the offsets to find each article again. */
export interface ArticleBlocks {
  /**
   * The compressed blocks, concatenated and cut into parts at block boundaries (a block is
   * never split); the offsets below are into the parts joined end to end.
   */
  parts: Uint8Array[];
  /** Document d's bytes are docOffsets[d] … docOffsets[d + 1] of the uncompressed stream. */
  docOffsets: Float64Array;
  /** Block b holds uncompressed bytes blockStarts[b] … blockStarts[b + 1]. */
  blockStarts: Float64Array;
  /** Block b is bytes blockOffsets[b] … blockOffsets[b + 1] of the joined parts. */
  blockOffsets: Float64Array;
}

/** True when `x` has the shape of {@link ArticleBlocks} (what `unpackArticles` keeps as `packed`). */
function isArticleBlocks(x: unknown): x is ArticleBlocks {
  const b = x as Partial<ArticleBlocks> | undefined;
  return b !== undefined && b !== null && Array.isArray(b.parts) && b.docOffsets instanceof Float64Array &&
    b.blockStarts instanceof Float64Array && b.blockOffsets instanceof Float64Array;
}

/** A function giving block b's compressed bytes, found in the part that holds it. */
function blockReader(blocks: ArticleBlocks): (b: number) => Uint8Array {
  const { parts, blockOffsets } = blocks;
  const partStarts = new Float64Array(parts.length + 1);
  for (let k = 0; k < parts.length; k++) partStarts[k + 1] = partStarts[k] + parts[k].length;
  if (partStarts[parts.length] !== blockOffsets[blockOffsets.length - 1]) {
    throw new Error(`article parts hold ${partStarts[parts.length]} bytes, the block table says ${blockOffsets[blockOffsets.length - 1]}`);
  }
  return (b) => {
    const start = blockOffsets[b];
    let lo = 0;
    let hi = parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (partStarts[mid] <= start) lo = mid;
      else hi = mid - 1;
    }
    const end = blockOffsets[b + 1] - partStarts[lo];
    if (end > parts[lo].length) throw new Error(`article block ${b} straddles two parts`);
    return parts[lo].subarray(start - partStarts[lo], end);
  };
}

/** Joins `blocks` into parts of at most `partBytes` each (a block larger than that is a part of its own). */
function intoParts(blocks: readonly Uint8Array[], partBytes: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for (const block of blocks) {
    if (pendingBytes > 0 && pendingBytes + block.length > partBytes) {
      parts.push(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    }
    pending.push(block);
    pendingBytes += block.length;
  }
  if (pendingBytes > 0 || parts.length === 0) parts.push(Buffer.concat(pending));
  return parts;
}

/**
 * For each block of `src`, the first document whose bytes start in it (lower bound of its
 * start); one more entry, the number of documents, closes the last block.
 */
function firstDocs(src: ArticleBlocks): Int32Array {
  const numBlocks = src.blockStarts.length - 1;
  const numDocs = src.docOffsets.length - 1;
  const first = new Int32Array(numBlocks + 1);
  let d = 0;
  for (let b = 0; b < numBlocks; b++) {
    while (d < numDocs && src.docOffsets[d] < src.blockStarts[b]) d++;
    first[b] = d;
  }
  first[numBlocks] = numDocs;
  return first;
}

/**
 * Compresses every document's bytes into blocks. When the articles come from a loaded
 * snapshot (`articles.origin`), every block of it whose documents all still have the same
 * bytes is copied as it is, compressed, instead of being inflated and deflated again: an
 * update that changes 1% of the articles re-compresses about 1% of the text.
 */
export function packArticles(articles: StoredArticles, partBytes = ARTICLE_PART_BYTES): ArticleBlocks {
  if (!(Number.isInteger(partBytes) && partBytes >= 1)) throw new RangeError(`partBytes must be a positive integer, got ${partBytes}`);
  const n = articles.numDocs;
  const docOffsets = new Float64Array(n + 1);
  const blockStarts: number[] = [0];
  const blockOffsets: number[] = [0];
  const blocks: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let at = 0;
  let compressedAt = 0;
  const push = (block: Uint8Array): void => {
    blocks.push(block);
    compressedAt += block.length;
    blockStarts.push(at);
    blockOffsets.push(compressedAt);
  };
  const close = (): void => {
    push(deflateRawSync(Buffer.concat(pending)));
    pending = [];
    pendingBytes = 0;
  };
  const origin = articles.origin;
  const src = origin && isArticleBlocks(origin.stored.packed) ? origin.stored.packed : undefined;
  const srcBlock = src ? blockReader(src) : undefined;
  const first = src ? firstDocs(src) : new Int32Array(1);
  const numSrcBlocks = first.length - 1;
  /** True when every document of source block b has the bytes it had there. */
  const reusable = (b: number): boolean => {
    if (!src || !origin) return false;
    for (let d = first[b]; d < first[b + 1]; d++) {
      const empty = src.docOffsets[d + 1] === src.docOffsets[d];
      if (!(empty ? articles.bytes(d).length === 0 : origin.unchanged(d))) return false;
    }
    return true;
  };
  let b = 0;
  for (let d = 0; d < n; ) {
    while (b < numSrcBlocks && first[b] < d) b++;
    if (src && srcBlock && b < numSrcBlocks && first[b] === d && first[b + 1] > d && first[b + 1] <= n && reusable(b)) {
      if (pendingBytes > 0) close();
      const base = at - src.blockStarts[b];
      for (let k = first[b]; k < first[b + 1]; k++) docOffsets[k + 1] = base + src.docOffsets[k + 1];
      at += src.blockStarts[b + 1] - src.blockStarts[b];
      push(srcBlock(b));
      d = first[b + 1];
      b++;
      continue;
    }
    const bytes = articles.bytes(d);
    pending.push(bytes);
    pendingBytes += bytes.length;
    at += bytes.length;
    docOffsets[d + 1] = at;
    if (pendingBytes >= BLOCK_BYTES) close();
    d++;
  }
  if (pendingBytes > 0) close();
  return { parts: intoParts(blocks, partBytes), docOffsets, blockStarts: Float64Array.from(blockStarts), blockOffsets: Float64Array.from(blockOffsets) };
}

/**
 * Stored articles over packed blocks, inflating a block when one of its articles is read. The
 * last inflated block is kept, so reading articles in order (a re-save) inflates each block once.
 */
export function unpackArticles(blocks: ArticleBlocks): StoredArticles {
  const { docOffsets, blockStarts, blockOffsets } = blocks;
  const numBlocks = blockStarts.length - 1;
  if (blockOffsets.length !== blockStarts.length) throw new Error('article block tables differ in length');
  const block = blockReader(blocks);
  let lastBlock = -1;
  let lastBytes: Uint8Array = EMPTY;
  return {
    numDocs: docOffsets.length - 1,
    packed: blocks,
    bytes(doc: number): Uint8Array {
      const start = docOffsets[doc];
      const end = docOffsets[doc + 1];
      if (end === start) return EMPTY;
      // The last block starting at or before `start`: binary search over block starts.
      let lo = 0;
      let hi = numBlocks - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (blockStarts[mid] <= start) lo = mid;
        else hi = mid - 1;
      }
      if (lo !== lastBlock) {
        lastBytes = inflateRawSync(block(lo));
        lastBlock = lo;
      }
      const from = start - blockStarts[lo];
      return lastBytes.subarray(from, from + (end - start));
    },
  };
}
