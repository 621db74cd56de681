/**
 * The corpus watcher behind `serve --watch`: a burst of changes gives one call, in both modes
 * (file-system events and polling); stopping drops what is pending.
 */
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { watchCorpus, type CorpusWatcher } from '../../lifecycle/watch-corpus.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const article = (title: string): string => `${JSON.stringify({ title, paragraphs: [`${title} text.`] })}\n`;

/** Waits until `count()` reaches `n` (bounded), then a little longer to see it does not pass it. */
async function settleAt(count: () => number, n: number, quietMs: number): Promise<void> {
  for (let i = 0; i < 400 && count() < n; i++) await sleep(25);
  await sleep(quietMs);
}

for (const poll of [false, true]) {
  describe(`watchCorpus (${poll ? 'polling' : 'events where available'})`, function () {
    this.timeout(30_000);
    let dir: string;
    let watcher: CorpusWatcher | undefined;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ledesearch-watch-'));
      await mkdir(join(dir, 'wire'));
      await writeFile(join(dir, 'wire', 'a.jsonl'), article('Alpha'));
    });
    afterEach(async () => {
      watcher?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('calls once for a burst of adds, changes and removals, and again for a later change', async () => {
      let calls = 0;
      watcher = watchCorpus(dir, { poll, pollIntervalMs: 50, debounceMs: 300, onChange: () => calls++ });
      if (poll) expect(watcher.mode).to.equal('polling');
      await sleep(150); // the poller's first listing
      for (let i = 0; i < 10; i++) await writeFile(join(dir, 'wire', `burst-${i}.jsonl`), article(`Burst ${i}`));
      await writeFile(join(dir, 'wire', 'a.jsonl'), article('Alpha changed'));
      await unlink(join(dir, 'wire', 'burst-3.jsonl'));
      await settleAt(() => calls, 1, 600);
      expect(calls).to.equal(1);
      await writeFile(join(dir, 'wire', 'late.jsonl'), article('Late'));
      await settleAt(() => calls, 2, 600);
      expect(calls).to.equal(2);
    });

    it('sees a change in a nested folder, and nothing after stop()', async () => {
      let calls = 0;
      watcher = watchCorpus(dir, { poll, pollIntervalMs: 50, debounceMs: 100, onChange: () => calls++ });
      await sleep(150);
      await mkdir(join(dir, 'wire', 'deep'));
      await writeFile(join(dir, 'wire', 'deep', 'n.jsonl'), article('Nested'));
      await settleAt(() => calls, 1, 300);
      expect(calls).to.equal(1);
      watcher.stop();
      await writeFile(join(dir, 'wire', 'after.jsonl'), article('After'));
      await sleep(500);
      expect(calls).to.equal(1);
    });
  });
}

describe('watchCorpus on a folder that goes away', () => {
  it('reports the error and does not throw', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ledesearch-watch-gone-'));
    const errors: unknown[] = [];
    const watcher = watchCorpus(join(dir, 'missing'), { poll: true, pollIntervalMs: 20, onChange: () => {}, onError: (e) => errors.push(e) });
    await sleep(200);
    watcher.stop();
    await rm(dir, { recursive: true, force: true });
    expect(errors.length).to.be.greaterThan(0);
  });
});
