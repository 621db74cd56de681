import { expect } from 'chai';
import fc from 'fast-check';
import { packArticles, unpackArticles } from '../../lib/snapshot/article-blocks.js';

/** Document d's bytes, a few hundred each, every seventh empty (removed). */
function parts(n: number, tag = ''): Uint8Array[] {
  return Array.from({ length: n }, (_, d) =>
    d % 7 === 3 ? new Uint8Array(0) : Buffer.from(JSON.stringify({ id: `doc-${d}${tag}`, paragraphs: [`Paragraph ${d} `.repeat(d % 40)] })),
  );
}

describe('article blocks: re-packing a loaded snapshot', () => {
  const docs = parts(1500);
  const stored = unpackArticles(packArticles({ numDocs: docs.length, bytes: (d) => docs[d] }));

  it('copies unchanged blocks without reading their documents, and re-packs only the changed ones', () => {
    const removed = new Set([10, 11, 900]);
    const added = parts(30, '-new');
    const now = (d: number): Uint8Array => (d < docs.length ? (removed.has(d) ? new Uint8Array(0) : docs[d]) : added[d - docs.length]);
    const read = new Set<number>();
    const repacked = packArticles({
      numDocs: docs.length + added.length,
      bytes: (d) => {
        read.add(d);
        return now(d);
      },
      origin: { stored, unchanged: (d) => d < docs.length && !removed.has(d) && docs[d].length > 0 },
    });
    // Of the ~8 blocks, only the documents of the two with a removal, and the new ones, were read
    // (an empty, removed document is asked for too, to check it is still empty: that costs nothing).
    const readText = [...read].filter((d) => d >= docs.length || docs[d].length > 0);
    expect(stored.packed && (stored.packed as { blockStarts: Int32Array }).blockStarts.length - 1).to.be.at.least(6);
    expect(readText.length).to.be.below(docs.length / 2);
    for (const d of [10, 900, docs.length, docs.length + 29]) expect(read.has(d), `doc ${d}`).to.equal(true);
    const back = unpackArticles(repacked);
    for (let d = 0; d < docs.length + added.length; d++) {
      expect(Buffer.from(back.bytes(d)).equals(Buffer.from(now(d))), `doc ${d}`).to.equal(true);
    }
  });

  it('gives every document its bytes back after any removals and additions (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: docs.length - 1 }), { maxLength: 60 }), fc.integer({ min: 0, max: 50 }), (gone, numAdded) => {
        const removed = new Set(gone);
        const added = parts(numAdded, '-x');
        const now = (d: number): Uint8Array => (d < docs.length ? (removed.has(d) ? new Uint8Array(0) : docs[d]) : added[d - docs.length]);
        const repacked = packArticles({
          numDocs: docs.length + added.length,
          bytes: now,
          origin: { stored, unchanged: (d) => d < docs.length && !removed.has(d) && docs[d].length > 0 },
        });
        const back = unpackArticles(repacked);
        for (let d = 0; d < docs.length + added.length; d++) {
          if (!Buffer.from(back.bytes(d)).equals(Buffer.from(now(d)))) return false;
        }
        return true;
      }),
      { numRuns: 40 },
    );
  });
});
