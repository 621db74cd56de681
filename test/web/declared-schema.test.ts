/**
 * The search page over an archive with a declared schema (issue 11): the newsroom example, served
 * with its ledesearch.config.json. The sidebar, sort options, hits and article view follow
 * `/api/schema`; what they show is checked against the API's answers and against the articles.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Article } from '../../lib/index.js';
import {
  browserSuite, facetCounts, hitTitles, openPage, screenshot, startHarness, startIndexHarness, urlParams, waitForArticle, waitForStatus,
  type Harness,
} from './harness.js';
import { HOSTILE_ARTICLE_ID, newsroomIndex } from './newsroom-index.js';

/** A declared value of an article. */
function declared(a: Article, field: string): unknown {
  return (a.fields as Record<string, unknown> | undefined)?.[field];
}

/** Values per field as counted straight from the articles: `{ World: 6, … }`. */
function countValues(articles: readonly Article[], field: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of articles) {
    const v = declared(a, field);
    for (const value of new Set(Array.isArray(v) ? v : v === undefined ? [] : [v])) out[String(value)] = (out[String(value)] ?? 0) + 1;
  }
  return out;
}

describe('search page with a declared schema (browser, newsroom example)', function () {
  this.timeout(60_000);
  let h: Harness;
  let page: Page;
  let articles: Article[];
  browserSuite({
    start: async () => {
      const built = await newsroomIndex();
      articles = built.articles;
      return startIndexHarness(built.index);
    },
  }, (s) => ({ h, page } = s));

  async function api(path: string): Promise<any> {
    const res = await fetch(h.baseUrl + path);
    expect(res.status, path).to.equal(200);
    return res.json();
  }

  /** The `wordCount` each visible hit shows. */
  async function shownWordCounts(): Promise<number[]> {
    const texts = await page.locator('#results .hit-field[data-field="wordCount"]').allTextContents();
    return texts.map((t) => Number(t.replace(/^[^:]*:\s*/, '').replace(/,/g, '')));
  }

  it('builds the sidebar from /api/schema: declared keyword facets with the API\'s counts, dropped fields gone', async () => {
    await page.goto(h.baseUrl);
    await waitForStatus(page, /14 articles in the archive/);
    const schema = await api('api/schema');
    const answer = await api('api/search?limit=0&facets=*&facetLimit=40');
    // Tags has more values than a folded list shows: unfold it to see them all.
    await page.locator('fieldset[data-field="tags"] button.facet-more').click();
    await page.waitForSelector('fieldset[data-field="tags"] button.facet-more[aria-expanded="true"]');
    for (const field of ['section', 'tags', 'language']) {
      const fromApi = Object.fromEntries((answer.facets[field] as { value: string; count: number }[]).map((v) => [v.value, v.count]));
      expect(await facetCounts(page, field), field).to.deep.equal(fromApi);
      expect(fromApi, `${field} counted from the articles`).to.deep.equal(countValues(articles, field));
    }
    // Legends are the declared labels; fields the schema drops have no group.
    expect(await page.locator('fieldset[data-field="tags"] legend').textContent()).to.equal('Tags');
    for (const dropped of schema.drop as string[]) expect(await page.locator(`fieldset[data-field="${dropped}"]`).count(), dropped).to.equal(0);
    // The number field's buckets, with the API's counts.
    const buckets = await page.locator('fieldset[data-field="wordCount"] button.range-bucket').evaluateAll((els) =>
      els.map((el) => ({ label: el.querySelector('.facet-value')?.textContent, count: Number(el.querySelector('.facet-count')?.textContent) })));
    expect(buckets).to.deep.equal((answer.facets.wordCount as { count: number }[]).map((b, i) => ({
      label: ['Under 300', '300–800', '800 and over'][i], count: b.count,
    })));
    // Every declared number and date field gets from/to inputs of its kind.
    expect(await page.locator('fieldset[data-field="wordCount"] input[data-bound]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).type))).to.deep.equal(['number', 'number']);
    expect(await page.locator('fieldset[data-field="updated"] input[data-bound]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).type))).to.deep.equal(['date', 'date']);
    await screenshot(page, 'declared-01-sidebar');
  });

  it('a number bucket filters the hits to it (checked against the API and the articles), and lets go when pressed again', async () => {
    await page.goto(h.baseUrl);
    await waitForStatus(page, /in the archive/);
    const bucket = page.locator('fieldset[data-field="wordCount"] button.range-bucket', { hasText: '300–800' });
    await bucket.click();
    const expected = articles.filter((a) => { const n = declared(a, 'wordCount'); return typeof n === 'number' && n >= 300 && n < 800; });
    expect(expected.length).to.be.within(2, 10);
    await waitForStatus(page, new RegExp(`^${expected.length} articles match these filters`));
    expect(urlParams(page)).to.deep.include({ 'wordCount.gte': ['300'], 'wordCount.lt': ['800'] });
    const counts = await shownWordCounts();
    expect(counts).to.have.length(expected.length);
    for (const n of counts) expect(n).to.be.within(300, 799);
    const fromApi = await api('api/search?wordCount.gte=300&wordCount.lt=800&limit=10&collapse=duplicates');
    expect(await hitTitles(page)).to.deep.equal(fromApi.hits.map((hit: { title: string }) => hit.title));
    expect(await page.locator('fieldset[data-field="wordCount"] button.range-bucket[aria-pressed="true"]').textContent()).to.contain('300–800');
    // A reload shows the same filter.
    await page.reload();
    await waitForStatus(page, new RegExp(`^${expected.length} articles match`));
    await page.locator('fieldset[data-field="wordCount"] button.range-bucket[aria-pressed="true"]').click();
    await waitForStatus(page, /14 articles in the archive/);
    expect(urlParams(page)).to.not.have.property('wordCount.gte');
  });

  it('the from/to inputs of a number field filter inclusively', async () => {
    await page.goto(h.baseUrl);
    await waitForStatus(page, /in the archive/);
    await page.locator('fieldset[data-field="wordCount"] input[data-bound="gte"]').fill('640');
    await page.locator('fieldset[data-field="wordCount"] input[data-bound="gte"]').press('Enter');
    const expected = articles.filter((a) => { const n = declared(a, 'wordCount'); return typeof n === 'number' && n >= 640; });
    await waitForStatus(page, new RegExp(`^${expected.length} articles? match`));
    expect(urlParams(page)['wordCount.gte']).to.deep.equal(['640']);
    const counts = await shownWordCounts();
    expect(counts.sort((a, b) => a - b)).to.deep.equal(expected.map((a) => declared(a, 'wordCount') as number).sort((a, b) => a - b));
  });

  it('the from/to inputs of a declared date field filter by it (both days inclusive)', async () => {
    await page.goto(h.baseUrl);
    await waitForStatus(page, /in the archive/);
    const to = page.locator('fieldset[data-field="updated"] input[data-bound="lte"]');
    await to.fill('2024-03-31');
    await to.dispatchEvent('change');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('updated.lte') === '2024-03-31');
    const status = await waitForStatus(page, /articles? match/);
    const fromApi = await api('api/search?updated=..2024-03-31&limit=0');
    const expected = articles.filter((a) => { const d = declared(a, 'updated'); return typeof d === 'string' && d.slice(0, 10) <= '2024-03-31'; });
    expect(fromApi.total).to.equal(expected.length);
    expect(expected.length).to.be.within(1, 13);
    expect(status).to.match(new RegExp(`^${expected.length} articles? match`));
  });

  it('offers the declared sort orders, and sorting by one orders the hits as the API does', async () => {
    await page.goto(h.baseUrl);
    await waitForStatus(page, /in the archive/);
    const schema = await api('api/schema');
    const options = await page.locator('#sort option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options).to.deep.equal(['relevance', 'date', 'date_asc', ...(schema.sortFields as string[]).flatMap((f) => [`-${f}`, f])]);
    await page.locator('#sort').selectOption('-wordCount');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === '-wordCount');
    await waitForStatus(page, /in the archive/);
    const counts = await shownWordCounts();
    const byArticles = articles.map((a) => declared(a, 'wordCount')).filter((n): n is number => typeof n === 'number').sort((a, b) => b - a);
    expect(counts).to.deep.equal(byArticles.slice(0, 10));
    const fromApi = await api('api/search?sort=-wordCount&limit=10&collapse=duplicates');
    expect(await hitTitles(page)).to.deep.equal(fromApi.hits.map((hit: { title: string }) => hit.title));
    // The order is in the URL: a reload keeps it.
    await page.reload();
    await waitForStatus(page, /in the archive/);
    expect(await page.locator('#sort').inputValue()).to.equal('-wordCount');
  });

  it('shows declared fields in hits and the article view, URLs as links only when http(s), values as text', async () => {
    const withImage = articles.find((a) => typeof declared(a, 'imageUrl') === 'string' && typeof declared(a, 'standfirst') === 'string');
    if (!withImage) throw new Error('the newsroom example has no article with an image URL and a standfirst');
    await page.goto(`${h.baseUrl}?article=${encodeURIComponent(withImage.id)}`);
    await waitForArticle(page);
    const dd = (field: string) => page.locator(`#article-view .article-meta [data-field="${field}"] dd`);
    expect(await dd('section').textContent()).to.equal(declared(withImage, 'section'));
    expect(await dd('standfirst').textContent()).to.equal(declared(withImage, 'standfirst'));
    expect(await dd('wordCount').textContent()).to.equal((declared(withImage, 'wordCount') as number).toLocaleString('en-GB'));
    expect(await dd('imageUrl').locator('a').getAttribute('href')).to.equal(declared(withImage, 'imageUrl'));
    expect(await page.locator('#article-view .article-meta [data-field="imageUrl"] dt').textContent()).to.equal('Image');
    await screenshot(page, 'declared-02-article');

    await page.goto(`${h.baseUrl}?article=${HOSTILE_ARTICLE_ID}`);
    await waitForArticle(page);
    expect(await dd('section').textContent()).to.equal('<img src=x onerror=alert(1)>');
    expect(await dd('section').locator('img').count()).to.equal(0);
    expect(await dd('imageUrl').locator('a').count()).to.equal(0);
    expect(await dd('imageUrl').textContent()).to.equal('javascript:alert(1)');

    await page.goto(`${h.baseUrl}?q=harbour`);
    await waitForStatus(page, /result/);
    const hit = page.locator('#results .hit', { hasText: 'harbour wall' });
    expect(await hit.locator('.hit-field[data-field="section"]').textContent()).to.equal('Section: <img src=x onerror=alert(1)>');
    expect(await hit.locator('.hit-field a').count()).to.equal(0);
    expect(await page.locator('#results img').count()).to.equal(0);

    // A word only in the standfirst: the hit shows the standfirst with the word marked, its markup as text.
    await page.goto(`${h.baseUrl}?q=breakwater`);
    await waitForStatus(page, /result/);
    const fromApi = await api('api/search?q=breakwater');
    const marked = fromApi.hits.find((x: { id: string }) => x.id === HOSTILE_ARTICLE_ID)?.fieldsHtml?.standfirst;
    expect(marked).to.be.a('string');
    const standfirst = page.locator('#results .hit', { hasText: 'harbour wall' }).locator('.hit-field[data-field="standfirst"]');
    expect(await standfirst.textContent()).to.equal(`Standfirst: ${declared(articles.find((a) => a.id === HOSTILE_ARTICLE_ID) as Article, 'standfirst') as string}`);
    expect(await standfirst.locator('mark').allTextContents()).to.deep.equal(['Breakwater']);
    expect(await page.locator('#results b, #results script').count()).to.equal(0);
  });

  it('the article view shows the declared text fields with the query marked, labelled, their markup as text', async () => {
    const hostile = articles.find((a) => a.id === HOSTILE_ARTICLE_ID) as Article;
    // Open the article from a query that matches only its standfirst.
    await page.goto(`${h.baseUrl}?q=breakwater`);
    await waitForStatus(page, /result/);
    await page.locator(`#results a.hit-link[data-article="${HOSTILE_ARTICLE_ID}"]`).click();
    await waitForArticle(page);
    expect(urlParams(page)).to.deep.include({ q: ['breakwater'], article: [HOSTILE_ARTICLE_ID] });
    const field = (name: string) => page.locator(`#article-view .article-meta [data-field="${name}"]`);
    expect(await field('standfirst').locator('dt').textContent()).to.equal('Standfirst');
    expect(await field('standfirst').locator('dd').textContent()).to.equal(declared(hostile, 'standfirst'));
    expect(await field('standfirst').locator('dd mark').allTextContents()).to.deep.equal(['Breakwater']);
    expect(await page.locator('#article-view b, #article-view script, #article-view img').count()).to.equal(0);
    // The title and the paragraphs hold no "breakwater": nothing else is marked.
    expect(await page.locator('#article-view mark').count()).to.equal(1);
    await screenshot(page, 'declared-03-article-standfirst');

    // A query scoped to the standfirst marks it there and leaves the byline as it is.
    const withByline = articles.find((a) => typeof declared(a, 'standfirst') === 'string' && typeof declared(a, 'byline') === 'string') as Article;
    const standfirst = declared(withByline, 'standfirst') as string;
    let word = '';
    let fromApi: { fieldsHtml: Record<string, string> } | undefined;
    for (const w of standfirst.match(/[A-Za-z]{5,}/g) ?? []) {
      fromApi = await api(`api/articles/${encodeURIComponent(withByline.id)}?q=${encodeURIComponent(`standfirst:${w}`)}`);
      if (fromApi?.fieldsHtml.standfirst.includes('<mark>')) {
        word = w;
        break;
      }
    }
    expect(word, 'a standfirst word the API marks').to.not.equal('');
    await page.goto(`${h.baseUrl}?q=${encodeURIComponent(`standfirst:${word}`)}&article=${encodeURIComponent(withByline.id)}`);
    await waitForArticle(page);
    const apiMarks = [...(fromApi?.fieldsHtml.standfirst ?? '').matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
    expect(await field('standfirst').locator('dd mark').allTextContents()).to.deep.equal(apiMarks);
    expect(apiMarks.map((t) => t.toLowerCase())).to.include(word.toLowerCase());
    expect(await field('standfirst').locator('dd').textContent()).to.equal(standfirst);
    expect(await field('byline').locator('dd').textContent()).to.equal(declared(withByline, 'byline'));
    expect(await field('byline').locator('dd mark').count()).to.equal(0);
  });
});

describe('search page with the default schema (browser)', function () {
  this.timeout(60_000);
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('has no declared sidebar groups, sort orders or hit fields', async () => {
    const tp = await openPage(h);
    try {
      await tp.page.goto(h.baseUrl);
      await waitForStatus(tp.page, /in the archive/);
      expect(await tp.page.locator('#sort option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).to.deep.equal(['relevance', 'date', 'date_asc']);
      expect(await tp.page.locator('.range-facet, .hit-fields').count()).to.equal(0);
      const legends = await tp.page.locator('#facets legend').allTextContents();
      expect(legends.length).to.be.above(0);
      for (const legend of legends) expect(['Category', 'Publisher', 'Source', 'Topics', 'Places', 'People', 'Organisations', 'Exchanges', 'Author', 'Dateline']).to.include(legend);
      expect(tp.errors).to.deep.equal([]);
    } finally {
      await tp.page.context().close();
    }
  });
});
