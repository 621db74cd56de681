import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    expect(again.stdout).to.equal(`${out} is up to date with ${corpus}: ${first.stdout.match(/8 articles \([^)]*\)/)?.[0]}\n`);

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
});
