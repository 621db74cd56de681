import { expect } from 'chai';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createSearchIndex,
  loadSnapshot,
  saveSnapshot,
  snapshotFromBytes,
  snapshotToBytes,
  SnapshotError,
  SNAPSHOT_FORMAT_VERSION,
  type SearchIndex,
  type SearchOptions,
} from '../../lib/index.js';
import { InvertedIndex } from '../../lib/index/inverted-index.js';
import { exportEngineState } from '../../lib/search/search-index.js';
import type { Article } from '../../lib/types.js';
import { checkIndex } from '../index/check-positions.js';
import { syntheticCorpus } from '../search/synthetic-corpus.js';

function answers(index: SearchIndex): string[] {
  const queries = ['missile', 'north korea missile', 'oil prices', 'gold*', 'bank rate export', 'missle', ''];
  const options: SearchOptions[] = [
    { limit: 5 },
    { limit: 200, snippets: 0 },
    { facets: ['category', 'topics', 'publisher'], dateHistogram: true, filters: { category: ['Korea', 'Japan'] } },
    { sort: 'date', dateFrom: '2019-03-01', dateTo: '2019-09-30', facets: ['topics'] },
  ];
  return queries.flatMap((q) => options.map((o) => JSON.stringify({ ...index.search(q, o), tookMs: 0 })));
}

