import { cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FIXTURE_CORPUS } from '../server/helpers.js';
import { runCli } from './run-cli.js';

describe('ledesearch index (incremental)', () => {
  let work: string;
  let corpus: string;
  let out: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-cli-incr-'));
    corpus = join(work, 'corpus');
    out = join(work, 'ix.snapshot');
    await cp(FIXTURE_CORPUS, corpus, { recursive: true });
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('builds, then says the snapshot is up to date, then reads only a new file, and rebuilds with --full', async () => {
    const first = await runCli(['index', corpus, '--out', out], work);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/^indexed 8 articles/);

    const again = await runCli(['index', corpus, '--out', out], work);
    expect(again.code, again.stderr).to.equal(0);
    // Told from the manifest alone: an up-to-date snapshot is not loaded.
    expect(again.stdout).to.equal(`${out} is up to date with ${corpus}: 8 articles\n`);

    await writeFile(join(corpus, 'wire', 'new.jsonl'), `${JSON.stringify({ title: 'Quokka census', paragraphs: ['Quokkas counted.'] })}\n`);
    const update = await runCli(['index', corpus, '--out', out], work);
    expect(update.code, update.stderr).to.equal(0);
    expect(update.stdout).to.match(/^updated 9 articles .*: 1 new or changed files read, 0 gone; 1 articles added, 0 removed; 0 skipped\n/);
    expect(update.stdout).to.contain(`wrote snapshot ${out}`);

    const full = await runCli(['index', corpus, '--out', out, '--full'], work);
    expect(full.code, full.stderr).to.equal(0);
    expect(full.stdout).to.match(/^indexed 9 articles/);
    // The broken fixture file is listed on every build that reads it.
    expect(full.stderr).to.contain('skipped wire/broken.json');

    const search = await runCli(['search', 'quokka', '--corpus', corpus, '--snapshot', out, '--json'], work);
    expect(JSON.parse(search.stdout).hits[0].id).to.equal('wire/new:1');
  });

  it('keeps an update in the journal when --journal-ratio allows it, serves it, and folds it in to publish', async () => {
    const journal = `${out}.journal`;
    expect((await runCli(['index', corpus, '--out', out, '--full'], work)).code).to.equal(0);
    const before = await stat(out);
    await writeFile(join(corpus, 'wire', 'wombat.jsonl'), `${JSON.stringify({ title: 'Wombat burrows', paragraphs: ['Wombats dig.'] })}\n`);
    const update = await runCli(['index', corpus, '--out', out, '--journal-ratio', '0.5'], work);
    expect(update.code, update.stderr).to.equal(0);
    expect(update.stdout).to.match(/^updated 10 articles .*: 1 new or changed files read, 0 gone; 1 articles added, 0 removed; 0 skipped\n/);
    expect(update.stdout).to.match(/wrote the update to the journal of .*: 1 articles added and 0 removed since the snapshot was written whole/);
    // The snapshot itself was not written again.
    expect((await stat(out)).mtimeMs).to.equal(before.mtimeMs);
    expect((await stat(journal)).size).to.be.greaterThan(0);

    const search = await runCli(['search', 'wombat', '--corpus', corpus, '--snapshot', out, '--json'], work);
    expect(JSON.parse(search.stdout).hits.map((h: { id: string }) => h.id)).to.deep.equal(['wire/wombat:1']);

    const publishDir = join(work, 'published');
    const published = await runCli(['index', corpus, '--out', out, '--publish', publishDir], work);
    expect(published.code, published.stderr).to.equal(0);
    expect(published.stdout).to.contain('published generation 1');
    // Replicas load one file: the journal was folded into the snapshot first.
    expect(await stat(journal).then(() => true, () => false)).to.equal(false);
    const fromPublished = await runCli(['search', 'wombat', '--snapshot', join(publishDir, 'index-1.snapshot'), '--corpus', join(work, 'nowhere'), '--json'], work);
    expect(fromPublished.code, fromPublished.stderr).to.equal(0);
    expect(JSON.parse(fromPublished.stdout).hits.map((h: { id: string }) => h.id)).to.deep.equal(['wire/wombat:1']);
  });
});
