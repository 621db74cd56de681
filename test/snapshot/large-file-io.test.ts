import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createSearchIndex, saveSnapshot, snapshotToBytes } from '../../lib/index.js';
import { crc32 } from 'node:zlib';
import { crc32Slices, readRange, writePieces } from '../../lib/snapshot/large-file-io.js';
import { syntheticCorpus } from '../search/synthetic-corpus.js';

describe('large snapshot file I/O', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ledesearch-io-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes pieces in slices and reads the file back in slices, byte for byte', async () => {
    // Slices of 1,000 bytes stand for the 256 MiB ones: the same loops, at a testable size.
    const pieces = [randomBytes(2500), Buffer.alloc(0), randomBytes(999), randomBytes(1000), randomBytes(7)];
    const file = path.join(dir, 'f');
    const w = await open(file, 'w');
    expect(await writePieces(w, pieces, 1000)).to.equal(4506);
    await w.close();
    expect((await readFile(file)).equals(Buffer.concat(pieces))).to.equal(true);
    const r = await open(file, 'r');
    try {
      const whole = await readRange(r, 0, 4506, 1000);
      expect(Buffer.from(whole).equals(Buffer.concat(pieces))).to.equal(true);
      expect(whole.byteOffset).to.equal(0); // an ArrayBuffer of its own: typed views need no copy
      const mid = await readRange(r, 2400, 1200, 7);
      expect(Buffer.from(mid).equals(Buffer.concat(pieces).subarray(2400, 3600))).to.equal(true);
      let error: unknown;
      await readRange(r, 4000, 600, 1000).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
    } finally {
      await r.close();
    }
  });

  it('checksums in slices exactly as in one call', () => {
    const bytes = randomBytes(10_007);
    expect(crc32Slices(bytes, 0, 1000)).to.equal(crc32(bytes));
    expect(crc32Slices(bytes.subarray(5000), crc32Slices(bytes.subarray(0, 5000), 0, 333), 999)).to.equal(crc32(bytes));
  });

  it('saveSnapshot writes exactly the bytes of snapshotToBytes, without joining them first', async () => {
    const index = createSearchIndex();
    index.addAll(syntheticCorpus(300, 9));
    const file = path.join(dir, 'ix.snapshot');
    const { bytes } = await saveSnapshot(index, file, { metadata: { a: 1 } });
    const expected = snapshotToBytes(index, { metadata: { a: 1 } });
    expect(bytes).to.equal(expected.length);
    expect((await readFile(file)).equals(expected)).to.equal(true);
  });
});
