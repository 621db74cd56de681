import { expect } from 'chai';
import { isStemmable, porterStem } from '../../lib/analysis/porter-stem.js';

describe('porterStem', () => {
  it('stems English words', () => {
    expect(['missiles', 'missile', 'launched', 'talks', 'relational'].map(porterStem)).to.deep.equal([
      'missil', 'missil', 'launch', 'talk', 'relat',
    ]);
  });

  it('leaves numbers, mixed terms and other scripts alone', () => {
    const unstemmable = ['1990s', 'g7', 'москвы', 'caféés', ''];
    expect(unstemmable.map(porterStem)).to.deep.equal(unstemmable);
  });

  describe('isStemmable', () => {
    it('accepts only non-empty runs of a–z', () => {
      expect(['abc', 'Abc', 'a1', '', 'é'].map(isStemmable)).to.deep.equal([true, false, false, false, false]);
    });
  });
});
