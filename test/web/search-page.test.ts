/**
 * The search page at `/`, used as a reader would: in headless Chromium, against the real server
 * over the fixture archive. Each test opens its own browser context (own history and storage).
 */
import { expect } from 'chai';
import type { Page, Request, Route } from 'playwright-core';
import { IMG_TEXT, MALICIOUS_ID, SCRIPT_TEXT } from './fixture-corpus.js';
import {
  browserSuite, facetCounts, hitTitles, screenshot, urlParams, waitForArticle, waitForStatus,
  type Harness, type TestPage,
} from './harness.js';

describe('search page (browser)', function () {
  this.timeout(60_000);
  let h: Harness;
  let tp: TestPage;
  let page: Page;
  // Errors the page logged fail the test that caused them (unless it expected them).
  const suite = browserSuite({}, (s) => ({ h, tp, page } = s));

  const isSearchApi = (url: URL): boolean => url.pathname === '/api/search';

  /** Opens the page at `query` (e.g. `?q=oil`) and waits for its first answer. */
  async function visit(query = '', status = /./): Promise<void> {
    await page.goto(h.baseUrl + query);
    await waitForStatus(page, status);
  }

  /** Types into the search box like a person (one key at a time) and waits for the results. */
  async function search(words: string, status: RegExp): Promise<string> {
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially(words);
    return waitForStatus(page, status);
  }

  describe('landing', () => {
    it('shows the whole archive newest first, a welcome, facets and a timeline', async () => {
      await visit('', /12 articles in the archive/);
      expect(await page.locator('#empty').textContent()).to.match(/Type a few words/);
      expect(await hitTitles(page)).to.have.length(10);
      expect((await hitTitles(page))[0]).to.equal('Election campaign opens in Busan');
      expect(await facetCounts(page, 'category')).to.deep.equal({ Economy: 5, Politics: 4, Technology: 2, Sports: 1 });
      expect(await page.locator('#timeline button.bar').count()).to.equal(6);
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('q');
      await screenshot(page, '01-landing');
    });

    it('has the landmarks and labels a screen reader needs', async () => {
      await visit('', /articles in the archive/);
      expect(await page.getByRole('search').count()).to.equal(1);
      expect(await page.getByRole('main').count()).to.equal(1);
      expect(await page.getByRole('complementary').count()).to.equal(1);
      expect(await page.getByRole('navigation', { name: 'Filter results' }).count()).to.equal(1);
      expect(await page.getByRole('searchbox', { name: 'Search the archive' }).count()).to.equal(1);
      expect(await page.getByRole('combobox', { name: 'Sort' }).count()).to.equal(1);
      expect(await page.getByLabel('From', { exact: true }).getAttribute('type')).to.equal('date');
      expect(await page.getByLabel('To', { exact: true }).getAttribute('type')).to.equal('date');
      const status = page.locator('#status');
      expect(await status.getAttribute('role')).to.equal('status');
      expect(await status.getAttribute('aria-live')).to.equal('polite');
      // Every checkbox has a name: its value.
      expect(await page.getByRole('checkbox', { name: /Economy/ }).count()).to.equal(1);
    });
  });

  describe('searching', () => {
    it('answers as you type with a count, a time and marked snippets', async () => {
      await visit('', /in the archive/);
      const status = await search('oil', /5 results for “oil” in [\d.]+ ms/);
      expect(status).to.contain('5 results');
      expect(urlParams(page)).to.deep.equal({ q: ['oil'] });
      const marks = await page.locator('#results .snippet mark').allTextContents();
      expect(marks.length).to.be.greaterThan(0);
      for (const m of marks) expect(m.toLowerCase()).to.equal('oil');
      expect(await page.locator('#results .hit-title mark').first().textContent()).to.equal('Oil');
      await screenshot(page, '02-results');
    });

    it('waits for a pause in typing before searching (debounce)', async () => {
      // A fake clock makes "a pause" exact: timers fire only when the test moves time on.
      await page.clock.install();
      await visit('', /in the archive/);
      await page.clock.pauseAt(Date.now() + 60_000);
      const before = tp.apiRequests.length;
      await page.locator('#q').pressSequentially('oil');
      await page.clock.runFor(150);
      expect(tp.apiRequests.slice(before)).to.deep.equal([]);
      await page.clock.runFor(100);
      await page.clock.resume();
      await waitForStatus(page, /5 results for “oil”/);
      const searches = tp.apiRequests.slice(before);
      expect(searches).to.have.length(1);
      expect(searches[0]).to.match(/^\/api\/search\?q=oil&/);
    });

    it('drops an answer that arrives after a newer search was started', async () => {
      await visit('', /in the archive/);
      // Hold every search for "trade" until released; let the others through.
      let release: () => void = () => {};
      const released = new Promise<void>((r) => (release = r));
      let heldRequest: Request | undefined;
      await page.route(isSearchApi, async (route: Route) => {
        if (new URL(route.request().url()).searchParams.get('q') === 'trade') {
          heldRequest = route.request();
          await released;
          await route.continue().catch(() => {});
        } else await route.continue();
      });
      const failed = new Promise<string>((resolve) => {
        page.on('requestfailed', (req) => {
          if (req === heldRequest) resolve(req.failure()?.errorText ?? '');
        });
      });
      await page.locator('#q').fill('trade');
      await page.waitForFunction(() => document.getElementById('search-view')?.getAttribute('aria-busy') === 'true');
      await page.locator('#q').fill('oil');
      await waitForStatus(page, /5 results for “oil”/);
      release();
      expect(await failed).to.match(/ABORTED/i);
      expect(await page.locator('#status').textContent()).to.match(/5 results for “oil”/);
      expect(await hitTitles(page)).to.not.include('Seoul and Washington resume trade talks');
    });

    it('sorts by date, both ways', async () => {
      await visit('?q=oil', /5 results/);
      await page.getByLabel('Sort').selectOption('date');
      await waitForStatus(page, /5 results/);
      await page.waitForURL(/sort=date/);
      expect((await hitTitles(page))[0]).to.equal('Energy majors cut spending plans');
      await page.getByLabel('Sort').selectOption('date_asc');
      await page.waitForURL(/sort=date_asc/);
      await waitForStatus(page, /5 results/);
      expect((await hitTitles(page))[0]).to.equal('Oil prices climb as OPEC trims output');
    });

    it('pages through results with links that keep the state in the URL', async () => {
      await visit('', /12 articles/);
      expect(await page.locator('#pagination a[aria-current="page"]').textContent()).to.equal('1');
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(/page=2/);
      await waitForStatus(page, /12 articles/);
      expect(await hitTitles(page)).to.deep.equal(['Seoul and Washington resume trade talks', 'Oil prices climb as OPEC trims output']);
      expect(await page.locator('#results').getAttribute('start')).to.equal('11');
      await page.goBack();
      await waitForStatus(page, /12 articles/);
      expect(await hitTitles(page)).to.have.length(10);
    });
  });

  describe('facets', () => {
    it('filters by a value, updates the other counts, and takes several values of one field', async () => {
      await visit('?q=oil', /5 results/);
      const placesBefore = await facetCounts(page, 'places');
      expect(placesBefore).to.include({ usa: 2, france: 1, oman: 1 });
      expect(await facetCounts(page, 'topics')).to.include({ oil: 5, shipping: 1, earnings: 1 });

      await page.getByRole('checkbox', { name: /shipping/ }).check();
      await waitForStatus(page, /^1 result for “oil”/);
      expect(urlParams(page)).to.deep.equal({ q: ['oil'], topics: ['shipping'] });
      expect(await hitTitles(page)).to.deep.equal(['Tanker traffic returns to the strait']);
      const placesAfter = await facetCounts(page, 'places');
      expect(placesAfter).to.deep.equal({ oman: 1, iran: 1 });
      // Disjunctive: the topics field still counts as if it were not filtered.
      expect(await facetCounts(page, 'topics')).to.include({ oil: 5, earnings: 1 });
      await screenshot(page, '03-facet-filtered');

      await page.getByRole('checkbox', { name: /earnings/ }).check();
      await waitForStatus(page, /^2 results for “oil”/);
      expect(urlParams(page).topics).to.deep.equal(['shipping', 'earnings']);
      expect(await hitTitles(page)).to.have.members(['Tanker traffic returns to the strait', 'Energy majors cut spending plans']);
      expect(await page.getByRole('checkbox', { name: /shipping/ }).isChecked()).to.equal(true);
      // Focus stays on the box just ticked, through the re-render.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).to.equal('earnings');

      await page.getByRole('button', { name: 'Clear all' }).click();
      await waitForStatus(page, /^5 results/);
      expect(urlParams(page)).to.deep.equal({ q: ['oil'] });
    });

    it('folds long lists behind "Show more"', async () => {
      await visit('', /12 articles/);
      const places = page.locator('fieldset[data-field="places"]');
      expect(await places.locator('li').count()).to.equal(6);
      const more = places.getByRole('button', { name: /Show \d+ more/ });
      expect(await more.getAttribute('aria-expanded')).to.equal('false');
      await more.click();
      expect(await places.locator('li').count()).to.equal(8);
      expect(await places.getByRole('button', { name: 'Show fewer' }).getAttribute('aria-expanded')).to.equal('true');
    });
  });

  describe('dates', () => {
    it('narrows to a date range typed into the two date fields', async () => {
      await visit('?q=oil', /5 results/);
      await page.getByLabel('From', { exact: true }).fill('2020-02-01');
      await waitForStatus(page, /^4 results/);
      await page.getByLabel('To', { exact: true }).fill('2020-04-30');
      await waitForStatus(page, /^3 results/);
      expect(urlParams(page)).to.deep.equal({ q: ['oil'], from: ['2020-02-01'], to: ['2020-04-30'] });
      expect(await hitTitles(page)).to.have.members([
        'Crude slides on demand worries', 'Refinery strike lifts gasoline prices', 'Tanker traffic returns to the strait',
      ]);
      // A range that ends before it starts is caught at the field, not sent.
      const before = tp.apiRequests.length;
      await page.getByLabel('From', { exact: true }).fill('2020-05-01');
      expect(await page.locator('#date-error').isVisible()).to.equal(true);
      expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).to.equal('true');
      expect(urlParams(page).from).to.deep.equal(['2020-02-01']);
      expect(tp.apiRequests.length).to.equal(before);
      await page.getByRole('button', { name: 'Any date' }).click();
      await waitForStatus(page, /^5 results/);
      expect(await page.locator('#date-error').isHidden()).to.equal(true);
      expect(await page.getByLabel('From', { exact: true }).inputValue()).to.equal('');
    });

    it('narrows to a month when its timeline bar is clicked, and lets go on a second click', async () => {
      await visit('?q=oil', /5 results/);
      const bars = page.locator('#timeline button.bar');
      expect(await bars.evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.month))).to.deep.equal([
        '2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06',
      ]);
      // Months without matches are drawn (as gaps) but cannot be chosen.
      expect(await page.locator('#timeline button[data-month="2020-03"]').isDisabled()).to.equal(true);
      const february = page.getByRole('button', { name: 'February 2020: 2 matches' });
      await february.click();
      await waitForStatus(page, /^2 results/);
      expect(urlParams(page)).to.deep.equal({ q: ['oil'], from: ['2020-02-01'], to: ['2020-02-29'] });
      expect(await page.getByLabel('From', { exact: true }).inputValue()).to.equal('2020-02-01');
      expect(await page.getByLabel('To', { exact: true }).inputValue()).to.equal('2020-02-29');
      expect(await february.getAttribute('aria-pressed')).to.equal('true');
      // The other months stay, to widen again.
      expect(await bars.count()).to.equal(6);
      await screenshot(page, '04-timeline-month');
      await february.click();
      await waitForStatus(page, /^5 results/);
      expect(urlParams(page)).to.deep.equal({ q: ['oil'] });
    });
  });

  describe('article view', () => {
    it('opens with every paragraph, the terms marked and the matches flagged; back and forward restore', async () => {
      await visit('', /in the archive/);
      await search('oil', /5 results/);
      await page.getByRole('checkbox', { name: /earnings/ }).check();
      await waitForStatus(page, /^1 result/);
      await page.getByRole('link', { name: 'Energy majors cut spending plans' }).click();
      await waitForArticle(page);
      expect(urlParams(page)).to.deep.equal({ q: ['oil'], topics: ['earnings'], article: ['reuters/1006'] });
      expect(await page.locator('#search-view').isHidden()).to.equal(true);
      expect(await page.locator('.article-title').textContent()).to.equal('Energy majors cut spending plans');
      expect(await page.locator('.article-body .para').count()).to.equal(3);
      expect(await page.locator('.article-body mark').allTextContents()).to.deep.equal(['oil']);
      expect(await page.locator('.para.matched').count()).to.equal(1);
      expect(await page.locator('.para.matched').getAttribute('id')).to.equal('para-1');
      expect(await page.title()).to.equal('Energy majors cut spending plans — ledesearch');

      await page.getByRole('button', { name: 'Next match ↓' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('para-1');
      expect(await page.locator('#match-count').textContent()).to.equal('Match 1 of 1: paragraph 2 of 3.');
      await screenshot(page, '05-article');

      await page.goBack();
      await waitForStatus(page, /^1 result for “oil”/);
      expect(await page.locator('#article-view').isHidden()).to.equal(true);
      expect(urlParams(page)).to.deep.equal({ q: ['oil'], topics: ['earnings'] });
      expect(await page.locator('#q').inputValue()).to.equal('oil');
      expect(await page.getByRole('checkbox', { name: /earnings/ }).isChecked()).to.equal(true);

      await page.goBack();
      await waitForStatus(page, /^5 results for “oil”/);
      expect(await page.getByRole('checkbox', { name: /earnings/ }).isChecked()).to.equal(false);

      await page.goForward();
      await waitForStatus(page, /^1 result/);
      await page.goForward();
      await waitForArticle(page);
      expect(await page.locator('.article-title').textContent()).to.equal('Energy majors cut spending plans');

      await page.reload();
      await waitForArticle(page);
      expect(await page.locator('.article-body mark').allTextContents()).to.deep.equal(['oil']);
      await page.getByRole('button', { name: '← Back to results' }).click();
      await waitForStatus(page, /^1 result for “oil”/);
      expect(urlParams(page)).to.deep.equal({ q: ['oil'], topics: ['earnings'] });
    });

    it('says so when the article does not exist', async () => {
      await page.goto(`${h.baseUrl}?article=${encodeURIComponent('nowhere/1')}`);
      await waitForArticle(page);
      expect(await page.locator('#article-view [role="alert"]').textContent()).to.contain('No article has the id “nowhere/1”');
      // The server's 404 shows up in the console as a failed resource load: expected here.
      tp.errors = tp.errors.filter((e) => !/404/.test(e));
    });
  });

  describe('untrusted text', () => {
    it('shows markup from an article as text and runs none of it', async () => {
      await visit('?q=letter+markup', /result/);
      const link = page.locator(`#results a[data-article="${MALICIOUS_ID}"]`);
      expect(await link.textContent()).to.equal(`Reader letter: ${IMG_TEXT} in a headline`);
      expect(await page.locator('#results').textContent()).to.contain(SCRIPT_TEXT);
      expect(await page.locator('#results img, #results script').count()).to.equal(0);
      await screenshot(page, '06-markup-in-results');

      await link.click();
      await waitForArticle(page);
      expect(await page.locator('#para-1').textContent()).to.contain(`The letter quoted ${SCRIPT_TEXT} and ${IMG_TEXT} as examples`);
      expect(await page.locator('#article-view img, #article-view script').count()).to.equal(0);
      expect(await page.locator('.article-title').textContent()).to.equal(`Reader letter: ${IMG_TEXT} in a headline`);
      // A javascript: URL in the data is not offered as a link.
      expect(await page.locator('#article-view .article-meta a').count()).to.equal(0);
      expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__pwned)).to.equal(undefined);
      await screenshot(page, '07-markup-in-article');
    });
  });

  describe('empty and failing searches', () => {
    it('says nothing matched and offers "did you mean"', async () => {
      await visit('', /in the archive/);
      await search('oill', /No results for “oill”/);
      expect(await page.locator('#empty').textContent()).to.contain('Nothing in the archive matches “oill”');
      const suggestion = page.locator('#did-you-mean-link');
      expect(await suggestion.textContent()).to.equal('oil');
      await screenshot(page, '08-did-you-mean');
      await suggestion.click();
      await waitForStatus(page, /^5 results for “oil”/);
      expect(await page.locator('#q').inputValue()).to.equal('oil');
      expect(await page.locator('#did-you-mean').isHidden()).to.equal(true);
    });

    it('offers to drop filters when they leave nothing', async () => {
      await visit('?q=missile&category=Economy', /No results for “missile”/);
      await page.getByRole('button', { name: 'Remove the filters' }).click();
      await waitForStatus(page, /^1 result for “missile”/);
    });

    it('explains an error from the server and recovers on "Try again"', async () => {
      await visit('?q=oil&from=2020-05-01&to=2020-01-01', /search failed/);
      const alert = page.locator('#alert');
      expect(await alert.isVisible()).to.equal(true);
      expect(await alert.textContent()).to.match(/could not be run: .*date/i);
      await screenshot(page, '09-error');
      tp.errors = tp.errors.filter((e) => !/400/.test(e));

      // The server goes away for a moment, then comes back.
      await page.route(isSearchApi, (route) => route.abort('connectionrefused'));
      await page.getByRole('button', { name: 'Any date' }).click();
      await waitForStatus(page, /search failed/);
      expect(await alert.textContent()).to.contain('could not be reached');
      await page.unroute(isSearchApi);
      await page.getByRole('button', { name: 'Try again' }).click();
      await waitForStatus(page, /^5 results for “oil”/);
      expect(await alert.isHidden()).to.equal(true);
      tp.errors = tp.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e));
    });
  });

  describe('keyboard', () => {
    it('searches, opens a result, walks the matches and comes back without a mouse', async () => {
      await visit('', /in the archive/);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('q');
      await page.keyboard.type('oil prices');
      await page.keyboard.press('Enter');
      await waitForStatus(page, /results for “oil prices”/);
      const first = page.locator('#results a.hit-link').first();
      const title = await first.textContent();
      await first.focus();
      await page.keyboard.press('Enter');
      await waitForArticle(page);
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('article-title');
      await page.keyboard.press('n');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('matched'))).to.equal(true);
      await page.keyboard.press('Escape');
      await waitForStatus(page, /results for “oil prices”/);
      expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal(title);
      // Space ticks a focused facet checkbox.
      await page.getByRole('checkbox').first().focus();
      await page.keyboard.press('Space');
      await page.waitForURL(/category=/);
    });
  });

  describe('on a phone', () => {
    it('stacks into one column with the filters behind a button', async () => {
      await suite.reopen({ viewport: { width: 390, height: 844 } });
      await visit('?q=oil', /5 results/);
      const facets = page.locator('#facets');
      expect(await facets.isVisible()).to.equal(false);
      const side = await page.locator('aside').boundingBox();
      const main = await page.locator('main').boundingBox();
      expect(side && main && side.y + side.height <= main.y).to.equal(true);
      expect(Math.abs((side?.width ?? 0) - (main?.width ?? 0))).to.be.lessThan(2);
      const docWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(docWidth).to.be.at.most(390);
      await screenshot(page, '10-phone');
      const toggle = page.getByRole('button', { name: 'Show filters' });
      await toggle.click();
      expect(await facets.isVisible()).to.equal(true);
      expect(await page.locator('#filters-toggle').getAttribute('aria-expanded')).to.equal('true');
      await screenshot(page, '11-phone-filters');

      await page.locator('#results a.hit-link').first().click();
      await waitForArticle(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
      expect(await page.locator('.para.matched').count()).to.be.greaterThan(0);
      // The article comes first: no screenful of filters above it.
      expect(await page.locator('aside').isVisible()).to.equal(false);
      expect((await page.locator('.article-title').boundingBox())?.y).to.be.lessThan(844);
      await screenshot(page, '12-phone-article');
      await page.goBack();
      await waitForStatus(page, /5 results/);
      expect(await page.locator('aside').isVisible()).to.equal(true);
    });
  });
});
