/**
 * `serve --watch`: files added, changed and removed in the corpus folder show up in search
 * answers without a request failing; a malformed file is reported and skipped, not fatal.
 */
import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { serve, type RunningServer } from '../../server/serve.js';
import { FIXTURE_CORPUS } from './helpers.js';

const article = (title: string, text: string): string => `${JSON.stringify({ title, paragraphs: [text] })}\n`;

describe('serve --watch', function () {
  this.timeout(60_000);
  let work: string;
  let corpus: string;
  let running: RunningServer;
  let failures: string[];
  let requests: number;

  async function ids(q: string): Promise<string[]> {
    requests++;
    const res = await fetch(`${running.url}/api/search?q=${encodeURIComponent(q)}&limit=50`);
    if (res.status !== 200) failures.push(`${res.status} ${await res.text()}`);
    return ((await res.json()) as { hits: { id: string }[] }).hits.map((h) => h.id).sort();
  }

  /** Searches `q` until the answer is `expected` (bounded): the update runs in the background. */
  async function eventually(q: string, expected: string[]): Promise<void> {
    let last: string[] = [];
    for (let i = 0; i < 300; i++) {
      last = await ids(q);
      if (JSON.stringify(last) === JSON.stringify(expected)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(last, `answers to "${q}"`).to.deep.equal(expected);
  }

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-serve-watch-'));
    corpus = join(work, 'corpus');
    await cp(FIXTURE_CORPUS, corpus, { recursive: true });
    running = await serve({
      corpus,
      snapshot: join(work, 'ix.snapshot'),
      port: 0,
      host: '127.0.0.1',
      webDir: false,
      logLevel: 'silent',
      handleSignals: false,
      watch: { debounceMs: 300 },
    });
    failures = [];
    requests = 0;
  });
  after(async () => {
    await running.close();
    await rm(work, { recursive: true, force: true });
  });

  it('answers a file added, then changed, then removed', async () => {
    expect(await ids('quokka')).to.deep.equal([]);
    await writeFile(join(corpus, 'wire', 'quokka.jsonl'), article('Quokka census', 'Quokkas were counted on the island.'));
    await eventually('quokka', ['wire/quokka:1']);
    await writeFile(join(corpus, 'wire', 'quokka.jsonl'), article('Wombat census', 'Wombats were counted instead.') + article('Quokka return', 'The quokka came back.'));
    await eventually('wombat', ['wire/quokka:1']);
    await eventually('quokka', ['wire/quokka:2']);
    await unlink(join(corpus, 'wire', 'quokka.jsonl'));
    await eventually('quokka', []);
    await eventually('wombat', []);
    expect(failures).to.deep.equal([]);
  });

  it('updates once for a burst of files: the first answer with any of them has all of them', async () => {
    const builtAt = async (): Promise<string> => ((await (await fetch(`${running.url}/api/health`)).json()) as { builtAt: string }).builtAt;
    const before = await builtAt();
    for (let i = 0; i < 8; i++) await writeFile(join(corpus, 'wire', `kiwi-${i}.jsonl`), article(`Kiwi ${i}`, `Kiwi bird number ${i}.`));
    const all = Array.from({ length: 8 }, (_, i) => `wire/kiwi-${i}:1`).sort();
    let first: string[] = [];
    for (let i = 0; i < 300 && first.length === 0; i++) {
      first = await ids('kiwi');
      if (first.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(first).to.deep.equal(all);
    expect(await builtAt()).to.not.equal(before);
  });

  it('skips a malformed file, keeps serving, and still takes the good ones', async () => {
    const errorsBefore = ((await (await fetch(`${running.url}/api/health`)).json()) as { numCorpusErrors?: number }).numCorpusErrors ?? 0;
    await writeFile(join(corpus, 'wire', 'broken.jsonl'), '{"title": "Broken", "paragraphs": [\n');
    await writeFile(join(corpus, 'wire', 'emu.jsonl'), article('Emu sighting', 'An emu was seen.'));
    await eventually('emu', ['wire/emu:1']);
    const health = (await (await fetch(`${running.url}/api/health`)).json()) as { numCorpusErrors?: number };
    expect(health.numCorpusErrors).to.be.greaterThan(errorsBefore);
    expect(failures).to.deep.equal([]);
    expect(requests).to.be.greaterThan(5);
  });
});
