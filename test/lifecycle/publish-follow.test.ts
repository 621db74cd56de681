import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createSearchIndex, saveSnapshot, type Article } from '../../lib/index.js';
import { followPublished, loadGeneration } from '../../lifecycle/follow.js';
import { publishSnapshot, readPublished, verifyPublished } from '../../lifecycle/publish.js';
import { serve } from '../../server/serve.js';

/** Writes a snapshot of `n` articles whose text names `word`, and gives its path. */
async function snapshotOf(dir: string, word: string, n: number): Promise<string> {
  const index = createSearchIndex();
  const articles: Article[] = Array.from({ length: n }, (_, i) => ({ id: `${word}-${i}`, title: `${word} ${i}`, paragraphs: [`About ${word}.`] }));
  index.addAll(articles);
  const file = join(dir, `${word}.snapshot`);
  await saveSnapshot(index, file);
  return file;
}

describe('publish and follow', () => {
  let work: string;
  let pub: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-pub-'));
    pub = join(work, 'published');
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('publishes numbered generations, keeping only the current and the previous one', async () => {
    expect(await readPublished(pub)).to.equal(undefined);
    for (const [i, word] of ['alpha', 'beta', 'gamma'].entries()) {
      const published = await publishSnapshot(await snapshotOf(work, word, i + 1), pub);
      expect(published.generation).to.equal(i + 1);
      expect(await readPublished(pub)).to.deep.equal(published);
    }
    expect((await readdir(pub)).sort()).to.deep.equal(['CURRENT.json', 'index-2.snapshot', 'index-3.snapshot']);
    const loaded = await loadGeneration(pub, (await readPublished(pub))!);
    expect(loaded.generation).to.equal(3);
    expect(loaded.index.search('gamma').total).to.equal(3);
  });

  it('refuses a generation whose file does not match the manifest', async () => {
    const published = await publishSnapshot(await snapshotOf(work, 'alpha', 2), pub);
    await writeFile(join(pub, published.file), 'x'.repeat(published.size));
    await verifyPublished(pub, published).then(() => expect.fail('should throw'), (e: Error) => expect(e.message).to.contain('SHA-256'));
  });

  it('a follower loads each newer generation once', async () => {
    await publishSnapshot(await snapshotOf(work, 'alpha', 1), pub);
    const seen: number[] = [];
    let current: number | undefined;
    const follower = followPublished(pub, { intervalMs: 10_000, current: () => current, onGeneration: (l) => void seen.push((current = l.generation)!) });
    try {
      await follower.poll();
      await follower.poll();
      await publishSnapshot(await snapshotOf(work, 'beta', 1), pub);
      await follower.poll();
      expect(seen).to.deep.equal([1, 2]);
    } finally {
      follower.stop();
    }
  });

  it('serve --follow serves the newest generation, says which in a header and in health, and swaps in the next', async () => {
    await publishSnapshot(await snapshotOf(work, 'alpha', 2), pub);
    const running = await serve({ corpus: join(work, 'none'), snapshot: false, port: 0, host: '127.0.0.1', webDir: false, logLevel: 'silent', handleSignals: false, follow: pub, followIntervalMs: 20 });
    try {
      const first = await fetch(`${running.url}/api/search?q=alpha`);
      expect(first.headers.get('x-index-generation')).to.equal('1');
      expect(((await first.json()) as { total: number }).total).to.equal(2);
      await publishSnapshot(await snapshotOf(work, 'beta', 3), pub);
      let generation = '1';
      for (let i = 0; i < 200 && generation !== '2'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        generation = (await fetch(`${running.url}/api/live`)).headers.get('x-index-generation') ?? (await fetch(`${running.url}/api/health`)).headers.get('x-index-generation') ?? '';
      }
      expect(generation).to.equal('2');
      const health = (await (await fetch(`${running.url}/api/health`)).json()) as { generation: number; numArticles: number };
      expect(health).to.include({ generation: 2, numArticles: 3 });
      // Reindexing is off when following.
      expect((await fetch(`${running.url}/api/reindex`, { method: 'POST', headers: { Authorization: 'Bearer x' } })).status).to.equal(403);
    } finally {
      await running.close();
    }
  });
});
