/**
 * The search page's controller: keeps the page state in the URL, asks the API for what the state
 * needs, and renders it.
 *
 * One rule runs everything: a change of state is a new URL (`commit`), and `update` makes the
 * page match the URL. Back/forward (`popstate`) and a reload go through `update` too, so they
 * restore exactly what a reader saw.
 */
import { getJson, isAbort } from './api.js';
import { jumpToMatch, renderArticle } from './article-view.js';
import { formatDate, h, isTypingTarget } from './dom.js';
import { renderFacets } from './facets.js';
import { DEFAULT_PAGE_SCHEMA, declaredSorts, pageSchema } from './page-schema.js';
import { renderSearch, renderSearchError } from './search-view.js';
import {
  articleApiUrl, similarApiUrl, countFilters, emptyState, parseState, searchApiUrl, searchKey, stateToQuery,
} from './url-state.js';

/** Quiet time after the last keystroke before searching. */
const TYPING_DEBOUNCE_MS = 200;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const els = {
  form: /** @type {HTMLFormElement} */ ($('search-form')),
  q: /** @type {HTMLInputElement} */ ($('q')),
  sort: /** @type {HTMLSelectElement} */ ($('sort')),
  share: /** @type {HTMLInputElement} */ ($('timeline-share')),
  interval: /** @type {HTMLSelectElement} */ ($('timeline-interval')),
  compareForm: /** @type {HTMLFormElement} */ ($('timeline-compare-form')),
  compare: /** @type {HTMLInputElement} */ ($('timeline-compare')),
  compareClear: $('timeline-compare-clear'),
  from: /** @type {HTMLInputElement} */ ($('from')),
  to: /** @type {HTMLInputElement} */ ($('to')),
  clearDates: $('clear-dates'),
  dateError: $('date-error'),
  clearFilters: $('clear-filters'),
  filtersToggle: $('filters-toggle'),
  facets: $('facets'),
  status: $('status'),
  alert: $('alert'),
  didYouMean: $('did-you-mean'),
  interpreted: $('interpreted'),
  tips: /** @type {HTMLDetailsElement} */ ($('search-tips')),
  timeline: $('timeline'),
  empty: $('empty'),
  results: /** @type {HTMLOListElement} */ ($('results')),
  pagination: $('pagination'),
  searchView: $('search-view'),
  articleView: $('article-view'),
};

/** The archive's fields (from `/api/schema`); the news fields until it has answered. */
let schema = DEFAULT_PAGE_SCHEMA;
let state = parseState(location.search, schema);
/** Fields whose facet list is unfolded; survives re-renders, not reloads. */
const expanded = new Set();
/** The search on screen (its key and response), and the one in flight. */
let shown = { key: /** @type {string | null} */ (null), result: /** @type {any} */ (null) };
let searchCtl = /** @type {AbortController | null} */ (null);
let searchingKey = '';
let articleCtl = /** @type {AbortController | null} */ (null);
let shownArticle = '';
let matchIndex = -1;
let typingTimer = 0;
/** True while the current history entry was made by typing: more typing replaces it. */
let typingEntry = false;
/** Scroll position of the results when an article was opened from them. */
let resultsScroll = 0;

history.scrollRestoration = 'manual';

// ---- state changes -------------------------------------------------------------------------

/**
 * Moves to a new state: a new history entry (or a replaced one), then the page follows.
 * @param {import('./url-state.js').PageState} next
 * @param {{replace?: boolean, typing?: boolean}} [how]
 */
function commit(next, how = {}) {
  if (typingTimer && !how.typing) {
    // A click right after typing must not drop the words typed since the last search.
    clearTimeout(typingTimer);
    typingTimer = 0;
    if (next.q === state.q && els.q.value !== state.q) next = { ...next, q: els.q.value, page: 1 };
  }
  if (stateToQuery(next) === stateToQuery(state)) {
    // Nothing changed (the current page's link, say): no new history entry.
    update();
    return;
  }
  const replace = how.replace ?? (how.typing && typingEntry);
  typingEntry = Boolean(how.typing);
  if (!state.article && next.article) resultsScroll = window.scrollY;
  const url = `${location.pathname}${stateToQuery(next)}`;
  if (replace) history.replaceState({ app: true }, '', url);
  else history.pushState({ app: true, fromState: stateToQuery(state) }, '', url);
  state = next;
  update();
}

