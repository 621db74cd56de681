import { cp, mkdtemp, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { readSnapshotMetadata, SearchError } from '../../lib/index.js';
import { manifestOf } from '../../lifecycle/corpus-manifest.js';
import { loadOrBuildIndex } from '../../lifecycle/load-index.js';
import { BAD_CORPUS, FIXTURE_CORPUS } from '../server/helpers.js';
import { recorder } from './recorder.js';

/** Sets the modification time of a folder and everything in it. */
async function setTimes(dir: string, when: Date): Promise<void> {
  for (const rel of ['korea/seed-talks.txt', 'korea/trade.txt', 'korea/xss.txt', 'wire/reuters.jsonl', 'wire/markets.json', 'wire/broken.json', 'korea', 'wire', '.']) {
    await utimes(join(dir, rel), when, when);
  }
}

describe('loadOrBuildIndex', () => {
  let work: string;
  let corpus: string;
  let snapshot: string;
  const hourAgo = new Date(Date.now() - 3_600_000);

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-load-'));
    corpus = join(work, 'corpus');
    snapshot = join(work, 'cache', 'index.snapshot');
    await cp(FIXTURE_CORPUS, corpus, { recursive: true });
    // Corpus files an hour old: any snapshot written now is newer, whatever the clock resolution.
    await setTimes(corpus, hourAgo);
  });

  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('builds from the corpus and writes the snapshot when there is none', async () => {
    const r = recorder();
    const { loaded, errors } = await loadOrBuildIndex({ corpus, snapshot, reporter: r });
    expect(loaded.source).to.equal('corpus');
    expect(loaded.index.size).to.equal(8);
    expect(errors.map((e) => e.file)).to.deep.equal(['wire/broken.json']);
    expect(r.problems.map((e) => e.file)).to.deep.equal(['wire/broken.json']);
    expect((await stat(snapshot)).size).to.be.greaterThan(100);
    expect(manifestOf(await readSnapshotMetadata(snapshot))?.corpus).to.equal(corpus);
    expect(r.warnings).to.deep.equal([]);
  });

  it('loads the snapshot when it is newer than the corpus, answering like the fresh build', async () => {
    const first = await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    const r = recorder();
    const { loaded, errors } = await loadOrBuildIndex({ corpus, snapshot, reporter: r });
    expect(loaded.source).to.equal('snapshot');
    expect(errors).to.deep.equal([]);
    const options = { facets: ['category' as const], dateHistogram: true };
    const a = first.loaded.index.search('north korea missile', options);
    const b = loaded.index.search('north korea missile', options);
    expect({ ...b, tookMs: 0 }).to.deep.equal({ ...a, tookMs: 0 });
  });

  it('updates the snapshot, reading only the changed file, when a corpus file changed', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    const file = join(corpus, 'korea', 'trade.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n\n/, '\n\nZanzibar marmalade exports rallied on the news.\n\n'));
    const r = recorder();
    const { loaded, mode, changes } = await loadOrBuildIndex({ corpus, snapshot, reporter: r });
    expect(mode).to.equal('incremental');
    expect(changes).to.include({ filesRead: 1, filesRemoved: 0, added: 1, removed: 1 });
    expect(loaded.index.size).to.equal(8);
    expect(r.infos.join('\n')).to.contain('1 new or changed and 0 removed corpus files');
    expect(loaded.index.search('zanzibar marmalade').hits[0].id).to.equal('korea/trade');
    // The updated snapshot is now the fresh one.
    expect((await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() })).mode).to.equal('snapshot');
  });

  it('decides by content: a file touched with a new mtime but the same bytes changes nothing', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    const later = new Date(Date.now() + 3_600_000);
    await utimes(join(corpus, 'korea', 'trade.txt'), later, later);
    await utimes(corpus, later, later);
    const { loaded, mode } = await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    expect(mode).to.equal('snapshot');
    expect(loaded.source).to.equal('snapshot');
  });

  it('does not trust a restored copy of an old snapshot, newer than every corpus file, when the corpus changed since it was built', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    const backup = join(work, 'backup.snapshot');
    await cp(snapshot, backup);
    const file = join(corpus, 'wire', 'markets.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/[A-Za-z]{5}/, 'zzzzz'));
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    // The old snapshot is restored from backup: its mtime is now newer than the edited file.
    await cp(backup, snapshot);
    const later = new Date(Date.now() + 3_600_000);
    await utimes(snapshot, later, later);
    const { mode, changes } = await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    expect(mode).to.equal('incremental');
    expect(changes?.filesRead).to.equal(1);
  });

  it('updates when a file was deleted, removing its articles', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    await rm(join(corpus, 'korea', 'trade.txt'));
    const { loaded, mode, changes } = await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    expect(mode).to.equal('incremental');
    expect(changes).to.include({ filesRead: 0, filesRemoved: 1, removed: 1 });
    expect(loaded.index.size).to.equal(7);
    expect(loaded.index.has('korea/trade')).to.equal(false);
  });

  it('rebuilds from every file when full is asked for', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    const r = recorder();
    const { loaded, mode } = await loadOrBuildIndex({ corpus, snapshot, reporter: r, full: true });
    expect(mode).to.equal('full');
    expect(loaded.index.size).to.equal(8);
    expect(r.infos.join('\n')).to.contain('a full rebuild was asked for');
  });

  it('rebuilds, with a warning, from a truncated snapshot', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    await truncate(snapshot, Math.floor((await stat(snapshot)).size / 2));
    await utimes(snapshot, new Date(), new Date());
    const r = recorder();
    const { loaded } = await loadOrBuildIndex({ corpus, snapshot, reporter: r });
    expect(loaded.source).to.equal('corpus');
    expect(loaded.index.size).to.equal(8);
    expect(r.warnings).to.have.length(1);
    expect(r.warnings[0]).to.match(/unusable.*rebuilding/);
    // And the rebuilt snapshot is good again.
    expect((await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() })).loaded.source).to.equal('snapshot');
  });

  it('rebuilds, with a warning, from a snapshot with a flipped byte', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    const bytes = await readFile(snapshot);
    const at = Math.floor(bytes.length * 0.6);
    bytes[at] ^= 0xff;
    await writeFile(snapshot, bytes);
    const r = recorder();
    const { loaded } = await loadOrBuildIndex({ corpus, snapshot, reporter: r });
    expect(loaded.source).to.equal('corpus');
    expect(r.warnings.join('\n')).to.contain('checksum');
  });

  it('rebuilds, with a warning, from a file that is not a snapshot', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    await writeFile(snapshot, 'not a snapshot at all');
    const r = recorder();
    expect((await loadOrBuildIndex({ corpus, snapshot, reporter: r })).loaded.source).to.equal('corpus');
    expect(r.warnings).to.have.length(1);
  });

  it('does not trust a snapshot built from another corpus folder', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    const other = join(work, 'other');
    await cp(FIXTURE_CORPUS, other, { recursive: true });
    await setTimes(other, hourAgo);
    await rm(join(other, 'korea'), { recursive: true });
    const r = recorder();
    const { loaded } = await loadOrBuildIndex({ corpus: other, snapshot, reporter: r });
    expect(loaded.source).to.equal('corpus');
    expect(loaded.index.size).to.equal(5);
    expect(r.infos.join('\n')).to.contain('another corpus');
  });

  it('serves an existing snapshot when the corpus folder is missing', async () => {
    await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    await rm(corpus, { recursive: true });
    const { loaded } = await loadOrBuildIndex({ corpus, snapshot, reporter: recorder() });
    expect(loaded.source).to.equal('snapshot');
    expect(loaded.index.size).to.equal(8);
  });

  it('throws corpus_not_found when there is neither a corpus nor a snapshot', async () => {
    const error = await loadOrBuildIndex({ corpus: join(work, 'nope'), snapshot, reporter: recorder() }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SearchError);
    expect((error as SearchError).code).to.equal('corpus_not_found');
  });

  it('throws when no article could be read, reporting every bad file, and writes no snapshot', async () => {
    const r = recorder();
    const error = await loadOrBuildIndex({ corpus: BAD_CORPUS, snapshot, reporter: r }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SearchError);
    expect((error as Error).message).to.contain('no article could be read');
    expect(new Set(r.problems.map((e) => e.file))).to.deep.equal(new Set(['broken.json', 'empty.txt', 'lines.jsonl']));
    expect(await stat(snapshot).then(() => true, () => false)).to.equal(false);
  });

  it('neither reads nor writes a snapshot when it is false', async () => {
    const { loaded } = await loadOrBuildIndex({ corpus, snapshot: false, reporter: recorder() });
    expect(loaded.source).to.equal('corpus');
    expect(await stat(snapshot).then(() => true, () => false)).to.equal(false);
  });
});
