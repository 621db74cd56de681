import { expect } from 'chai';
import { FileErrors } from '../../lib/corpus/file-errors.js';

describe('FileErrors', () => {
  describe('#list', () => {
    it('keeps every error under the limit, in line order with file-level errors first', () => {
      const errors = new FileErrors('a.ndjson', 5);
      errors.push({ file: 'a.ndjson', line: 3, code: 'invalid_json', reason: 'three' });
      errors.push({ file: 'a.ndjson', code: 'too_large', reason: 'file' });
      errors.push({ file: 'a.ndjson', line: 1, code: 'invalid_json', reason: 'one' });
      expect(errors.list().map((e) => e.reason)).to.deep.equal(['file', 'one', 'three']);
      expect(errors.size).to.equal(3);
    });

    it('keeps the first `limit` errors and counts the rest in one last entry', () => {
      const errors = new FileErrors('a.ndjson', 2);
      for (let line = 1; line <= 7; line++) errors.push({ file: 'a.ndjson', line, code: 'invalid_json', reason: `${line}` });
      const list = errors.list();
      expect(list.map((e) => e.line)).to.deep.equal([1, 2, undefined]);
      expect(list[2]).to.include({ file: 'a.ndjson', code: 'too_many_errors' });
      expect(list[2].reason).to.equal('5 more problems in this file not listed (7 in all; at most 2 are reported per file: maxErrorsPerFile)');
      expect(errors.size).to.equal(7);
    });
  });
});
