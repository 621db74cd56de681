/**
 * The promise of incremental updates: after any sequence of corpus file adds, edits and
 * deletes, each followed by an update, the index searches exactly as a full rebuild of the
 * same folder does (ids, scores, totals, facets, month histogram).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { buildIndexFromCorpus } from '../../lifecycle/build-index.js';
import { updateIndexFromCorpus } from '../../lifecycle/update-index.js';
import { answers, corpusWriter, SEED, step } from './corpus-steps.js';

describe('updateIndexFromCorpus (property)', function () {
  this.timeout(120_000);

  it('after any sequence of adds, edits and deletes, searches exactly as a full rebuild', async () => {
    let run = 0;
    const modes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 7 }), fc.constantFrom(0.1, 0.25, 0.6, 1), async (steps, compactRatio) => {
        const dir = await mkdtemp(join(tmpdir(), `ledesearch-upd-${run++}-`));
        const corpus = corpusWriter(dir);
        try {
          await corpus.write('seed', SEED);
          let current = await buildIndexFromCorpus(dir);
          for (const s of steps) {
            await corpus.apply(s);
            const updated = await updateIndexFromCorpus(current.index, current.manifest, dir, { compactRatio });
            const fresh = await buildIndexFromCorpus(dir);
            expect(updated.index.size, 'size').to.equal(fresh.index.size);
            expect(answers(updated.index)).to.deep.equal(answers(fresh.index));
            expect(updated.numCorpusErrors).to.equal(fresh.numCorpusErrors);
            expect(updated.manifest.files.map((f) => [f.path, f.sha1, [...f.ids].sort()])).to.deep.equal(fresh.manifest.files.map((f) => [f.path, f.sha1, [...f.ids].sort()]));
            modes.add(updated.mode);
            current = updated;
          }
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
    // The runs went through every way of updating, not only the full-rebuild fallback.
    expect([...modes]).to.include.members(['incremental', 'compacted']);
  });
});
