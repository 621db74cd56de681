import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  createSearchIndex,
  loadSnapshot,
  loadSnapshotWithMetadata,
  readSnapshotMetadata,
  saveSnapshot,
  snapshotToBytes,
  snapshotWithMetadataFromBytes,
  SnapshotError,
} from '../../lib/index.js';
import { removeStaleTempFiles } from '../../lib/snapshot/stale-temp-files.js';
import { syntheticCorpus } from '../search/synthetic-corpus.js';

/** The id of a process that has exited (so no process runs with it, barring reuse). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('snapshot metadata and temp files', () => {
  const index = createSearchIndex();
  index.addAll(syntheticCorpus(40, 5));
  const metadata = { corpus: '/somewhere', files: [{ path: 'a.txt', size: 3, sha1: 'ab' }], n: 2 };
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ledesearch-meta-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('#saveSnapshot with metadata', () => {
    it('gives the metadata back from the header alone and with the index', async () => {
      const file = path.join(dir, 'ix.snapshot');
      await saveSnapshot(index, file, { metadata });
      expect(await readSnapshotMetadata(file)).to.deep.equal(metadata);
      const loaded = await loadSnapshotWithMetadata(file);
      expect(loaded.metadata).to.deep.equal(metadata);
      expect(loaded.index.search('missile').total).to.equal(index.search('missile').total);
    });

    it('gives undefined for a snapshot saved without metadata', async () => {
      const file = path.join(dir, 'ix.snapshot');
      await saveSnapshot(index, file);
      expect(await readSnapshotMetadata(file)).to.equal(undefined);
      expect(snapshotWithMetadataFromBytes(snapshotToBytes(index)).metadata).to.equal(undefined);
    });

    it('refuses to read metadata from a file that is not a snapshot, or a truncated one', async () => {
      const file = path.join(dir, 'bad');
      await writeFile(file, 'x'.repeat(100));
      await readSnapshotMetadata(file).then(() => expect.fail('should throw'), (e: unknown) => expect(e).to.be.instanceOf(SnapshotError));
      await writeFile(file, snapshotToBytes(index, { metadata }).subarray(0, 200));
      await readSnapshotMetadata(file).then(() => expect.fail('should throw'), (e: unknown) => expect(e).to.be.instanceOf(SnapshotError));
      await readSnapshotMetadata(path.join(dir, 'none')).then(() => expect.fail('should throw'), (e: unknown) => expect(e).to.be.instanceOf(SnapshotError));
    });
  });

  describe('#removeStaleTempFiles', () => {
    it("removes a dead writer's temp files on the next save and load, keeping live ones and other files", async () => {
      const file = path.join(dir, 'ix.snapshot');
      const dead = `ix.snapshot.tmp-${deadPid()}-0badf00d`;
      const ours = `ix.snapshot.tmp-${process.pid}-12345678`;
      const other = 'other.snapshot.tmp-1-00000000';
      for (const name of [dead, ours, other]) await writeFile(path.join(dir, name), 'partial');
      await saveSnapshot(index, file);
      expect(await readdir(dir)).to.have.members([ours, other, 'ix.snapshot']);

      await writeFile(path.join(dir, dead), 'partial');
      await loadSnapshot(file);
      expect(await readdir(dir)).to.have.members([ours, other, 'ix.snapshot']);
    });

    it('gives the names it removed, and nothing for a missing folder', async () => {
      const dead = `x.tmp-${deadPid()}-aa`;
      await writeFile(path.join(dir, dead), '');
      expect(await removeStaleTempFiles(path.join(dir, 'x'))).to.deep.equal([dead]);
      expect(await removeStaleTempFiles(path.join(dir, 'no', 'x'))).to.deep.equal([]);
    });
  });
});
