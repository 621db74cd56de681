/**
 * axe-core's WCAG 2.1 A and AA rules over the search page's main states, on a laptop and on a
 * phone (issue 13: the page must stay clean, so the check runs with every test run).
 *
 * axe is injected with `page.evaluate` rather than a script tag: the server's Content Security
 * Policy (script-src 'self') rightly refuses inline scripts, and the check must not weaken it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type * as Axe from 'axe-core';
import { browserSuite, openPage, startIndexHarness, waitForArticle, waitForStatus, type Harness } from './harness.js';
import { newsroomIndex } from './newsroom-index.js';

declare global {
  interface Window {
    axe?: typeof Axe;
  }
}

/** The rule sets of WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const LAPTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

/** A failed rule, in a form that reads well in a test failure. */
interface Violation {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe over the whole document and returns what failed. */
async function violations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = window.axe;
    if (!axe) throw new Error('axe-core did not load into the page');
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  }, WCAG_TAGS);
}

describe('search page accessibility (browser, axe-core)', function () {
  this.timeout(60_000);
  let h: Harness;
  let page: Page;
  const suite = browserSuite({ pagePerTest: false }, (s) => ({ h, page } = s));

  async function open(viewport: { width: number; height: number }, query: string, status: RegExp): Promise<void> {
    await suite.reopen({ viewport });
    await page.goto(h.baseUrl + query);
    await waitForStatus(page, status);
  }

  for (const [device, viewport] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    it(`results on a ${device}: no violations`, async () => {
      await open(viewport, '?q=oil', /^5 results for “oil”/);
      expect(await page.locator('#results .hit').count()).to.equal(5);
      expect(await violations(page)).to.deep.equal([]);
    });

    it(`a list of results with its pager (first page, "Previous" unavailable) on a ${device}: no violations`, async () => {
      await open(viewport, '', /12 articles in the archive/);
      // The pager's unavailable item is what failed the contrast rule: make sure it is drawn.
      expect(await page.locator('#pagination .disabled').isVisible()).to.equal(true);
      expect(await violations(page)).to.deep.equal([]);
    });
  }

  it('the filter panel open on a phone: no violations', async () => {
    await open(PHONE, '?q=oil&topics=shipping', /^1 result for “oil”/);
    await page.getByRole('button', { name: /Show filters/ }).click();
    expect(await page.locator('#facets').isVisible()).to.equal(true);
    expect(await violations(page)).to.deep.equal([]);
  });

  for (const [device, viewport] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    it(`the search tips open on a ${device}: no violations`, async () => {
      await open(viewport, '?q=oil', /^5 results/);
      await page.getByText('Search tips', { exact: true }).click();
      expect(await page.locator('.tips-list').isVisible()).to.equal(true);
      expect(await violations(page)).to.deep.equal([]);
    });
  }

  it('the article view: no violations', async () => {
    await open(LAPTOP, '?q=oil', /^5 results/);
    await page.getByRole('link', { name: 'Energy majors cut spending plans' }).click();
    await waitForArticle(page);
    expect(await page.locator('.para.matched').count()).to.be.greaterThan(0);
    expect(await violations(page)).to.deep.equal([]);
  });

  it('the empty state (nothing matched, with "did you mean"): no violations', async () => {
    await open(LAPTOP, '?q=oill', /No results for “oill”/);
    expect(await page.locator('#empty').isVisible()).to.equal(true);
    expect(await page.locator('#did-you-mean').isVisible()).to.equal(true);
    expect(await violations(page)).to.deep.equal([]);
  });
});

describe('search page accessibility with a declared schema (browser, axe-core, newsroom example)', function () {
  this.timeout(60_000);
  let h: Harness;

  before(async () => {
    h = await startIndexHarness((await newsroomIndex()).index);
  });
  after(async () => {
    await h?.close();
  });

  it('the range facets, declared sort orders, hit fields and article view: no violations', async () => {
    const tp = await openPage(h, { viewport: LAPTOP });
    try {
      await tp.page.goto(`${h.baseUrl}?wordCount.gte=300&wordCount.lt=800&sort=-wordCount`);
      await waitForStatus(tp.page, /articles match/);
      expect(await tp.page.locator('.range-bucket[aria-pressed="true"]').count()).to.equal(1);
      expect(await tp.page.locator('#results .hit-fields').count()).to.be.greaterThan(0);
      expect(await violations(tp.page)).to.deep.equal([]);
      await tp.page.locator('#results a.hit-link').first().click();
      await waitForArticle(tp.page);
      expect(await tp.page.locator('#article-view .article-meta [data-field]').count()).to.be.greaterThan(0);
      expect(await violations(tp.page)).to.deep.equal([]);
      expect(tp.errors).to.deep.equal([]);
    } finally {
      await tp.page.context().close();
    }
  });
});
