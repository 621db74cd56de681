import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FIXTURE_CORPUS } from '../server/helpers.js';
import { runCli } from './run-cli.js';

describe('ledesearch serve --watch (arguments)', function () {
  this.timeout(30_000);
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-watch-cli-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('refuses --watch with --follow, and with more than one worker, before loading anything', async () => {
    const follow = await runCli(['serve', '--watch', '--follow', work, '--port', '0'], work);
    expect(follow.code).to.equal(2);
    expect(follow.stderr).to.match(/--watch.*cannot be used with.*--follow/);
    const workers = await runCli(['serve', '--watch', '--workers', '2', '--corpus', FIXTURE_CORPUS, '--port', '0'], work);
    expect(workers.code).to.equal(2);
    expect(workers.stderr).to.match(/--watch needs --workers 1/);
  });
});
