/**
 * The search page on a phone-sized screen (390 × 844 CSS pixels, an iPhone 12–15): the
 * timeline's labels and what happens after a facet is ticked (issue 13, "Small things a new
 * user met").
 */
import { expect } from 'chai';
import type { Page, Route } from 'playwright-core';
import { browserSuite, screenshot, waitForStatus, type Harness } from './harness.js';

const PHONE = { width: 390, height: 844 };

/** Every month from `first` to `last` (`YYYY-MM`), inclusive. */
function monthRun(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month === last) return out;
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

/** A histogram over `months`, with counts that vary so the bars differ in height. */
function histogramOf(months: string[]): { value: string; count: number }[] {
  return months.map((value, i) => ({ value, count: 1 + ((i * 7) % 11) }));
}

/** A bar and a visible label of the timeline, with their boxes in CSS pixels. */
interface Box { left: number; right: number; top: number; bottom: number }
interface TimelineLayout {
  chart: Box;
  scrollWidth: number;
  clientWidth: number;
  bars: (Box & { month: string; short: string })[];
  labels: (Box & { text: string })[];
}

/**
 * Reads the drawn timeline. A label is any visible text in the chart outside the bars, whatever
 * elements carry it, so the check does not depend on how the page builds the chart.
 */
async function readTimeline(page: Page): Promise<TimelineLayout> {
  return page.evaluate(() => {
    const box = (r: DOMRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    const chart = document.getElementById('timeline') as HTMLElement;
    const short = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
    const bars = Array.from(chart.querySelectorAll<HTMLElement>('button.bar')).map((b) => ({
      ...box(b.getBoundingClientRect()),
      month: b.dataset.month ?? '',
      short: short.format(Date.parse(`${b.dataset.month}-01T00:00:00Z`)),
    }));
    const labels = Array.from(chart.querySelectorAll<HTMLElement>('*'))
      .filter((el) => el.closest('button') === null && el.children.length === 0 && (el.textContent ?? '').trim() !== '')
      .filter((el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
      .map((el) => ({ ...box(el.getBoundingClientRect()), text: (el.textContent ?? '').trim() }));
    return { chart: box(chart.getBoundingClientRect()), scrollWidth: chart.scrollWidth, clientWidth: chart.clientWidth, bars, labels };
  });
}

/** Whether two boxes share any area (touching edges do not count). */
function overlap(a: Box, b: Box): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

/** Whether a label's text names a bar's month: `1987`, `Mar 1987` or `Mar` (a year and its month may be two labels). */
function names(text: string, bar: { month: string; short: string }): boolean {
  const year = bar.month.slice(0, 4);
  return text === year || text === `${bar.short} ${year}` || text === bar.short;
}

describe('search page on a phone (browser)', function () {
  this.timeout(60_000);
  let h: Harness;
  let page: Page;
  browserSuite({ page: { viewport: PHONE } }, (s) => ({ h, page } = s));

  describe('timeline', () => {
    // The fixture spans six months, which fit anywhere; these are the shapes that did not: a
    // news archive of 1987 plus one 2019 article (the bundled corpus), a whole labelled year,
    // and three years and more of months.
    const shapes: Record<string, string[]> = {
      'nine months of 1987 and one of 2019': [...monthRun('1987-02', '1987-10'), '2019-10'],
      'twelve named months across a new year': monthRun('2019-11', '2020-10'),
      'forty months across four years': monthRun('2017-01', '2020-04'),
    };
    for (const [name, months] of Object.entries(shapes)) {
      it(`keeps each label under its own bar and on screen: ${name}`, async () => {
        await page.route((url) => url.pathname === '/api/search', async (route: Route) => {
          const response = await route.fetch();
          const body = (await response.json()) as Record<string, unknown>;
          await route.fulfill({ response, json: { ...body, dateHistogram: histogramOf(months) } });
        });
        await page.goto(`${h.baseUrl}?q=oil`);
        await waitForStatus(page, /5 results/);
        const t = await readTimeline(page);
        await screenshot(page, `phone-timeline-${months[0]}-${months.length}`);

        expect(t.bars.map((b) => b.month)).to.deep.equal(months);
        // Nothing off to the side: no scrolling inside the chart, the page no wider than the screen.
        expect(t.scrollWidth, 'chart scroll width').to.be.at.most(t.clientWidth);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(PHONE.width);

        expect(t.labels.length, 'labels shown').to.be.greaterThan(0);
        const barsBottom = Math.max(...t.bars.map((b) => b.bottom));
        const sorted = [...t.labels].sort((a, b) => a.left - b.left);
        for (const [i, label] of sorted.entries()) {
          // Inside the chart (so inside the screen), just under the bars.
          expect(label.left, `"${label.text}" left`).to.be.at.least(Math.max(0, t.chart.left) - 0.5);
          expect(label.right, `"${label.text}" right`).to.be.at.most(Math.min(PHONE.width, t.chart.right) + 0.5);
          expect(label.top, `"${label.text}" top`).to.be.at.least(barsBottom - 0.5);
          expect(label.top - barsBottom, `"${label.text}" distance below the bars`).to.be.lessThan(32);
          // Under its own bar: one of its edges lines up with the column of the month it names.
          const under = t.bars.filter((b) => (label.left >= b.left - 0.5 && label.left < b.right) || (label.right > b.left && label.right <= b.right + 0.5));
          expect(under.some((b) => names(label.text, b)), `"${label.text}" sits under ${under.map((b) => b.month).join(', ') || 'no bar'}`).to.equal(true);
          // Readable: no two labels overlap.
          for (const other of sorted.slice(i + 1)) expect(overlap(label, other), `"${label.text}" overlaps "${other.text}"`).to.equal(false);
        }
        // Every year in the chart can be read off it.
        const years = [...new Set(months.map((m) => m.slice(0, 4)))];
        for (const year of years) expect(t.labels.some((l) => l.text.includes(year)), `a label naming ${year}`).to.equal(true);
      });
    }

    it('fits the labels again when the screen turns', async () => {
      const months = [...monthRun('1987-02', '1987-10'), '2019-10'];
      await page.route((url) => url.pathname === '/api/search', async (route: Route) => {
        const response = await route.fetch();
        const body = (await response.json()) as Record<string, unknown>;
        await route.fulfill({ response, json: { ...body, dateHistogram: histogramOf(months) } });
      });
      await page.goto(`${h.baseUrl}?q=oil`);
      await waitForStatus(page, /5 results/);
      const narrow = await readTimeline(page);
      await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
      // The labels are fitted again once the chart has its new width.
      await page.waitForFunction((n) => {
        const shown = Array.from(document.querySelectorAll('#timeline *'))
          .filter((el) => el.closest('button') === null && el.children.length === 0 && (el.textContent ?? '').trim() !== '')
          .filter((el) => el.checkVisibility({ visibilityProperty: true }));
        return shown.length > n;
      }, narrow.labels.length);
      const wide = await readTimeline(page);
      expect(wide.labels.map((l) => l.text)).to.include.members(narrow.labels.map((l) => l.text));
      for (const [i, label] of wide.labels.entries()) {
        expect(label.right).to.be.at.most(wide.chart.right + 0.5);
        for (const other of wide.labels.slice(i + 1)) expect(overlap(label, other), `"${label.text}" overlaps "${other.text}"`).to.equal(false);
      }
    });
  });

  describe('filters', () => {
    it('closes the filter panel after a tick so the results are in view', async () => {
      await page.goto(`${h.baseUrl}?q=oil`);
      await waitForStatus(page, /5 results/);
      await page.getByRole('button', { name: 'Show filters' }).click();
      expect(await page.locator('#facets').isVisible()).to.equal(true);
      const box = page.getByRole('checkbox', { name: /shipping/ });
      await box.scrollIntoViewIfNeeded();
      await box.click();
      await waitForStatus(page, /^1 result for “oil”/);
      expect(await page.locator('#facets').isVisible(), 'filter panel visible').to.equal(false);
      const toggle = page.locator('#filters-toggle');
      expect(await toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(await toggle.textContent()).to.equal('Show filters (1)');
      // The reader's place is kept: focus on the button that brings the filters back.
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('filters-toggle');
      const status = await page.locator('#status').boundingBox();
      const first = await page.locator('#results .hit-title').first().boundingBox();
      expect(status && status.y >= 0 && status.y + status.height <= PHONE.height, 'status line in view').to.equal(true);
      expect(first && first.y >= 0 && first.y < PHONE.height, 'first result in view').to.equal(true);
      expect(await page.locator('#results .hit-title').first().textContent()).to.equal('Tanker traffic returns to the strait');
      await screenshot(page, 'phone-after-tick');

      // Opening the panel again shows the tick, and unticking closes it the same way.
      await toggle.click();
      expect(await box.isChecked()).to.equal(true);
      await box.click();
      await waitForStatus(page, /^5 results for “oil”/);
      expect(await page.locator('#facets').isVisible()).to.equal(false);
      expect(await toggle.textContent()).to.equal('Show filters');

      // A field's "Clear" button changes the results too: same again.
      await page.goto(`${h.baseUrl}?q=oil&topics=shipping&topics=earnings`);
      await waitForStatus(page, /^2 results for “oil”/);
      await toggle.click();
      await page.getByRole('button', { name: 'Clear topics' }).click();
      await waitForStatus(page, /^5 results for “oil”/);
      expect(await page.locator('#facets').isVisible()).to.equal(false);
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('filters-toggle');
    });
  });
});
