/**
 * The "Search tips" help next to the search box (issue 10): the query syntax with one example
 * each, every example a button that runs it.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { browserSuite, urlParams, waitForStatus, type Harness } from './harness.js';

/** Each construct of the query syntax, as the tips must spell it. */
const CONSTRUCTS = ['"exact phrase"', '-word', '-"a phrase"', '+word', 'AND', 'OR', 'NOT', 'title:word', 'field:value', 'word*', '"a b" NEAR/5 c', 'SAME(a, b)'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('search tips (browser)', function () {
  this.timeout(60_000);
  let h: Harness;
  let page: Page;
  browserSuite({}, (s) => ({ h, page } = s));

  it('lists every construct of the syntax with an example, folded until asked for', async () => {
    await page.goto(h.baseUrl);
    await waitForStatus(page, /in the archive/);
    const tips = page.locator('#search-tips');
    // Beside the search box, in the page's banner, and folded: the page stays quiet until asked.
    expect(await page.getByRole('banner').locator('#search-tips').count()).to.equal(1);
    expect(await tips.evaluate((d) => (d as HTMLDetailsElement).open)).to.equal(false);
    expect(await page.locator('.tips-list').isVisible()).to.equal(false);

    await page.getByText('Search tips', { exact: true }).click();
    expect(await page.locator('.tips-list').isVisible()).to.equal(true);
    const rows = await page.locator('.tips-list li').evaluateAll((lis) => lis.map((li) => ({
      syntax: Array.from(li.querySelectorAll('.tip-syntax code')).map((c) => c.textContent ?? ''),
      what: li.querySelector('.tip-what')?.textContent?.trim() ?? '',
      examples: Array.from(li.querySelectorAll('button')).map((b) => ({ text: b.textContent ?? '', query: (b as HTMLElement).dataset.example ?? '' })),
    })));
    const spelled = rows.flatMap((r) => r.syntax);
    for (const construct of CONSTRUCTS) expect(spelled.some((s) => s.includes(construct)), construct).to.equal(true);
    // The facet fields are named, so `field:value` can be used without guessing.
    expect(rows.find((r) => r.syntax.includes('field:value'))?.what).to.match(/topics/);
    for (const row of rows) {
      expect(row.what, `what ${row.syntax.join(' ')} does`).to.not.equal('');
      expect(row.examples, `example of ${row.syntax.join(' ')}`).to.have.length(1);
      // The button shows exactly the query it runs.
      expect(row.examples[0].text).to.equal(row.examples[0].query);
    }
    const queries = rows.map((r) => r.examples[0].query);
    expect(queries).to.include('topics:crude');
    expect(queries.some((q) => /NEAR\/5/.test(q))).to.equal(true);
    expect(queries.some((q) => /^SAME\(/.test(q))).to.equal(true);
  });

  it('runs an example when it is clicked, then folds the tips so the results show', async () => {
    await page.goto(h.baseUrl);
    await waitForStatus(page, /in the archive/);
    const examples = await page.locator('.tips-list button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.example ?? ''));
    expect(examples).to.have.length(9);
    for (const example of examples) {
      await page.getByText('Search tips', { exact: true }).click();
      await page.locator('.tips-list').getByRole('button', { name: example, exact: true }).click();
      await waitForStatus(page, new RegExp(`for “${escapeRegExp(example)}”`));
      expect(urlParams(page).q, example).to.deep.equal([example]);
      expect(await page.locator('#q').inputValue()).to.equal(example);
      expect(await page.locator('.tips-list').isVisible(), 'tips still open').to.equal(false);
      expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Search tips');
    }
    // Each example was its own search: Back steps through them.
    await page.goBack();
    await waitForStatus(page, new RegExp(`for “${escapeRegExp(examples[examples.length - 2])}”`));
  });

  it('opens and runs an example from the keyboard', async () => {
    await page.goto(h.baseUrl);
    await waitForStatus(page, /in the archive/);
    await page.locator('#search-tips summary').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('.tips-list').isVisible()).to.equal(true);
    await page.locator('.tips-list').getByRole('button', { name: 'missil*', exact: true }).focus();
    await page.keyboard.press('Enter');
    await waitForStatus(page, /for “missil\*”/);
    expect(urlParams(page).q).to.deep.equal(['missil*']);
  });
});
