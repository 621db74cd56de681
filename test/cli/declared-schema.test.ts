/**
 * The newsroom example end to end over the command line (issue 11): declare (the folder's
 * ledesearch.config.json), index, search with a filter, a range, a sort, facets and stats; a bad
 * configuration file is exit 2 with one line naming the file and the field; a changed schema
 * rebuilds the snapshot, saying why.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createAnalyzer, loadCorpus, type Article, type SearchResult } from '../../lib/index.js';
import { declaredCell, parseCsv } from '../server/csv.js';
import { NEWSROOM_EXAMPLE } from '../server/helpers.js';
import { runCli } from './run-cli.js';

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describe('ledesearch with a declared schema (newsroom example)', function () {
  // Several CLI runs per test, each a node start-up: slow on a shared machine.
  this.timeout(120_000);
  let work = '';
  let articles: Article[] = [];
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-cli-schema-'));
    await cp(NEWSROOM_EXAMPLE, join(work, 'newsroom'), { recursive: true });
    const config = JSON.parse(await readFile(join(NEWSROOM_EXAMPLE, 'ledesearch.config.json'), 'utf8')) as { schema: object };
    ({ articles } = await loadCorpus(NEWSROOM_EXAMPLE, { schema: config.schema }));
  });
  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('indexes the folder with its config, then searches with a filter, a range, a sort, facets and stats', async () => {
    const indexed = await runCli(['index', 'newsroom'], work);
    expect(indexed.code, indexed.stderr).to.equal(0);
    expect(indexed.stdout).to.contain(`indexed ${articles.length} articles`);

    const r = await runCli(['search', '', '--corpus', 'newsroom', '--filter', 'section=World', '--range', 'wordCount=300..800', '--sort', '-wordCount', '--facet', 'tags', '--facet', 'wordCount', '--stats', 'wordCount', '--json'], work);
    expect(r.code, r.stderr).to.equal(0);
    const result = JSON.parse(r.stdout) as SearchResult;
    const expected = articles
      .filter((a) => a.fields?.section === 'World' && typeof a.fields.wordCount === 'number' && a.fields.wordCount >= 300 && a.fields.wordCount <= 800)
      .sort((a, b) => (b.fields?.wordCount as number) - (a.fields?.wordCount as number));
    expect(expected.length).to.be.above(1);
    expect(result.hits.map((h) => h.id)).to.deep.equal(expected.map((a) => a.id));
    expect(Object.keys(result.facets).sort()).to.deep.equal(['tags', 'wordCount']);
    const counts = expected.map((a) => a.fields?.wordCount as number);
    expect((result.stats as Record<string, unknown>).wordCount).to.deep.include({ count: expected.length, min: Math.min(...counts), max: Math.max(...counts) });

    const bucketed = await runCli(['search', '', '--corpus', 'newsroom', '--facet', 'section', '--facet-buckets', 'pageNumber=..10,10..', '--json'], work);
    expect(bucketed.code, bucketed.stderr).to.equal(0);
    const pages = (JSON.parse(bucketed.stdout) as SearchResult).facets as Record<string, { value: string; count: number }[]>;
    const onPage = (ok: (n: number) => boolean): number => articles.filter((a) => typeof a.fields?.pageNumber === 'number' && ok(a.fields.pageNumber)).length;
    expect(Object.keys(pages).sort()).to.deep.equal(['pageNumber', 'section']);
    expect(pages.pageNumber).to.deep.equal([{ value: '..10', count: onPage((n) => n < 10), to: 10 }, { value: '10..', count: onPage((n) => n >= 10), from: 10 }]);
    const reversed = await runCli(['search', '', '--corpus', 'newsroom', '--facet-buckets', 'pageNumber=10..5'], work);
    expect(reversed.code).to.equal(2);
    expect(reversed.stderr).to.contain('facetBuckets.pageNumber[0] has from 10 not below to 5');

    const text = await runCli(['search', 'budget', '--corpus', 'newsroom', '--filter', 'section=World', '-n', '1'], work);
    expect(text.code, text.stderr).to.equal(0);
    expect(text.stdout).to.match(/section: World · tags: /);
  });

  it('exports declared fields as columns with --all --fields, and refuses a dropped one', async () => {
    const fields = ['tags', 'wordCount', 'standfirst', 'imageUrl'];
    const r = await runCli(['search', '', '--corpus', 'newsroom', '--all', '--fields', fields.join(','), '--filter', 'section=World'], work);
    expect(r.code, r.stderr).to.equal(0);
    const [header, ...rows] = parseCsv(r.stdout);
    expect(header.slice(7)).to.deep.equal(fields);
    const world = new Map(articles.filter((a) => a.fields?.section === 'World').map((a) => [a.id, a]));
    expect(rows.map((row) => row[0]).sort()).to.deep.equal([...world.keys()].sort());
    for (const row of rows) expect(row.slice(7)).to.deep.equal(fields.map((f) => declaredCell(world.get(row[0]) as Article, f)));
    const dropped = await runCli(['search', '', '--corpus', 'newsroom', '--all', '--fields', 'exchanges'], work);
    expect(dropped.code).to.equal(2);
    expect(dropped.stderr).to.contain('unknown field "exchanges"').and.contain('wordCount');
  });

  it('finds the README\'s standfirst-only word (councillors), unscoped and as standfirst:councillors, marked in fieldsHtml', async () => {
    const analyzer = createAnalyzer();
    const terms = (text: unknown): string[] => (typeof text === 'string' ? analyzer.analyze(text).map((t) => t.term) : []);
    const [term] = terms('councillors');
    expect(articles.some((a) => [a.title, ...a.paragraphs].some((t) => terms(t).includes(term))), 'councillors is in no title or paragraph').to.equal(false);
    const holding = articles.filter((a) => terms(a.fields?.standfirst).includes(term) || terms(a.fields?.byline).includes(term)).map((a) => a.id).sort();
    expect(holding.length).to.be.above(0);
    const indexed = await runCli(['index', 'newsroom'], work);
    expect(indexed.code, indexed.stderr).to.equal(0);
    for (const q of ['councillors', 'standfirst:councillors']) {
      const r = await runCli(['search', q, '--corpus', 'newsroom', '--json'], work);
      expect(r.code, r.stderr).to.equal(0);
      const result = JSON.parse(r.stdout) as SearchResult;
      expect(result.hits.map((h) => h.id).sort(), q).to.deep.equal(holding);
      for (const hit of result.hits) expect(hit.fieldsHtml?.standfirst, q).to.match(/<mark>councillors<\/mark>/i);
    }
  });

  it('refuses unknown declared flags by name, and a bad configuration file with one line, exit 2', async () => {
    const unknown = await runCli(['search', 'x', '--corpus', 'newsroom', '--filter', 'colour=red'], work);
    expect(unknown.code).to.equal(2);
    expect(lines(unknown.stderr)).to.deep.equal(['error: invalid parameter "colour": is not a known parameter']);
    const sort = await runCli(['search', 'x', '--corpus', 'newsroom', '--sort', '-section'], work);
    expect(sort.code).to.equal(2);
    expect(sort.stderr).to.contain("'-section' is invalid").and.contain('-wordCount');

    await writeFile(join(work, 'bad.json'), JSON.stringify({ schema: { fields: { wordCount: { type: 'integer' } } } }));
    const bad = await runCli(['index', 'newsroom', '--schema', 'bad.json'], work);
    expect(bad.code).to.equal(2);
    expect(lines(bad.stderr)).to.have.length(1);
    expect(bad.stderr).to.match(/^error: bad\.json: .*wordCount/);
    expect(bad.stderr).to.not.contain('    at ');
  });

  it('rebuilds the snapshot when the schema changes, saying why on stderr', async () => {
    await writeFile(join(work, 'small.json'), JSON.stringify({ schema: { fields: { section: { type: 'keyword' } } } }));
    const first = await runCli(['index', 'newsroom', '--schema', 'small.json'], work);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stderr).to.match(/building the index from newsroom \(the snapshot was built with another declared schema/);
    const again = await runCli(['index', 'newsroom', '--schema', 'small.json'], work);
    expect(again.stdout).to.contain('is up to date');
  });
});