/** A change to what is searched: back to page 1, article closed. */
function commitSearch(changes, how = {}) {
  commit({ ...state, ...changes, page: 1, article: '' }, how);
}

// ---- rendering -----------------------------------------------------------------------------

/** Makes the page match `state`: controls, search results, article view. */
function update() {
  syncControls();
  const key = searchKey(state);
  if (key !== shown.key) runSearch(key);
  if (state.article) showArticle();
  else hideArticle();
  updateTitle();
}

function syncControls() {
  if (els.q.value !== state.q) els.q.value = state.q;
  els.sort.value = state.sort;
  els.share.checked = state.share;
  els.interval.value = state.interval;
  if (document.activeElement !== els.compare) els.compare.value = state.compare;
  els.compareClear.hidden = !state.compare;
  els.from.value = state.from;
  els.to.value = state.to;
  els.to.min = state.from;
  els.from.max = state.to;
  els.clearDates.hidden = !state.from && !state.to;
  els.dateError.hidden = true;
  els.from.removeAttribute('aria-invalid');
  els.to.removeAttribute('aria-invalid');
  els.clearFilters.hidden = countFilters(state) === 0;
  const n = countFilters(state);
  els.filtersToggle.textContent = els.filtersToggle.getAttribute('aria-expanded') === 'true'
    ? 'Hide filters'
    : n > 0 ? `Show filters (${n})` : 'Show filters';
}

function updateTitle() {
  const q = state.q.trim();
  const article = state.article && els.articleView.querySelector('.article-title')?.textContent;
  document.title = article ? `${article} — ledesearch` : q ? `${q} — ledesearch` : 'ledesearch';
}

/** @param {string} key */
async function runSearch(key) {
  if (searchCtl && searchingKey === key) return;
  searchCtl?.abort();
  const ctl = new AbortController();
  searchCtl = ctl;
  searchingKey = key;
  const forState = state;
  els.searchView.setAttribute('aria-busy', 'true');
  try {
    const result = await getJson(searchApiUrl(forState), ctl.signal);
    if (ctl !== searchCtl) return;
    shown = { key, result };
    renderSearch(els, forState, result, expanded, schema);
  } catch (err) {
    if (isAbort(err) || ctl !== searchCtl) return;
    shown = { key: null, result: null };
    renderSearchError(els, err instanceof Error ? err.message : String(err));
  } finally {
    if (ctl === searchCtl) {
      els.searchView.removeAttribute('aria-busy');
      searchCtl = null;
    }
  }
}

// ---- the article view ----------------------------------------------------------------------

async function showArticle() {
  const id = state.article;
  const q = state.q;
  const want = `${id}\n${q}`;
  els.searchView.hidden = true;
  els.articleView.hidden = false;
  document.body.classList.add('article-open');
  if (shownArticle === want) return;
  articleCtl?.abort();
  const ctl = new AbortController();
  articleCtl = ctl;
  shownArticle = want;
  els.articleView.setAttribute('aria-busy', 'true');
  els.articleView.replaceChildren(h('p', { class: 'muted', text: 'Loading the article…' }));
  window.scrollTo(0, 0);
  try {
    const data = await getJson(articleApiUrl(id, q), ctl.signal);
    if (ctl !== articleCtl) return;
    renderArticle(els.articleView, data, q, schema);
    void showRelated(id, ctl);
    matchIndex = -1;
    updateTitle();
    /** @type {HTMLElement | null} */ (els.articleView.querySelector('#article-title'))?.focus();
  } catch (err) {
    if (isAbort(err) || ctl !== articleCtl) return;
    shownArticle = '';
    const notFound = err && /** @type {any} */ (err).status === 404;
    els.articleView.replaceChildren(
      h('div', { class: 'alert', role: 'alert' },
        h('p', {}, h('strong', { text: notFound ? 'This article is not in the archive. ' : 'The article could not be loaded: ' }), notFound ? `No article has the id “${id}”.` : String(/** @type {any} */ (err)?.message ?? err)),
        h('button', { type: 'button', class: 'link-button back', id: 'back-to-results', text: '← Back to results' }),
      ),
    );
  } finally {
    if (ctl === articleCtl) {
      els.articleView.removeAttribute('aria-busy');
      articleCtl = null;
    }
  }
}

