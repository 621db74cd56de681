/**
 * How the search page reports what the query language made of a query (issues 10 and 13): the
 * API's `unsearchable` (nothing in the query could be searched) and `interpretedAs` (the query
 * as the parser understood it).
 *
 * These run against the real API, so they need the library's query parser (`interpretedAs`,
 * `unsearchable` in SearchResult).
 */
import { expect } from 'chai';
import type { Page, Route } from 'playwright-core';
import { browserSuite, hitTitles, waitForStatus, type Harness } from './harness.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('search page and the query language (browser)', function () {
  this.timeout(60_000);
  let h: Harness;
  let page: Page;
  browserSuite({}, (s) => ({ h, page } = s));

  /** Types into the search box like a person and waits for the answer. */
  async function search(words: string, status: RegExp): Promise<string> {
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially(words);
    return waitForStatus(page, status);
  }

  describe('a query with nothing searchable in it', () => {
    for (const q of ['the', '!!!', '-']) {
      it(`says that nothing in “${q}” can be searched, instead of browsing or "no results"`, async () => {
        await page.goto(h.baseUrl);
        await waitForStatus(page, /12 articles in the archive/);
        const status = await search(q, new RegExp(`^Nothing in “${escapeRegExp(q)}” can be searched`));
        expect(status).to.not.match(/result|archive/);
        expect(await page.locator('#empty').isVisible()).to.equal(true);
        expect(await page.locator('#empty .lead').textContent()).to.equal(`Nothing in “${q}” can be searched: it holds only common words or symbols.`);
        expect(await page.locator('#empty').textContent()).to.not.contain('Nothing in the archive matches');
        // No browse list under the message.
        expect(await hitTitles(page)).to.deep.equal([]);
        expect(await page.locator('#pagination').isHidden()).to.equal(true);
        expect(await page.locator('#interpreted').isHidden()).to.equal(true);
      });
    }

    it('goes back to results when a searchable word is added', async () => {
      await page.goto(`${h.baseUrl}?q=the`);
      await waitForStatus(page, /^Nothing in “the” can be searched/);
      await page.locator('#q').press('End');
      await page.locator('#q').pressSequentially(' oil');
      await waitForStatus(page, /^5 results for “the oil”/);
      expect(await page.locator('#empty').isHidden()).to.equal(true);
      expect(await hitTitles(page)).to.have.length(5);
    });
  });

  describe('the query as it was understood', () => {
    it('shows "Searched for: …" when the parser read the query differently', async () => {
      await page.goto(h.baseUrl);
      await waitForStatus(page, /in the archive/);
      // An unclosed quote closes at the end.
      const status = await search('"north korea', /results? for “"north korea”/);
      const line = page.locator('#interpreted');
      expect(await line.isVisible()).to.equal(true);
      expect(await line.textContent()).to.equal('Searched for: "north korea"');
      // The status line, which screen readers announce, says it too.
      expect(status).to.match(/ Searched for: "north korea"\.$/);
      expect(await hitTitles(page)).to.include('North Korea fires short-range missile');
      // A dangling operator is dropped.
      await search('AND oil OR', /results? for “AND oil OR”/);
      expect(await line.textContent()).to.equal('Searched for: oil');
    });

    it('shows nothing when the query was read as typed, spacing aside', async () => {
      await page.goto(`${h.baseUrl}?q=${encodeURIComponent('"north korea')}`);
      await waitForStatus(page, /results? for/);
      expect(await page.locator('#interpreted').isVisible()).to.equal(true);
      for (const q of ['oil', '  oil    prices ', '(opec OR cartel) AND price', '"north korea"']) {
        await search(q, new RegExp(`for “${escapeRegExp(q.trim())}”`));
        expect(await page.locator('#interpreted').isHidden(), `line shown for ${JSON.stringify(q)}`).to.equal(true);
      }
    });

    it('shows the interpretation as text, never as markup', async () => {
      // A hostile answer, routed in: whatever the API says goes on the page as text.
      const hostile = '<img src=x onerror="window.__pwned=1">oil <b>gas</b>';
      await page.route((url) => url.pathname === '/api/search', async (route: Route) => {
        const response = await route.fetch();
        const body = (await response.json()) as Record<string, unknown>;
        await route.fulfill({ response, json: { ...body, interpretedAs: hostile } });
      });
      await page.goto(`${h.baseUrl}?q=oil`);
      await waitForStatus(page, /^5 results for “oil”/);
      const line = page.locator('#interpreted');
      expect(await line.textContent()).to.equal(`Searched for: ${hostile}`);
      expect(await line.locator('img, b').count()).to.equal(0);
      expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).to.equal(false);
    });
  });
});
