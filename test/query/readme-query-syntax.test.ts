/**
 * The README's "Query syntax" table is true: every query in it, run on the bundled corpus, matches
 * the number of articles the table says, and exactly the articles a plain evaluation of their
 * analysed text (test/query/reference-matcher.ts) finds.
 */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSearchIndex, loadCorpus, type SearchIndex } from '../../lib/index.js';
import { parseQueryString } from '../../lib/query/parse-query-string.js';
import { refDocs, refMatches, type RefDoc } from './reference-matcher.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('README "Query syntax"', () => {
  let rows: { query: string; count: number }[] = [];
  let index: SearchIndex;
  let docs: RefDoc[];

  before(async function () {
    this.timeout(120_000);
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const table = /<!-- example:query-syntax[^>]*-->\n([\s\S]*?)\n\n/.exec(readme);
    expect(table, 'README has the query-syntax table').to.not.equal(null);
    rows = (table as RegExpExecArray)[1].split('\n').slice(2).map((line) => {
      const cells = line.split(' | ');
      return { query: (/^\| `(.*)`$/.exec(cells[0]) as RegExpExecArray)[1], count: Number(cells[cells.length - 1].replace(/\s*\|$/, '')) };
    });
    const { articles } = await loadCorpus(path.join(root, 'corpus'));
    index = createSearchIndex();
    index.addAll(articles);
    docs = refDocs(articles, index.analyzer);
  });

  it('has examples', () => {
    expect(rows.length).to.be.greaterThan(10);
  });

  it('every example matches the articles the table says, and those a plain evaluation finds', () => {
    for (const { query, count } of rows) {
      const r = index.search(query, { limit: count, snippets: 0, highlight: false });
      expect(r.total, query).to.equal(count);
      const { root: tree } = parseQueryString(query, index.analyzer);
      const expected = tree === null ? [] : docs.filter((d) => refMatches(tree, d, false)).map((d) => d.article.id).sort();
      expect(r.hits.map((h) => h.id).sort(), query).to.deep.equal(expected);
    }
  });
});
