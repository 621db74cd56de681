import { expect } from 'chai';
import { toHtml } from '../../lib/highlight/format.js';

describe('toHtml', () => {
  it('wraps each range in <mark>', () => {
    expect(toHtml('North Korea fired a missile', [{ start: 0, end: 11 }, { start: 20, end: 27 }])).to.equal(
      '<mark>North Korea</mark> fired a <mark>missile</mark>',
    );
  });

  it('escapes the text before marking, so a range never splits an entity', () => {
    // The range covers `<b>` in the raw text; its entities must stay whole inside the mark.
    expect(toHtml('a<b>&c', [{ start: 1, end: 4 }])).to.equal('a<mark>&lt;b&gt;</mark>&amp;c');
  });

  it('uses the tag it is given', () => {
    expect(toHtml('a b', [{ start: 2, end: 3 }], 'em')).to.equal('a <em>b</em>');
  });

  it('rejects a tag name that could inject markup', () => {
    expect(() => toHtml('a', [], 'b onclick=x')).to.throw(/invalid tag name/);
    expect(() => toHtml('a', [], 'b><script')).to.throw(/invalid tag name/);
  });

  it('clamps ranges past the end and trims overlapping or empty ones', () => {
    expect(toHtml('abcdef', [{ start: 0, end: 3 }, { start: 2, end: 4 }, { start: 5, end: 5 }, { start: 5, end: 99 }]))
      .to.equal('<mark>abc</mark><mark>d</mark>e<mark>f</mark>');
  });

  it('escapes the whole text when there are no ranges', () => {
    expect(toHtml('<i>', [])).to.equal('&lt;i&gt;');
  });
});
