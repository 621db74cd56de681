import { isAbsolute, join, resolve } from 'node:path';
import { expect } from 'chai';
import { DEFAULT_SNAPSHOT_DIR, defaultSnapshotFor } from '../../cli/cli-options.js';

describe('cli-options', () => {
  describe('#defaultSnapshotFor', () => {
    it('gives one file per corpus folder, however the folder is spelled', () => {
      const a = defaultSnapshotFor('corpus');
      expect(defaultSnapshotFor('./corpus/')).to.equal(a);
      expect(defaultSnapshotFor(resolve('corpus'))).to.equal(a);
      expect(defaultSnapshotFor(join('elsewhere', 'corpus'))).to.not.equal(a);
    });

    it('names the file after the folder, inside the snapshot folder', () => {
      const file = defaultSnapshotFor(join('archives', 'Korea Times 2019'));
      expect(isAbsolute(file)).to.equal(false);
      expect(file.startsWith(`${DEFAULT_SNAPSHOT_DIR}/`)).to.equal(true);
      expect(file).to.match(/^\.ledesearch\/Korea_Times_2019-[0-9a-f]{12}\.snapshot$/);
    });
  });
});
