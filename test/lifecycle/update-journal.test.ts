/**
 * Updates kept in the snapshot's journal (lifecycle/update-journal.ts): after any sequence of
 * corpus edits, each followed by `refreshSnapshot` (what `ledesearch index` runs), the snapshot
 * with its journal loads into an index that searches exactly as a full rebuild of the folder;
 * and a journal that is corrupt or belongs to an earlier snapshot loses nothing.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import type { SearchError } from '../../lib/index.js';
import { buildIndexFromCorpus } from '../../lifecycle/build-index.js';
import { loadOrBuildIndex, refreshSnapshot } from '../../lifecycle/load-index.js';
import { journalPath, readJournal } from '../../lifecycle/update-journal.js';
import { answers, corpusWriter, SEED, step } from './corpus-steps.js';
import { recorder } from './recorder.js';

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

describe('update journal (property)', function () {
  this.timeout(180_000);

  it('after any sequence of adds, edits and deletes kept in the journal, loads and searches exactly as a full rebuild', async () => {
    let run = 0;
    const seen = { journal: 0, whole: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 7 }), fc.constantFrom(0.5, 3, 100), async (steps, journalRatio) => {
        const work = await mkdtemp(join(tmpdir(), `ledesearch-jrn-${run++}-`));
        const dir = join(work, 'corpus');
        const snapshot = join(work, 'index.snapshot');
        await mkdir(dir);
        const corpus = corpusWriter(dir);
        try {
          await corpus.write('seed', SEED);
          await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), journalRatio });
          for (const s of steps) {
            await corpus.apply(s);
            const refreshed = await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), journalRatio });
            if (refreshed.wroteJournal) seen.journal++;
            if (refreshed.wroteSnapshot) seen.whole++;
            const fresh = await buildIndexFromCorpus(dir);
            expect(refreshed.numArticles, 'articles').to.equal(fresh.index.size);
            // A fresh process: the snapshot, then its journal.
            const r = recorder();
            const { loaded, mode } = await loadOrBuildIndex({ corpus: dir, snapshot, reporter: r, journalRatio });
            expect(mode).to.equal('snapshot');
            expect(r.warnings).to.deep.equal([]);
            expect(loaded.index.size, 'size').to.equal(fresh.index.size);
            expect(answers(loaded.index)).to.deep.equal(answers(fresh.index));
            expect(loaded.numCorpusErrors).to.equal(fresh.numCorpusErrors);
            const files = (m: typeof fresh.manifest | undefined): unknown => m?.files.map((f) => [f.path, f.sha1, [...f.ids].sort()]);
            expect(files(loaded.manifest)).to.deep.equal(files(fresh.manifest));
          }
        } finally {
          await rm(work, { recursive: true, force: true });
        }
      }),
      { numRuns: 30 },
    );
    // The runs kept updates in journals and also wrote snapshots whole (over the ratio, compaction, fallbacks).
    expect(seen.journal).to.be.greaterThan(0);
    expect(seen.whole).to.be.greaterThan(0);
  });
});

describe('update journal', function () {
  this.timeout(60_000);
  let work: string;
  let dir: string;
  let snapshot: string;
  const article = (title: string, text: string): string => `${JSON.stringify({ title, paragraphs: [text] })}\n`;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-journal-'));
    dir = join(work, 'corpus');
    snapshot = join(work, 'index.snapshot');
    await mkdir(dir);
    for (let i = 0; i < 10; i++) await writeFile(join(dir, `base-${i}.jsonl`), article(`Base story ${i}`, `Grain exports rose ${i} percent.`));
    await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder() });
  });

  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('writes only the journal for a small update, and the snapshot whole once the journal passes its share', async () => {
    const before = await stat(snapshot);
    await writeFile(join(dir, 'new-1.jsonl'), article('Quokka census', 'Quokkas counted on the island.'));
    const first = await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder() });
    expect(first.mode).to.equal('incremental');
    expect(first.wroteSnapshot).to.equal(false);
    expect(first.wroteJournal).to.include({ articles: 1, removed: 0 });
    expect(first.loaded, 'no index loaded').to.equal(undefined);
    expect((await stat(snapshot)).mtimeMs).to.equal(before.mtimeMs);
    expect((await readJournal(snapshot))?.articles.map((a) => a.title)).to.deep.equal(['Quokka census']);

    // An edit of a snapshot article: its id is removed from the snapshot's and the new copy added.
    await writeFile(join(dir, 'base-3.jsonl'), article('Base story 3, corrected', 'Grain exports fell.'));
    const r = recorder();
    const second = await refreshSnapshot({ corpus: dir, snapshot, reporter: r });
    // 2 added and 1 removed is more than a tenth of the snapshot's 10 articles: written whole.
    expect(second.wroteSnapshot).to.equal(true);
    expect(second.mode).to.equal('incremental');
    expect(r.infos.join('\n')).to.match(/the update cannot be kept in the journal: the journal would hold more than 0.1/);
    expect(await exists(journalPath(snapshot))).to.equal(false);
    const { loaded } = await loadOrBuildIndex({ corpus: dir, snapshot, reporter: recorder() });
    expect(loaded.index.size).to.equal(11);
    expect(loaded.index.search('quokka').hits.map((h) => h.id)).to.deep.equal(['new-1:1']);
    expect(loaded.index.get('base-3:1')?.title).to.equal('Base story 3, corrected');
  });

  it('ignores a corrupt journal with a warning, and the next update reads those files again', async () => {
    await writeFile(join(dir, 'new-1.jsonl'), article('Quokka census', 'Quokkas counted on the island.'));
    await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), journalRatio: 1 });
    const bytes = await readFile(journalPath(snapshot));
    bytes[bytes.indexOf('Quokkas')] ^= 0x20;
    await writeFile(journalPath(snapshot), bytes);

    const r = recorder();
    const refreshed = await refreshSnapshot({ corpus: dir, snapshot, reporter: r, journalRatio: 1 });
    expect(r.warnings.join('\n')).to.match(/ignoring the snapshot's journal: .*corrupt \(checksum mismatch\)/);
    expect(refreshed.changes?.filesRead).to.equal(1);
    const { loaded } = await loadOrBuildIndex({ corpus: dir, snapshot, reporter: recorder() });
    expect(loaded.index.search('quokka').hits.map((h) => h.id)).to.deep.equal(['new-1:1']);
  });

  it('ignores the journal of an earlier snapshot (the snapshot was rewritten since)', async () => {
    await writeFile(join(dir, 'new-1.jsonl'), article('Quokka census', 'Quokkas counted on the island.'));
    await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), journalRatio: 1 });
    const stale = await readFile(journalPath(snapshot));
    await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), full: true });
    expect(await exists(journalPath(snapshot))).to.equal(false);
    // As if a crash had come between writing the snapshot and removing the journal.
    await writeFile(journalPath(snapshot), stale);
    await rm(join(dir, 'new-1.jsonl'));

    const r = recorder();
    const { loaded } = await loadOrBuildIndex({ corpus: dir, snapshot, reporter: r });
    expect(r.warnings.join('\n')).to.match(/ignoring the snapshot's journal: .*belongs to an earlier snapshot/);
    expect(loaded.index.size).to.equal(10);
    expect(loaded.index.search('quokka').total).to.equal(0);
  });

  it('does not keep an update that leaves no article in the journal: it fails as a build that read none', async () => {
    for (let i = 0; i < 10; i++) await rm(join(dir, `base-${i}.jsonl`));
    await writeFile(join(dir, 'empty.jsonl'), '\n');
    const error = await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), journalRatio: 100 }).catch((e: unknown) => e);
    expect((error as SearchError).code).to.equal('invalid_article');
    expect(await exists(journalPath(snapshot))).to.equal(false);
  });

  it('folds the journal into the snapshot when asked for a whole one, with no file changed', async () => {
    await writeFile(join(dir, 'new-1.jsonl'), article('Quokka census', 'Quokkas counted on the island.'));
    await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), journalRatio: 1 });
    const folded = await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), whole: true });
    expect(folded.mode).to.equal('compacted');
    expect(folded.wroteSnapshot).to.equal(true);
    expect(await exists(journalPath(snapshot))).to.equal(false);
    const up = await refreshSnapshot({ corpus: dir, snapshot, reporter: recorder(), whole: true });
    expect(up.mode).to.equal('snapshot');
    expect(up.numArticles).to.equal(11);
  });
});
