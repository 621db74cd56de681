import { cp, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { serve, type RunningServer } from '../../server/serve.js';
import { expectValid, FIXTURE_CORPUS } from './helpers.js';

/** Polls GET /api/health until the reindex is no longer running, and gives the health body. */
async function settled(url: string): Promise<{ numArticles: number; reindex: Record<string, unknown> }> {
  for (;;) {
    const health = (await (await fetch(`${url}/api/health`)).json()) as { numArticles: number; reindex: Record<string, unknown> };
    if (health.reindex.state !== 'running') {
      expectValid('health-response', health);
      return health;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('POST /api/reindex (incremental)', () => {
  let work: string;
  let corpus: string;
  let running: RunningServer;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-reindex-incr-'));
    corpus = join(work, 'corpus');
    await cp(FIXTURE_CORPUS, corpus, { recursive: true });
    running = await serve({ corpus, snapshot: join(work, 'ix.snapshot'), port: 0, host: '127.0.0.1', reindexToken: 'tok', webDir: false, logLevel: 'silent', handleSignals: false });
  });
  after(async () => {
    await running.close();
    await rm(work, { recursive: true, force: true });
  });

  const reindex = (query = ''): Promise<Response> => fetch(`${running.url}/api/reindex${query}`, { method: 'POST', headers: { Authorization: 'Bearer tok' } });

  it('reports unchanged when no corpus file changed', async () => {
    expect((await reindex()).status).to.equal(202);
    const health = await settled(running.url);
    expect(health.reindex).to.include({ state: 'succeeded', mode: 'unchanged', full: false });
  });

  it('reads only the new file, and the new article is searchable', async () => {
    await writeFile(join(corpus, 'wire', 'new.jsonl'), `${JSON.stringify({ title: 'Quokka census', paragraphs: ['Quokkas counted.'] })}\n`);
    expect((await reindex()).status).to.equal(202);
    const health = await settled(running.url);
    expect(health.reindex).to.include({ state: 'succeeded', mode: 'incremental', numArticles: 9 });
    const body = (await (await fetch(`${running.url}/api/search?q=quokka`)).json()) as { hits: { id: string }[] };
    expect(body.hits.map((h) => h.id)).to.deep.equal(['wire/new:1']);
  });

  it('rebuilds from every file with ?full=1, and refuses other values', async () => {
    const started = await reindex('?full=1');
    expect(started.status).to.equal(202);
    expect(((await started.json()) as { reindex: { full: boolean } }).reindex.full).to.equal(true);
    const health = await settled(running.url);
    expect(health.reindex).to.include({ state: 'succeeded', mode: 'full', full: true, numArticles: 9 });
    const bad = await reindex('?full=yes');
    expect(bad.status).to.equal(400);
    const error = await bad.json();
    expectValid('error', error);
    expect((error as { code: string }).code).to.equal('invalid_request');
  });
});

describe('POST /api/reindex (update journal)', () => {
  let work: string;
  let corpus: string;
  let snapshot: string;
  let running: RunningServer | undefined;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-reindex-journal-'));
    corpus = join(work, 'corpus');
    snapshot = join(work, 'ix.snapshot');
    await mkdir(corpus);
    // Twenty articles: one more is within the journal's tenth of them.
    for (let i = 0; i < 20; i++) await writeFile(join(corpus, `base-${i}.jsonl`), `${JSON.stringify({ title: `Grain report ${i}`, paragraphs: [`Grain exports rose ${i} percent.`] })}\n`);
  });
  after(async () => {
    await running?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('keeps an update in the snapshot journal instead of writing the snapshot again, and a fresh server loads both', async () => {
    running = await serve({ corpus, snapshot, port: 0, host: '127.0.0.1', reindexToken: 'tok', webDir: false, logLevel: 'silent', handleSignals: false });
    const written = (await stat(snapshot)).mtimeMs;
    await writeFile(join(corpus, 'new.jsonl'), `${JSON.stringify({ title: 'Quokka census', paragraphs: ['Quokkas counted.'] })}\n`);
    expect((await fetch(`${running.url}/api/reindex`, { method: 'POST', headers: { Authorization: 'Bearer tok' } })).status).to.equal(202);
    expect((await settled(running.url)).reindex).to.include({ state: 'succeeded', mode: 'incremental', numArticles: 21 });
    expect((await stat(snapshot)).mtimeMs).to.equal(written);
    expect((await stat(`${snapshot}.journal`)).size).to.be.greaterThan(0);
    await running.close();

    running = await serve({ corpus, snapshot, port: 0, host: '127.0.0.1', webDir: false, logLevel: 'silent', handleSignals: false });
    const health = (await (await fetch(`${running.url}/api/health`)).json()) as { numArticles: number };
    expect(health.numArticles).to.equal(21);
    const body = (await (await fetch(`${running.url}/api/search?q=quokka`)).json()) as { hits: { id: string }[] };
    expect(body.hits.map((h) => h.id)).to.deep.equal(['new:1']);
  });
});
