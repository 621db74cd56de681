import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { buildIndexFromCorpus } from '../../lifecycle/build-index.js';
import { cloneIndex, updateIndexFromCorpus } from '../../lifecycle/update-index.js';
import { FIXTURE_CORPUS } from '../server/helpers.js';

describe('updateIndexFromCorpus', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledesearch-update-'));
    await cp(FIXTURE_CORPUS, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the same index, reading nothing, when no file changed', async () => {
    const built = await buildIndexFromCorpus(dir);
    const updated = await updateIndexFromCorpus(built.index, built.manifest, dir);
    expect(updated.mode).to.equal('unchanged');
    expect(updated.index).to.equal(built.index);
    expect(updated.filesRead).to.equal(0);
  });

  it('adds the articles of a new file and counts what it did', async () => {
    const built = await buildIndexFromCorpus(dir);
    await writeFile(join(dir, 'wire', 'new.jsonl'), `${JSON.stringify({ title: 'Quokka census', paragraphs: ['Quokkas counted on Rottnest.'] })}\n`);
    const updated = await updateIndexFromCorpus(built.index, built.manifest, dir);
    expect(updated).to.include({ mode: 'incremental', filesRead: 1, filesRemoved: 0, added: 1, removed: 0 });
    expect(updated.index.search('quokka').hits.map((h) => h.id)).to.deep.equal(['wire/new:1']);
    expect(updated.manifest.files.find((f) => f.path === 'wire/new.jsonl')?.ids).to.deep.equal(['wire/new:1']);
  });

  it('rebuilds in full, saying why, when a new article takes the id of one in an unchanged file', async () => {
    const built = await buildIndexFromCorpus(dir);
    await writeFile(join(dir, 'wire', 'dup.jsonl'), `${JSON.stringify({ id: 'reuters/123', title: 'Another', paragraphs: ['Other text.'] })}\n`);
    const updated = await updateIndexFromCorpus(built.index, built.manifest, dir);
    expect(updated.mode).to.equal('full');
    expect(updated.fullReason).to.contain('id of one in an unchanged file');
    expect(updated.manifest.duplicates).to.equal(true);
    expect(updated.errors.map((e) => e.code)).to.include('duplicate_id');
  });

  it('compacts once removed articles pass the ratio, and counts them until then', async () => {
    const built = await buildIndexFromCorpus(dir);
    const file = join(dir, 'korea', 'trade.txt');
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}\nOne more line.\n`);
    const first = await updateIndexFromCorpus(built.index, built.manifest, dir, { compactRatio: 0.5 });
    expect(first.mode).to.equal('incremental');
    expect(first.manifest.numRemoved).to.equal(1);
    await writeFile(file, text);
    const second = await updateIndexFromCorpus(first.index, first.manifest, dir, { compactRatio: 0.1 });
    expect(second.mode).to.equal('compacted');
    expect(second.manifest.numRemoved).to.equal(0);
    expect(second.index).to.not.equal(first.index);
    expect(second.index.size).to.equal(8);
  });

  it('cloneIndex gives an index that changes independently of the original', async () => {
    const built = await buildIndexFromCorpus(dir);
    const copy = cloneIndex(built.index);
    copy.remove('reuters/123');
    expect(built.index.has('reuters/123')).to.equal(true);
    expect(copy.has('reuters/123')).to.equal(false);
    expect(copy.search('cocoa').total).to.equal(built.index.search('cocoa').total);
  });
});
