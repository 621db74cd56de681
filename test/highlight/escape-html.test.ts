import { expect } from 'chai';
import { escapeHtml } from '../../lib/highlight/escape-html.js';

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).to.equal(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes an ampersand that already looks like an entity', () => {
    expect(escapeHtml('&amp; &lt;')).to.equal('&amp;amp; &amp;lt;');
  });

  it('leaves other text, non-ASCII included, unchanged', () => {
    const s = 'Seoul — Pyongyang’s “missile” … 북한';
    expect(escapeHtml(s)).to.equal(s);
  });
});