function hideArticle() {
  if (els.articleView.hidden) return;
  articleCtl?.abort();
  articleCtl = null;
  const openedId = shownArticle.split('\n')[0];
  shownArticle = '';
  els.articleView.hidden = true;
  els.articleView.replaceChildren();
  document.body.classList.remove('article-open');
  els.searchView.hidden = false;
  window.scrollTo(0, resultsScroll);
  // Put the reader back on the result they came from.
  const link = [...els.results.querySelectorAll('a.hit-link')].find((a) => a instanceof HTMLElement && a.dataset.article === openedId);
  if (link instanceof HTMLElement) link.focus({ preventScroll: true });
}

function backToResults() {
  // When the article was opened from these results, going back is the browser's Back.
  if (history.state?.app && history.state.fromState === stateToQuery({ ...state, article: '' })) history.back();
  else commit({ ...state, article: '' });
}

// ---- events --------------------------------------------------------------------------------

els.q.addEventListener('input', () => {
  clearTimeout(typingTimer);
  typingTimer = window.setTimeout(() => {
    typingTimer = 0;
    if (els.q.value !== state.q || state.article) commitSearch({ q: els.q.value }, { typing: true });
  }, TYPING_DEBOUNCE_MS);
});

els.form.addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(typingTimer);
  typingTimer = 0;
  if (els.q.value !== state.q || state.article) commitSearch({ q: els.q.value }, { replace: typingEntry });
  typingEntry = false;
  if (els.q.value === state.q && !state.article && shown.key === null) runSearch(searchKey(state));
});

els.sort.addEventListener('change', () => commitSearch({ sort: els.sort.value }));
els.share.addEventListener('change', () => commit({ ...state, share: els.share.checked }));
els.interval.addEventListener('change', () => commit({ ...state, interval: els.interval.value }));
els.compareForm.addEventListener('submit', (e) => {
  e.preventDefault();
  commit({ ...state, compare: els.compare.value.trim() });
});
els.compareClear.addEventListener('click', () => {
  els.compare.value = '';
  commit({ ...state, compare: '' });
});

for (const input of [els.from, els.to]) {
  input.addEventListener('change', () => {
    // A half-typed date reads as '' with badInput set: wait until it is whole.
    if (input.validity.badInput) return;
    const from = els.from.value;
    const to = els.to.value;
    const backwards = Boolean(from && to && from > to);
    els.dateError.hidden = !backwards;
    input.setAttribute('aria-invalid', String(backwards));
    if (backwards) return;
    els.from.removeAttribute('aria-invalid');
    els.to.removeAttribute('aria-invalid');
    commitSearch({ from, to });
  });
}
els.clearDates.addEventListener('click', () => commitSearch({ from: '', to: '' }));
els.clearFilters.addEventListener('click', () => commitSearch(NO_FILTERS));

/** The state's part that "Clear all" empties: ticked values and ranges. */
const NO_FILTERS = Object.freeze({ filters: {}, ranges: undefined });

/**
 * The state with one field's range filter replaced (`bounds` undefined: removed).
 * @param {string} field
 * @param {import('./url-state.js').RangeBounds | undefined} bounds
 */
function withRange(field, bounds) {
  const ranges = { ...state.ranges };
  if (bounds && Object.keys(bounds).length > 0) ranges[field] = bounds;
  else delete ranges[field];
  return { ranges: Object.keys(ranges).length > 0 ? ranges : undefined };
}

els.facets.addEventListener('change', (e) => {
  const box = e.target;
  if (box instanceof HTMLInputElement && box.dataset.rangeField) {
    changeRange(box);
    return;
  }
  if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
  const values = new Set(state.filters[box.name] ?? []);
  if (box.checked) values.add(box.value);
  else values.delete(box.value);
  const filters = { ...state.filters, [box.name]: [...values] };
  if (values.size === 0) delete filters[box.name];
  // On a phone the open panel covers the results the tick just changed: fold it away.
  if (filtersFold()) closeFilters();
  commitSearch({ filters });
});

