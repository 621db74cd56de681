/**
 * Issue 13 end to end: a corpus with hostile files beside a good one still gets indexed by the
 * command line, which skips and lists them, instead of dying with a stack overflow.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from './run-cli.js';

describe('ledesearch index (hostile corpus files, issue 13)', () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-hostile-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('indexes the good file, lists the hostile ones as skipped, writes the snapshot and exits 0', async () => {
    const corpus = join(work, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'good.txt'), 'Good title\n\nA good paragraph about oil.\n');
    await writeFile(join(corpus, 'deep.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await writeFile(join(corpus, 'junk.ndjson'), Array.from({ length: 20_000 }, (_, i) => `junk ${i}`).join('\n'));
    await writeFile(join(corpus, 'one-line.txt'), 'word '.repeat(100_000));
    const out = join(work, 'index.snapshot');
    const r = await runCli(['index', corpus, '--out', out], work);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^indexed 1 article/);
    const skipped = r.stderr.split('\n').filter((l) => l.startsWith('skipped '));
    expect(skipped.filter((l) => l.startsWith('skipped deep.json'))).to.have.length(1);
    expect(skipped.filter((l) => l.startsWith('skipped one-line.txt'))).to.have.length(1);
    // 100 listed lines of junk.ndjson, then the one that counts the other 19 900.
    expect(skipped.filter((l) => l.startsWith('skipped junk.ndjson'))).to.have.length(101);
    expect(r.stderr).to.contain('19900 more problems');
    expect((await stat(out)).size).to.be.greaterThan(0);
  });
});