describe('snapshot', () => {
  const corpus = syntheticCorpus(250, 3);
  const index = createSearchIndex({ ranking: { titleWeight: 4 } });
  index.addAll(corpus);
  index.remove('syn-7');
  index.remove('syn-100');

  describe('#snapshotToBytes / #snapshotFromBytes', () => {
    it('gives an index that answers every query exactly like the original', () => {
      const loaded = snapshotFromBytes(snapshotToBytes(index));
      expect(loaded.size).to.equal(index.size);
      expect(loaded.get('syn-7')).to.equal(undefined);
      expect(loaded.ranking).to.deep.equal(index.ranking);
      expect(answers(loaded)).to.deep.equal(answers(index));
      expect(loaded.suggest('mis')).to.deep.equal(index.suggest('mis'));
    });

    it('carries the token positions of every title and paragraph posting (format 5 and later)', () => {
      const long = { id: 'long', title: 'the long one', paragraphs: [`${'gold '.repeat(300)} of the missile`] };
      const source = createSearchIndex();
      source.addAll([...corpus.slice(0, 60), long]);
      source.remove('syn-3');
      const loaded = snapshotFromBytes(snapshotToBytes(source));
      const state = exportEngineState(loaded);
      const ix = new InvertedIndex(loaded.analyzer);
      ix.importState(state.index);
      const byId = new Map<string, Article>([...corpus.slice(0, 60), long].map((a) => [a.id, a]));
      const docs = state.ids.map((id) => (id === null ? undefined : byId.get(id)));
      expect(docs.filter(Boolean)).to.have.length(60);
      checkIndex(ix, loaded.analyzer, docs);
    });

    it('decodes stored articles on demand, and re-saves undecoded ones unchanged', () => {
      const loaded = snapshotFromBytes(snapshotToBytes(index));
      // Saved again before any article was read: the stored bytes are copied as they are.
      const again = snapshotFromBytes(snapshotToBytes(loaded));
      expect(answers(again)).to.deep.equal(answers(index));
      expect([...again.articles()]).to.deep.equal([...index.articles()]);
      expect(again.get('syn-42')).to.deep.equal(index.get('syn-42'));
      expect(again.get('syn-7')).to.equal(undefined);
      expect(again.facetValues(['category'])).to.deep.equal(index.facetValues(['category']));
    });

    it('keeps working after more articles are added to the loaded index', () => {
      const loaded = snapshotFromBytes(snapshotToBytes(index));
      const extra = { id: 'extra', title: 'Missile parade', paragraphs: ['A missile parade in the capital.'], date: '2019-05-05' };
      loaded.add(extra);
      const fresh = createSearchIndex({ ranking: { titleWeight: 4 } });
      fresh.addAll(corpus.filter((a) => a.id !== 'syn-7' && a.id !== 'syn-100'));
      fresh.add(extra);
      const scores = (i: SearchIndex) => i.search('missile parade', { limit: 20, snippets: 0 }).hits.map((h) => [h.id, h.score]);
      expect(scores(loaded)).to.deep.equal(scores(fresh));
    });

    it('round-trips term frequencies too large for one byte, and reads from a misaligned buffer', () => {
      // 300 and 70,000 occurrences: stored as u16 and as i32 columns instead of u8.
      const big = createSearchIndex();
      big.addAll([
        ...corpus.slice(0, 20),
        { id: 'rep-300', title: 'Gold', paragraphs: [Array(300).fill('gold').join(' ')] },
        { id: 'rep-70k', title: 'Gold rush', paragraphs: [Array(70_000).fill('gold').join(' ')] },
      ]);
      const bytes = snapshotToBytes(big);
      const misaligned = Buffer.alloc(bytes.length + 1).subarray(1);
      bytes.copy(misaligned);
      const scores = (i: SearchIndex) => i.search('gold', { limit: 30, snippets: 0 }).hits.map((h) => [h.id, h.score]);
      expect(scores(snapshotFromBytes(bytes))).to.deep.equal(scores(big));
      expect(scores(snapshotFromBytes(misaligned))).to.deep.equal(scores(big));
      expect(scores(big).slice(0, 2).map(([id]) => id)).to.have.members(['rep-300', 'rep-70k']);
    });

    it('rejects a flipped byte, a truncation, and another format version', () => {
      const bytes = snapshotToBytes(index);
      const flipped = Buffer.from(bytes);
      flipped[Math.floor(flipped.length / 2)] ^= 0x40;
      expect(() => snapshotFromBytes(flipped)).to.throw(SnapshotError, /checksum/);
      expect(() => snapshotFromBytes(bytes.subarray(0, bytes.length - 100))).to.throw(SnapshotError, /truncated/);
      expect(() => snapshotFromBytes(bytes.subarray(0, 10))).to.throw(SnapshotError, /too short/);
      const other = Buffer.from(bytes);
      other.writeUInt32LE(SNAPSHOT_FORMAT_VERSION + 1, 8);
      expect(() => snapshotFromBytes(other)).to.throw(SnapshotError, /format version/);
      // Format 4 had no positions: refused, so the caller rebuilds.
      other.writeUInt32LE(4, 8);
      expect(() => snapshotFromBytes(other)).to.throw(SnapshotError, /format version 4/);
      expect(() => snapshotFromBytes(Buffer.from('not a snapshot at all, just some text here; '.repeat(4)))).to.throw(SnapshotError, /magic/);
    });
  });

  describe('#saveSnapshot / #loadSnapshot', () => {
    it('writes atomically (no temporary file left) and loads back', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'ledesearch-snap-'));
      const file = path.join(dir, 'nested', 'index.snapshot');
      const { bytes } = await saveSnapshot(index, file);
      expect(await readdir(path.dirname(file))).to.deep.equal(['index.snapshot']);
      expect((await readFile(file)).length).to.equal(bytes);
      expect(answers(await loadSnapshot(file))).to.deep.equal(answers(index));
    });

    it('throws SnapshotError for a missing or corrupt file', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'ledesearch-snap-'));
      const err = await loadSnapshot(path.join(dir, 'none')).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(SnapshotError);
      await writeFile(path.join(dir, 'bad'), 'garbage');
      const err2 = await loadSnapshot(path.join(dir, 'bad')).catch((e: unknown) => e);
      expect(err2).to.be.instanceOf(SnapshotError).and.have.property('code', 'snapshot_invalid');
    });
  });
});