els.facets.addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('button') : null;
  if (!button) return;
  if (button.dataset.field) {
    const field = button.dataset.field;
    if (expanded.has(field)) expanded.delete(field);
    else expanded.add(field);
    if (shown.result) renderFacets(els.facets, shown.result.facets ?? {}, state, expanded, schema);
  } else if (button.dataset.bucket !== undefined && button.dataset.rangeField) {
    // Pressing the bucket already chosen lets go of it.
    const bounds = {};
    if (button.dataset.gte) bounds.gte = button.dataset.gte;
    if (button.dataset.lt) bounds.lt = button.dataset.lt;
    if (filtersFold()) closeFilters();
    commitSearch(withRange(button.dataset.rangeField, button.getAttribute('aria-pressed') === 'true' ? undefined : bounds));
  } else if (button.dataset.clearRange) {
    if (filtersFold()) closeFilters();
    commitSearch(withRange(button.dataset.clearRange, undefined));
  } else if (button.dataset.clear) {
    const filters = { ...state.filters };
    delete filters[button.dataset.clear];
    if (filtersFold()) closeFilters();
    commitSearch({ filters });
  }
});

/**
 * A range input of the sidebar changed: filters on both of its field's inputs (from and to,
 * inclusive), unless one is half-typed or they are backwards, which is marked invalid.
 * @param {HTMLInputElement} input
 */
function changeRange(input) {
  if (input.validity.badInput) return;
  const field = /** @type {string} */ (input.dataset.rangeField);
  const group = input.closest('fieldset');
  const inputs = group ? [...group.querySelectorAll('input[data-bound]')] : [input];
  const value = (bound) => /** @type {HTMLInputElement | undefined} */ (inputs.find((i) => i instanceof HTMLInputElement && i.dataset.bound === bound))?.value ?? '';
  const gte = value('gte');
  const lte = value('lte');
  const isNumber = input.type === 'number';
  const backwards = gte !== '' && lte !== '' && (isNumber ? Number(gte) > Number(lte) : gte > lte);
  input.setAttribute('aria-invalid', String(backwards));
  if (backwards) return;
  const bounds = {};
  if (gte !== '') bounds.gte = gte;
  if (lte !== '') bounds.lte = lte;
  commitSearch(withRange(field, bounds));
}

els.filtersToggle.addEventListener('click', () => {
  setFiltersOpen(els.filtersToggle.getAttribute('aria-expanded') !== 'true');
});

/** @param {boolean} open whether the filter panel (a phone's fold-away sidebar) is shown */
function setFiltersOpen(open) {
  els.filtersToggle.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('filters-open', open);
  syncControls();
}

/** True when the filters fold behind their button (the narrow layout shows the button). */
function filtersFold() {
  return getComputedStyle(els.filtersToggle).display !== 'none';
}

/**
 * Folds the filter panel away and brings the reader back to where the results start: focus
 * moves to the button that reopens the panel (the checkbox that had it is gone from view), and
 * when the panel's top had been scrolled past, the page scrolls back to it.
 */
function closeFilters() {
  setFiltersOpen(false);
  els.filtersToggle.focus({ preventScroll: true });
  const sidebar = els.filtersToggle.closest('aside');
  if (sidebar && sidebar.getBoundingClientRect().top < 0) sidebar.scrollIntoView({ block: 'start' });
}

els.timeline.addEventListener('click', (e) => {
  const bar = e.target instanceof Element ? e.target.closest('button.bar') : null;
  if (!(bar instanceof HTMLElement) || !bar.dataset.from || !bar.dataset.to) return;
  // Pressing the bucket already chosen lets go of it.
  if (bar.getAttribute('aria-pressed') === 'true') commitSearch({ from: '', to: '' });
  else commitSearch({ from: bar.dataset.from, to: bar.dataset.to });
});

