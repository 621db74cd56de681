/**
 * Issue 14 on the page, in Chromium: the "+N copies" badge of a collapsed hit, the related
 * stories of an article, the CSV download of the results.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Article } from '../../lib/index.js';
import { browserSuite, startHarness, waitForArticle, waitForStatus, type Harness } from './harness.js';

const BODY = [
  'Tin producers meeting in Kuala Lumpur agreed to extend export quotas for another year, delegates said.',
  'The tin council said stockpiles would be sold slowly to avoid depressing the market further.',
  'Malaysia, Indonesia and Thailand supply most of the world tin traded on the London exchange.',
];
/** A story in three syndicated copies, two related stories, and filler that makes tin words rare. */
const EXTRA: Article[] = [
  ...['a', 'b', 'c'].map((k, i): Article => ({
    id: `tin/copy-${k}`,
    title: `Tin quotas extended (${k})`,
    paragraphs: i === 0 ? BODY : [`(Agency ${k}) - ${BODY[0]}`, ...BODY.slice(1)],
    date: `1987-05-0${i + 1}`,
    source: `Wire ${k}`,
  })),
  ...[1, 2, 3, 4].map((i): Article => ({ id: `tin/related-${i}`, title: `Tin market ${i}`, paragraphs: [`Tin producers and the tin council discussed quotas and stockpiles, delegates said (${i}).`], date: '1987-05-10' })),
  ...Array.from({ length: 60 }, (_, i): Article => ({ id: `filler/${i}`, title: `Weather bulletin ${i}`, paragraphs: [`Rain is expected in district ${i} tomorrow morning.`], date: '1987-06-01' })),
];

