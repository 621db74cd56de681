import { expect } from 'chai';
import { packArticles, unpackArticles } from '../../lib/snapshot/article-blocks.js';

/** Document d's bytes: empty for every seventh (a removed article), one of 200 KB, else a few hundred. */
function parts(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, d) => {
    if (d % 7 === 3) return new Uint8Array(0);
    const text = d === 40 ? 'x'.repeat(200_000) : JSON.stringify({ id: `doc-${d}`, title: `Title ${d}`, paragraphs: [`Paragraph ${d} `.repeat(d % 50)] });
    return Buffer.from(text);
  });
}

describe('article blocks', () => {
  const docs = parts(2_000);
  const packed = packArticles({ numDocs: docs.length, bytes: (d) => docs[d] });

  it('packs into several compressed blocks, smaller than the input', () => {
    const input = docs.reduce((n, b) => n + b.length, 0);
    expect(packed.blockStarts.length - 1).to.be.greaterThan(5);
    expect(packed.blockStarts[packed.blockStarts.length - 1]).to.equal(input);
    expect(packed.parts).to.have.length(1);
    expect(packed.parts[0].length).to.be.below(input / 3);
  });

  it('gives every document its bytes back, in any order, removed ones empty', () => {
    const stored = unpackArticles(packed);
    expect(stored.numDocs).to.equal(docs.length);
    const order = docs.map((_, d) => d).sort((a, b) => ((a * 7919) % 2003) - ((b * 7919) % 2003));
    for (const d of order) expect(Buffer.from(stored.bytes(d)).equals(Buffer.from(docs[d])), `doc ${d}`).to.equal(true);
    expect(stored.bytes(3).length).to.equal(0);
    expect(stored.bytes(40).length).to.equal(200_000);
  });

  it('cuts the compressed blocks into parts of at most partBytes, and reads every document back from them', () => {
    const partBytes = Math.floor(packed.parts[0].length / 6);
    const small = packArticles({ numDocs: docs.length, bytes: (d) => docs[d] }, partBytes);
    expect(small.parts.length).to.be.greaterThan(3);
    const joined = Buffer.concat(small.parts);
    expect(joined.equals(Buffer.from(packed.parts[0]))).to.equal(true);
    // Each part ends on a block boundary, and only a part of one block may exceed partBytes.
    let at = 0;
    for (const part of small.parts) {
      at += part.length;
      expect([...small.blockOffsets]).to.include(at);
      const blocksIn = [...small.blockOffsets].filter((o) => o > at - part.length && o <= at).length;
      if (blocksIn > 1) expect(part.length).to.be.at.most(partBytes);
    }
    const stored = unpackArticles(small);
    for (let d = docs.length - 1; d >= 0; d--) expect(Buffer.from(stored.bytes(d)).equals(Buffer.from(docs[d])), `doc ${d}`).to.equal(true);
  });

  it('packs an empty or all-removed set', () => {
    for (const n of [0, 3]) {
      const none = Array.from({ length: n }, () => new Uint8Array(0));
      const p = packArticles({ numDocs: n, bytes: (d) => none[d] });
      const stored = unpackArticles(p);
      expect(stored.numDocs).to.equal(n);
      for (let d = 0; d < n; d++) expect(stored.bytes(d).length).to.equal(0);
    }
  });
});