document.addEventListener('click', (e) => {
  if (!isPlainClick(e) || !(e.target instanceof Element)) return;
  const el = e.target.closest('a[data-article], a[data-page], a[data-suggestion], button[data-action], button[data-example], #back-to-results, #next-match, #prev-match, #home-link');
  if (!el || !(el instanceof HTMLElement)) return;
  if (el.dataset.article) {
    e.preventDefault();
    commit({ ...state, article: el.dataset.article });
  } else if (el.dataset.page) {
    e.preventDefault();
    commit({ ...state, page: Number(el.dataset.page), article: '' });
    /** @type {HTMLElement} */ ($('results-heading')).focus();
  } else if (el.dataset.suggestion) {
    e.preventDefault();
    commitSearch({ q: el.dataset.suggestion });
  } else if (el.dataset.example) {
    // A search tip's example: run it, and fold the tips away so the results show; focus goes
    // to the tips' summary, where it can open them again.
    commitSearch({ q: el.dataset.example });
    els.tips.open = false;
    els.tips.querySelector('summary')?.focus();
  } else if (el.id === 'back-to-results') backToResults();
  else if (el.id === 'next-match') matchIndex = jumpToMatch(els.articleView, matchIndex, 1);
  else if (el.id === 'prev-match') matchIndex = jumpToMatch(els.articleView, matchIndex, -1);
  else if (el.id === 'home-link') {
    e.preventDefault();
    commit(emptyState());
    els.q.focus();
  } else if (el.dataset.action === 'clear-filters') commitSearch(NO_FILTERS);
  else if (el.dataset.action === 'clear-dates') commitSearch({ from: '', to: '' });
  else if (el.dataset.action === 'retry') {
    shown = { key: null, result: null };
    update();
  }
});

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
  if (e.key === '/') {
    e.preventDefault();
    els.q.focus();
    els.q.select();
  } else if (state.article && (e.key === 'n' || e.key === 'p')) {
    matchIndex = jumpToMatch(els.articleView, matchIndex, e.key === 'n' ? 1 : -1);
  } else if (state.article && e.key === 'Escape') {
    backToResults();
  }
});

window.addEventListener('popstate', () => {
  clearTimeout(typingTimer);
  typingTimer = 0;
  typingEntry = false;
  const next = parseState(location.search, schema);
  if (!state.article && next.article) resultsScroll = window.scrollY;
  state = next;
  update();
});

/** @param {MouseEvent} e a click that should stay in the page (not a new tab or window) */
function isPlainClick(e) {
  return e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey;
}

void start();

/**
 * Asks for the archive's schema, then shows the page the URL asks for. A server without
 * `/api/schema` (or one that fails) leaves the news fields: the page still works.
 */
async function start() {
  try {
    schema = pageSchema(await getJson('api/schema', new AbortController().signal));
  } catch {
    schema = DEFAULT_PAGE_SCHEMA;
  }
  for (const option of declaredSorts(schema)) els.sort.append(h('option', { value: option.value, text: option.text }));
  state = parseState(location.search, schema);
  update();
  if (!state.article && !state.q) els.q.focus();
}

/**
 * Lists related stories under the open article (from `/similar`); silent when there are none or
 * the request fails: they are an extra, the article itself is already shown.
 * @param {string} id
 * @param {AbortController} ctl the article's request, so a newer article drops this list
 */
async function showRelated(id, ctl) {
  let data;
  try {
    data = await getJson(similarApiUrl(id), ctl.signal);
  } catch {
    return;
  }
  if (ctl.signal.aborted || shownArticle === '') return;
  const hits = Array.isArray(data?.hits) ? data.hits : [];
  if (hits.length === 0) return;
  const s = parseState(location.search, schema);
  els.articleView.querySelector('article')?.append(
    h('section', { class: 'related', 'aria-labelledby': 'related-heading' },
      h('h3', { id: 'related-heading', text: 'Related stories' }),
      h('ul', { class: 'related-list', id: 'related-list' }, ...hits.map((hit) => h('li', {},
        h('a', { href: stateToQuery({ ...s, article: hit.id }) || '?', 'data-article': hit.id, text: hit.title || '(untitled)' }),
        hit.date ? h('span', { class: 'muted', text: ` · ${formatDate(hit.date)}` }) : null,
      ))),
    ),
  );
}
