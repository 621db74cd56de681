import { expect } from 'chai';
import { foldDiacritics } from '../../lib/analysis/fold-diacritics.js';

describe('foldDiacritics', () => {
  it('removes accents, precomposed or combining', () => {
    expect(foldDiacritics('café crème Se\u0301oul Ångström')).to.equal('cafe creme Seoul Angstrom');
  });

  it('expands ligatures and folds stroked letters', () => {
    expect(foldDiacritics('Straße æ œ ø ł đ ð þ ı ĳ')).to.equal('Strasse ae oe o l d d th i ij');
    expect(foldDiacritics('ẞ Æ Œ Ø Ł Þ')).to.equal('SS AE OE O L TH');
  });

  it('folds Greek and Cyrillic accents and final sigma', () => {
    expect(foldDiacritics('Αθήνα οδός')).to.equal('Αθηνα οδοσ');
    expect(foldDiacritics('ё й')).to.equal('е и');
  });

  it('recomposes what it does not strip', () => {
    expect(foldDiacritics('한국 が')).to.equal('한국 が');
    expect(foldDiacritics('हिन्दी')).to.equal('हिन्दी');
  });

  it('leaves ASCII alone', () => {
    expect(foldDiacritics('plain ASCII, 1,000.')).to.equal('plain ASCII, 1,000.');
  });
});
