/**
 * Snapshots past the sizes one buffer or one string can hold, tested at a small scale: the part
 * size is a parameter, so a few KiB stand for the 256 MiB of a real one and every multi-part path
 * runs (ids, terms and compressed articles in many parts; the file read section by section).
 * The real >4 GiB path is exercised by hand (docs/SCALING.md).
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSearchIndex, SnapshotError, type SearchIndex } from '../../lib/index.js';
import { engineStatePieces, engineStateWithMetadataFromBytes, readSnapshotFile, writeSnapshotFile } from '../../lib/snapshot/snapshot-file.js';
import { exportEngineState, importEngineState } from '../../lib/search/search-index.js';
import { syntheticCorpus } from '../search/synthetic-corpus.js';

const QUERIES = ['missile', 'north korea missile', 'oil prices', 'gold*', 'bank rate export', 'missle'];

function answers(index: SearchIndex): string[] {
  return QUERIES.map((q) => JSON.stringify({ ...index.search(q, { limit: 20, snippets: 1, facets: ['category', 'topics'] }), tookMs: 0 }));
}

interface HeaderView {
  ids: unknown[];
  terms: unknown[];
  display: unknown[];
  articles: { offset: number; length: number }[];
}

function headerOf(bytes: Buffer): HeaderView {
  const len = bytes.readUInt32LE(20);
  return JSON.parse(bytes.toString('utf8', 24, 24 + len)) as HeaderView;
}

describe('snapshot in parts', () => {
  const index = createSearchIndex();
  index.addAll(syntheticCorpus(400, 11));
  index.remove('syn-3');
  const state = exportEngineState(index);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ledesearch-parts-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const partBytes of [1, 128, 65_536]) {
    it(`round-trips with parts of ${partBytes} bytes, from bytes and from a file read section by section`, async () => {
      const pieces = engineStatePieces(state, { metadata: { partBytes } }, partBytes);
      const bytes = Buffer.concat(pieces);
      const header = headerOf(bytes);
      const whole = headerOf(Buffer.concat(engineStatePieces(state)));
      expect(whole.ids).to.have.length(1);
      expect(whole.articles).to.have.length(1);
      if (partBytes <= 128) expect([header.ids.length, header.terms.length].every((n) => n > 1)).to.equal(true);
      if (partBytes === 1) {
        // One id, one term and one compressed block per part.
        expect(header.ids.length).to.equal(state.ids.length);
        expect(header.terms.length).to.equal(state.index.terms.length);
        expect(header.articles.length).to.be.greaterThan(1);
      }
      const fromBytes = engineStateWithMetadataFromBytes(bytes);
      expect(fromBytes.metadata).to.deep.equal({ partBytes });
      expect(answers(importEngineState(fromBytes.state))).to.deep.equal(answers(index));

      const file = path.join(dir, `p${partBytes}.snapshot`);
      expect((await writeSnapshotFile(file, pieces)).bytes).to.equal(bytes.length);
      const fromFile = await readSnapshotFile(file);
      const loaded = importEngineState(fromFile.state);
      expect(loaded.size).to.equal(index.size);
      expect(fromFile.state.ids).to.deep.equal(state.ids);
      expect(fromFile.state.index.terms).to.deep.equal(state.index.terms);
      expect(answers(loaded)).to.deep.equal(answers(index));
      for (const id of ['syn-0', 'syn-200', 'syn-399']) expect(loaded.get(id)).to.deep.equal(index.get(id));
    });
  }

  it('reading a file detects a flipped byte anywhere (sections, padding, header) and a truncation', async () => {
    const bytes = Buffer.concat(engineStatePieces(state, {}, 4096));
    const file = path.join(dir, 'flip.snapshot');
    const headerEnd = 24 + bytes.readUInt32LE(20);
    // One position in the header padding (spaces), one in each tenth of the body.
    const positions = [headerEnd - 1, ...Array.from({ length: 10 }, (_, i) => headerEnd + Math.floor(((bytes.length - headerEnd - 4) * i) / 10))];
    for (const at of positions) {
      const flipped = Buffer.from(bytes);
      flipped[at] ^= 0x01;
      await writeFile(file, flipped);
      const err = await readSnapshotFile(file).catch((e: unknown) => e);
      expect(err, `byte ${at}`).to.be.instanceOf(SnapshotError);
    }
    await writeFile(file, bytes.subarray(0, bytes.length - 1));
    expect(await readSnapshotFile(file).catch((e: unknown) => e)).to.be.instanceOf(SnapshotError).with.property('message').match(/truncated/);
    await writeFile(file, bytes);
    expect((await readSnapshotFile(file)).state.ids).to.deep.equal(state.ids);
    expect((await readFile(file)).equals(bytes)).to.equal(true);
  });

  it('refuses a header whose sections overlap or lie outside the file', async () => {
    const bytes = Buffer.concat(engineStatePieces(state, {}, 4096));
    const len = bytes.readUInt32LE(20);
    const header = JSON.parse(bytes.toString('utf8', 24, 24 + len)) as HeaderView;
    const body = bytes.subarray(24 + len);
    /** The same file with another header (padded to the same alignment), prefix lengths fixed. */
    const withHeader = (h: HeaderView): Buffer => {
      let text = Buffer.from(JSON.stringify(h));
      text = Buffer.concat([text, Buffer.alloc((8 - ((24 + text.length) % 8)) % 8, 0x20)]);
      const prefix = Buffer.from(bytes.subarray(0, 24));
      prefix.writeDoubleLE(24 + text.length + body.length, 12);
      prefix.writeUInt32LE(text.length, 20);
      return Buffer.concat([prefix, text, body]);
    };
    const file = path.join(dir, 'bad.snapshot');
    const changes: [RegExp, (h: HeaderView) => void][] = [
      [/overlap/, (h) => (h.articles[1].offset = h.articles[0].offset)],
      [/outside/, (h) => (h.articles[0].length = 1e12)],
    ];
    for (const [why, change] of changes) {
      const h = structuredClone(header);
      change(h);
      await writeFile(file, withHeader(h));
      const err = await readSnapshotFile(file).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(SnapshotError).with.property('message').match(why);
    }
    // The untouched header rebuilt the same way still loads: the errors above are the changes'.
    await writeFile(file, withHeader(header));
    expect((await readSnapshotFile(file)).state.ids).to.deep.equal(state.ids);
  });
});
