import { expect } from 'chai';
import { createSearchIndex, InvalidQueryError } from '../../lib/index.js';
import { syntheticCorpus } from './synthetic-corpus.js';

describe('SearchIndex#searchAll', () => {
  const ix = createSearchIndex();
  ix.addAll(syntheticCorpus(300, 4));

  const cases: [string, Parameters<typeof ix.search>[1]][] = [
    ['missile korea', {}],
    ['oil', { sort: 'date' }],
    ['price*', { sort: 'date_asc', filters: { category: ['Korea', 'Japan'] } }],
    ['', { filters: { topics: ['crude'] } }],
    ['trade -wheat', { dateFrom: '2019-03-01', dateTo: '2019-09-30' }],
  ];
  for (const [q, options] of cases) {
    it(`gives \`total\` rows in the order of paging through search ("${q}" ${JSON.stringify(options)})`, () => {
      const rows = [...ix.searchAll(q, options)];
      const total = ix.search(q, options).total;
      expect(rows.length).to.equal(total);
      expect(total).to.be.greaterThan(0);
      const paged: { id: string; score: number }[] = [];
      for (let offset = 0; offset < total; offset += 10) {
        for (const h of ix.search(q, { ...options, limit: 10, offset, snippets: 0 }).hits) paged.push({ id: h.id, score: h.score });
      }
      expect(rows.map((r) => ({ id: r.id, score: r.score }))).to.deep.equal(paged);
      for (const r of rows) expect(r.article).to.equal(ix.get(r.id));
    });
  }

  it('honours collapse, with the number of other copies', () => {
    const copies = createSearchIndex();
    const text = 'The central bank raised its key interest rate by half a point on Tuesday to curb inflation, the governor told reporters in the capital after the board met.';
    copies.addAll([
      { id: 'a', title: 'BANK RAISES RATE', paragraphs: [text, 'Markets had expected the move after weeks of rising prices.'] },
      { id: 'b', title: 'Rate up half point', paragraphs: [`(Reuters) - ${text}`, 'Markets had expected the move after weeks of rising prices.'] },
      { id: 'c', title: 'WHEAT HARVEST', paragraphs: ['The wheat harvest was late this year because of rain, and the bank said prices would rise.'] },
    ]);
    const rows = [...copies.searchAll('bank', { collapse: 'duplicates' })];
    const r = copies.search('bank', { collapse: 'duplicates' });
    expect(rows.map((x) => x.id)).to.deep.equal(r.hits.map((h) => h.id));
    expect(rows.map((x) => x.duplicateCount)).to.deep.equal(r.hits.map((h) => h.duplicateCount));
    expect(rows.length).to.equal(2);
  });

  it('is lazy: rows are built as they are taken, and a removed article is skipped', () => {
    const small = createSearchIndex();
    small.addAll(syntheticCorpus(50, 8));
    const it = small.searchAll('korea');
    const first = it.next();
    expect(first.done).to.equal(false);
    const rest = [...small.searchAll('korea')].slice(1).map((r) => r.id);
    small.remove(rest[0]);
    expect([...it].map((r) => r.id)).to.deep.equal(rest.slice(1));
  });

  it('checks the query and options at the call', () => {
    expect(() => ix.searchAll('oil', { sort: 'size' as 'date' })).to.throw(InvalidQueryError);
    expect(() => ix.searchAll(JSON.parse('3') as string)).to.throw(InvalidQueryError);
  });
});
