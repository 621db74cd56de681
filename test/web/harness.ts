/**
 * What the browser tests share: the real server over the fixture archive on an ephemeral port,
 * headless Chromium driven by playwright-core, screenshots, and waits that follow the page's
 * own signals (its status line, its URL) rather than the clock.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSearchIndex, type Article, type SearchIndex } from '../../lib/index.js';
import { createApp } from '../../server/app.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { fixtureArticles } from './fixture-corpus.js';

/** Where Debian's chromium package puts the browser (override with LEDESEARCH_CHROMIUM). */
export const CHROMIUM_PATH = process.env.LEDESEARCH_CHROMIUM || '/usr/bin/chromium';

/** Flags for headless Chromium in a container: no sandbox, GPU, or background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The repository root: the nearest folder above this file holding `web/index.html`. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'web', 'index.html')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('internal: cannot find the repository root (a folder with web/index.html) above the tests');
    dir = up;
  }
}

/** Screenshots land here (git-ignored). */
export const SCREENSHOT_DIR = join(repoRoot(), 'test-output', 'screenshots');

/** A running server and browser. */
export interface Harness {
  browser: Browser;
  server: Server;
  /** `http://127.0.0.1:<port>/` */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the real app (createApp with `webDir`) over the fixture archive (plus `extraArticles`)
 * and launches Chromium.
 *
 * A missing browser is an error with a way out, never a silent pass: the tests are the only
 * thing standing between the page and its readers.
 */
export async function startHarness(extraArticles: readonly Article[] = []): Promise<Harness> {
  const index = createSearchIndex();
  index.addAll([...fixtureArticles(), ...extraArticles]);
  return startIndexHarness(index);
}

/**
 * Starts the real app over `index` (with the schema the index was made with, as the server
 * does) and launches Chromium.
 */
export async function startIndexHarness(index: SearchIndex): Promise<Harness> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}, so the search page's browser tests cannot run. ` +
        'Install it with `bash scripts/install-browser.sh` (Debian/Ubuntu: apt-get install chromium), ' +
        'or point LEDESEARCH_CHROMIUM at a Chromium binary.',
    );
  }
  const app = createApp(createIndexHolder(index), { webDir: join(repoRoot(), 'web') });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (err) {
    server.close();
    throw err;
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    browser,
    server,
    baseUrl: `http://127.0.0.1:${port}/`,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Options of {@link openPage}. */
export interface PageOptions {
  /** Viewport width and height; default a laptop, 1280×860. */
  viewport?: { width: number; height: number };
}

/**
 * A fresh page (own context: own history, no shared state) that fails the test on any page
 * error or console error, and remembers every `/api/` request it made.
 */
export async function openPage(h: Harness, options: PageOptions = {}): Promise<TestPage> {
  const context = await h.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 860 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const tp: TestPage = { page, errors: [], apiRequests: [] };
  page.on('pageerror', (err) => tp.errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') tp.errors.push(`console error: ${msg.text()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/api/')) tp.apiRequests.push(url.pathname + url.search);
  });
  return tp;
}

/** A page and what it reported. */
export interface TestPage {
  page: Page;
  /** Uncaught errors and console errors; tests check it stays empty where none are expected. */
  errors: string[];
  /** Paths and query strings of the API requests made, in order. */
  apiRequests: string[];
}

/** A browser suite's harness and page, current for the running test (see {@link browserSuite}). */
export interface BrowserSuite {
  h: Harness;
  tp: TestPage;
  page: Page;
  /**
   * Closes the test's page and opens a fresh one (say, with another viewport), which then is the
   * one closed and checked for errors after the test.
   */
  reopen(options?: PageOptions): Promise<void>;
}

/** Options of {@link browserSuite}. */
export interface BrowserSuiteOptions {
  /** Starts the harness before the suite's first test; default {@link startHarness} over the fixture archive. */
  start?: () => Promise<Harness>;
  /** Options of the page opened before each test. */
  page?: PageOptions;
  /** Open a page before each test; default true. False: a test opens its own with `reopen`. */
  pagePerTest?: boolean;
}

/**
 * Registers, in the calling `describe`, the hooks the browser suites share: the harness started
 * before the first test and closed after the last; a fresh page (own context) before each test;
 * after each test its page closed and, when the test passed, the errors the page reported checked
 * to be none (a test that expects some filters `tp.errors`). `bind` is called whenever the
 * harness or the page changes, so a suite can keep them in its own variables
 * (`(s) => ({ h, tp, page } = s)`).
 */
export function browserSuite(options: BrowserSuiteOptions = {}, bind: (s: BrowserSuite) => void = () => {}): BrowserSuite {
  let open: TestPage | undefined;
  const suite = {
    async reopen(pageOptions: PageOptions = options.page ?? {}): Promise<void> {
      await open?.page.context().close();
      open = await openPage(suite.h, pageOptions);
      suite.tp = open;
      suite.page = open.page;
      bind(suite);
    },
  } as BrowserSuite;
  before(async () => {
    suite.h = await (options.start ?? (() => startHarness()))();
    bind(suite);
  });
  after(async () => {
    await suite.h?.close();
  });
  if (options.pagePerTest ?? true) beforeEach(() => suite.reopen());
  afterEach(async function () {
    const tp = open;
    open = undefined;
    if (!tp) return;
    await tp.page.context().close();
    if (this.currentTest?.state === 'passed') expect(tp.errors, 'errors in the page').to.deep.equal([]);
  });
  return suite;
}

/** Saves a full-page screenshot under {@link SCREENSHOT_DIR}. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Waits until the page is not loading and its status line matches `pattern`. */
export async function waitForStatus(page: Page, pattern: RegExp): Promise<string> {
  const handle = await page.waitForFunction(
    ([source, flags]) => {
      const view = document.getElementById('search-view');
      const status = document.getElementById('status')?.textContent ?? '';
      return !view?.hasAttribute('aria-busy') && new RegExp(source, flags).test(status) ? status : false;
    },
    [pattern.source, pattern.flags] as const,
  );
  return (await handle.jsonValue()) as string;
}

/** Waits until the article view has rendered an article (or an error) and is not loading. */
export async function waitForArticle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const view = document.getElementById('article-view');
    return view && !view.hidden && !view.hasAttribute('aria-busy') && view.querySelector('article, .alert') !== null;
  });
}

/** The page URL's parameters, as a plain object of arrays. */
export function urlParams(page: Page): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URL(page.url()).searchParams) (out[k] ??= []).push(v);
  return out;
}

/** The visible results' titles, in order. */
export async function hitTitles(page: Page): Promise<string[]> {
  return page.locator('#results .hit-title').allTextContents();
}

/** A facet's values and counts as shown: `{ usa: 2, uk: 1 }`. */
export async function facetCounts(page: Page, field: string): Promise<Record<string, number | null>> {
  return page.evaluate((f) => {
    const out: Record<string, number | null> = {};
    for (const label of Array.from(document.querySelectorAll(`fieldset[data-field="${f}"] label`))) {
      const value = label.querySelector('.facet-value')?.textContent ?? '';
      const count = label.querySelector('.facet-count')?.textContent;
      out[value] = count ? Number(count.replace(/,/g, '')) : null;
    }
    return out;
  }, field);
}