describe('news features on the page (browser, issue 14)', function () {
  this.timeout(60_000);
  let h: Harness;
  let page: Page;
  browserSuite({ start: () => startHarness(EXTRA) }, (s) => ({ h, page } = s));

  it('shows syndicated copies as one hit with an expandable "+2 copies" badge', async () => {
    await page.goto(`${h.baseUrl}?q=${encodeURIComponent('tin quotas kuala lumpur')}`);
    await waitForStatus(page, /result/);
    const badges = page.locator('.copies-badge');
    expect(await badges.count()).to.equal(1);
    expect((await badges.first().textContent())?.trim()).to.equal('+2 copies');
    const copyLinks = page.locator('.copies-list a');
    expect(await copyLinks.first().isVisible()).to.equal(false);
    await badges.first().click();
    expect(await copyLinks.count()).to.equal(2);
    expect(await copyLinks.first().isVisible()).to.equal(true);
    const shown = await page.locator('.hit-link').evaluateAll((els) => els.map((e) => e.getAttribute('data-article')));
    const listed = await copyLinks.evaluateAll((els) => els.map((e) => e.getAttribute('data-article')));
    expect([...shown.filter((id) => id?.startsWith('tin/copy-')), ...listed].sort()).to.deep.equal(['tin/copy-a', 'tin/copy-b', 'tin/copy-c']);
  });

  it('lists related stories under an article', async () => {
    await page.goto(`${h.baseUrl}?article=${encodeURIComponent('tin/copy-a')}`);
    await waitForArticle(page);
    await page.locator('#related-list li').first().waitFor();
    const ids = await page.locator('#related-list a').evaluateAll((els) => els.map((e) => e.getAttribute('data-article')));
    expect(ids.length).to.be.greaterThan(0);
    expect(ids).to.not.include('tin/copy-a');
    expect(ids).to.not.include('tin/copy-b');
    expect(ids.some((id) => id?.startsWith('tin/related-'))).to.equal(true);
  });

  it('downloads the results as CSV, one row per hit of the search', async () => {
    await page.goto(`${h.baseUrl}?q=tin`);
    const status = await waitForStatus(page, /result/);
    const total = Number(/(\d+) results?/.exec(status)?.[1]);
    const link = page.locator('#download-csv');
    expect(await link.textContent()).to.equal('Download results (CSV)');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).to.match(/^ledesearch-tin-\d{4}-\d{2}-\d{2}\.csv$/);
    const stream = await download.createReadStream();
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).to.equal('id,date,title,source,publisher,url,score,duplicateCount');
    expect(lines.length - 1).to.equal(total);
    expect(lines.filter((l) => l.startsWith('tin/copy-'))).to.have.length(1);
  });

  it("switches the timeline between counts and each month's share of all articles", async () => {
    await page.goto(`${h.baseUrl}?q=tin`);
    await waitForStatus(page, /result/);
    const may = page.locator('#timeline button.bar[data-month="1987-05"]');
    expect(await may.getAttribute('aria-label')).to.not.contain('%');
    await page.locator('#timeline-share').check();
    await page.waitForFunction(() => document.querySelector('#timeline button.bar[data-month="1987-05"]')?.getAttribute('aria-label')?.includes('%'));
    expect(new URL(page.url()).searchParams.get('share')).to.equal('1');
    const api = await (await fetch(`${h.baseUrl}api/search?q=tin&histogram=1&histogramNormalize=1&collapse=duplicates&limit=0`)).json() as { dateHistogram: { value: string; share: number }[] };
    const share = api.dateHistogram.find((b) => b.value === '1987-05')?.share ?? -1;
    expect(share).to.be.greaterThan(0);
    expect(await may.getAttribute('aria-label')).to.contain(`${(share * 100).toFixed(1)}% of the month's articles`);
    await page.reload();
    await waitForStatus(page, /result/);
    expect(await page.locator('#timeline-share').isChecked()).to.equal(true);
  });

  it('switches the timeline to weeks, narrows to a week on a click, and keeps the interval in the URL', async () => {
    await page.goto(`${h.baseUrl}?q=tin`);
    await waitForStatus(page, /result/);
    await page.locator('#timeline-interval').selectOption('week');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('interval') === 'week' && document.querySelector('#timeline button.bar[data-bucket]:not([data-month])') !== null);
    // The oracle: the weeks of the matching articles' dates, counted directly (collapse: one per group).
    const api = await (await fetch(`${h.baseUrl}api/search?q=tin&histogram=week&collapse=duplicates&limit=100&snippets=0`)).json() as { hits: { date?: string }[]; dateHistogram: { value: string; count: number }[] };
    const monday = (d: string): string => {
      const t = Date.parse(`${d.slice(0, 10)}T00:00:00Z`);
      const dow = (new Date(t).getUTCDay() + 6) % 7;
      return new Date(t - dow * 86400000).toISOString().slice(0, 10);
    };
    const expected = new Map<string, number>();
    for (const hit of api.hits) if (hit.date) expected.set(monday(hit.date), (expected.get(monday(hit.date)) ?? 0) + 1);
    expect(expected.size).to.be.greaterThan(1);
    for (const [week, count] of expected) {
      const label = await page.locator(`#timeline button.bar[data-bucket="${week}"]`).getAttribute('aria-label');
      expect(label).to.contain(`${count} match`);
    }
    const [week] = [...expected.keys()].sort();
    await page.locator(`#timeline button.bar[data-bucket="${week}"]`).click();
    await page.waitForFunction((w) => new URL(location.href).searchParams.get('from') === w, week);
    const sunday = new Date(Date.parse(`${week}T00:00:00Z`) + 6 * 86400000).toISOString().slice(0, 10);
    expect(new URL(page.url()).searchParams.get('to')).to.equal(sunday);
    await page.reload();
    await waitForStatus(page, /result/);
    expect(await page.locator('#timeline-interval').inputValue()).to.equal('week');
  });

  it('draws a second query on the same chart, named in each bar\'s label, and removes it again', async () => {
    await page.goto(`${h.baseUrl}?q=tin&interval=month`);
    await waitForStatus(page, /result/);
    expect(await page.locator('#timeline .bar-compare').count()).to.equal(0);
    await page.locator('#timeline-compare').fill('rain');
    await page.locator('#timeline-compare-form button[type=submit]').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('compare') === 'rain' && document.querySelector('#timeline .bar-compare') !== null);
    const api = await (await fetch(`${h.baseUrl}api/search?q=tin&histogram=1&compare=rain&collapse=duplicates&limit=0`)).json() as { dateHistogram: { value: string }[]; dateHistogramCompare: { value: string; count: number }[] };
    const june = api.dateHistogramCompare.find((b) => b.value === '1987-06');
    expect(june?.count).to.equal(60);
    const label = await page.locator('#timeline button.bar[data-month="1987-06"]').getAttribute('aria-label');
    expect(label).to.contain('“rain”: 60 matches');
    // A bar per bucket for the comparison, the tallest where it has the most.
    const heights = await page.locator('#timeline .bar-compare').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.bucket, (e as HTMLElement).style.getPropertyValue('--h')]));
    expect(heights.find(([b]) => b === '1987-06')?.[1]).to.equal('100%');
    expect(await page.locator('#timeline .timeline-legend').textContent()).to.contain('rain');
    await page.locator('#timeline-compare-clear').click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('compare') && document.querySelector('#timeline .bar-compare') === null);
  });
});
