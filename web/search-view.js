/**
 * The search view: the status line (count and time), "did you mean", the message above the
 * results (welcome, nothing found, past the last page), the hits, pagination, facets and
 * timeline, from one `/api/search` response; and the error state when there is none.
 *
 * Links and buttons here only carry data attributes (`data-page`, `data-suggestion`,
 * `data-action`); the controller in app.js handles their clicks.
 */
import { h, plural } from './dom.js';
import { renderFacets } from './facets.js';
import { renderHits, renderPagination } from './results.js';
import { renderTimeline } from './timeline.js';
import { MAX_PAGE, PAGE_SIZE, countFilters, isBlank, stateToQuery, exportApiUrl } from './url-state.js';

/**
 * @typedef {object} SearchViewElements
 * @property {HTMLElement} status
 * @property {HTMLElement} alert
 * @property {HTMLElement} didYouMean
 * @property {HTMLElement} interpreted
 * @property {HTMLElement} empty
 * @property {HTMLOListElement} results
 * @property {HTMLElement} pagination
 * @property {HTMLElement} facets
 * @property {HTMLElement} timeline
 */

/**
 * Renders a search response: status line, did-you-mean, message, hits, pages, facets, timeline.
 * @param {SearchViewElements} els
 * @param {import('./url-state.js').PageState} s the state the search was made for
 * @param {any} result the `/api/search` response
 * @param {Set<string>} expanded facet fields shown unfolded
 * @param {import('./page-schema.js').PageSchema} [schema] the archive's fields (default: the news fields)
 */
export function renderSearch(els, s, result, expanded, schema = undefined) {
  els.alert.hidden = true;
  els.alert.replaceChildren();
  const q = s.q.trim();
  const total = result.total;
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE);
  const took = typeof result.tookMs === 'number' ? ` in ${formatMs(result.tookMs)}` : '';

  if (isBlank(s)) els.status.textContent = `${plural(total, 'article')} in the archive, newest first (listed${took}).`;
  else if (result.unsearchable === true) els.status.textContent = `Nothing in “${q}” can be searched.`;
  else if (total === 0 && result.totalExact !== false) els.status.textContent = q ? `No results for “${q}”.` : 'No articles match these filters.';
  else {
    // A total counted only up to trackTotal is a lower bound: "10,000+ results".
    const what = result.totalExact === false
      ? `${total.toLocaleString('en-GB')}+ ${q ? `results for “${q}”` : 'articles match these filters'}`
      : q ? `${plural(total, 'result')} for “${q}”` : `${plural(total, 'article')} match these filters`;
    const page = pages > 1 ? ` · page ${Math.min(s.page, pages)} of ${pages}` : '';
    els.status.textContent = `${what}${took}${page}.`;
  }

  renderDidYouMean(els, s, result.didYouMean);
  const interpreted = renderInterpreted(els, s, result);
  // The status line is what a screen reader announces: it carries the interpretation too.
  if (interpreted) els.status.append(h('span', { class: 'visually-hidden', text: ` Searched for: ${interpreted}.` }));
  renderEmpty(els, s, result, pages);
  renderHits(els.results, result.hits ?? [], s, schema);
  renderPagination(els.pagination, total, s);
  renderFacets(els.facets, result.facets ?? {}, s, expanded, schema);
  const download = document.getElementById('download-csv');
  if (download) {
    download.setAttribute('href', exportApiUrl(s));
    download.hidden = total === 0;
  }
  const hasTimeline = renderTimeline(els.timeline, result.dateHistogram, {
    ...s,
    // `auto` as the API resolved it; absent means months (`histogram=1`).
    interval: result.dateHistogramInterval ?? 'month',
    compareHistogram: result.dateHistogramCompare,
  });
  els.timeline.closest('section')?.classList.toggle('no-data', !hasTimeline);
}

/** @param {number} ms */
function formatMs(ms) {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/**
 * @param {SearchViewElements} els
 * @param {import('./url-state.js').PageState} s
 * @param {string | undefined} suggestion
 */
function renderDidYouMean(els, s, suggestion) {
  if (!suggestion) {
    els.didYouMean.hidden = true;
    els.didYouMean.replaceChildren();
    return;
  }
  const href = stateToQuery({ ...s, q: suggestion, page: 1, article: '' }) || '?';
  const link = h('a', { href, id: 'did-you-mean-link', 'data-suggestion': suggestion, text: suggestion });
  els.didYouMean.replaceChildren(h('p', {}, 'Did you mean ', link, '?'));
  els.didYouMean.hidden = false;
}

/**
 * "Searched for: …" when the API read the query differently from how it was typed (an unclosed
 * quote closed, a dangling operator dropped, a lower-case `or` taken as a word): the reader
 * sees what was actually searched. Spacing alone is no difference. Text only, never HTML.
 * @param {SearchViewElements} els
 * @param {import('./url-state.js').PageState} s
 * @param {any} result
 * @returns {string} the interpretation shown, or '' when none is
 */
function renderInterpreted(els, s, result) {
  const interpreted = typeof result.interpretedAs === 'string' ? result.interpretedAs.trim() : '';
  const shown = interpreted !== '' && result.unsearchable !== true && squash(interpreted) !== squash(s.q);
  els.interpreted.hidden = !shown;
  els.interpreted.replaceChildren(...(shown ? ['Searched for: ', h('code', { text: interpreted })] : []));
  return shown ? interpreted : '';
}

/** @param {string} text the text with runs of white space as one space, none at the ends */
function squash(text) {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * The message above the results when there is something to say: a welcome on a blank page,
 * what to try when nothing matched, where the last page is when the page number is past it.
 */
function renderEmpty(els, s, result, pages) {
  const box = els.empty;
  const parts = [];
  if (isBlank(s)) {
    parts.push(
      h('p', { class: 'lead', text: 'Type a few words to search every paragraph of the archive.' }),
      h('p', { class: 'muted', text: 'Filter with the sidebar, narrow the dates with the timeline, end a word with * to match its prefix (missil*). The newest articles are below.' }),
    );
  } else if (result.unsearchable === true) {
    // Not "no results": the archive was never asked, because no word in the query can be.
    parts.push(
      h('p', { class: 'lead', text: `Nothing in “${s.q.trim()}” can be searched: it holds only common words or symbols.` }),
      h('p', { class: 'muted', text: 'Add a word that says what you are looking for: a name, a place, a topic.' }),
    );
  } else if (result.total === 0 && result.totalExact !== false) {
    parts.push(h('p', { class: 'lead', text: s.q.trim() ? `Nothing in the archive matches “${s.q.trim()}”${countFilters(s) || s.from || s.to ? ' with these filters' : ''}.` : 'No article matches these filters.' }));
    const tips = [];
    if (countFilters(s) > 0) tips.push(h('li', {}, h('button', { type: 'button', class: 'link-button', 'data-action': 'clear-filters', text: 'Remove the filters' })));
    if (s.from || s.to) tips.push(h('li', {}, h('button', { type: 'button', class: 'link-button', 'data-action': 'clear-dates', text: 'Search any date' })));
    if (s.q.trim()) tips.push(h('li', { text: 'Check the spelling, use fewer words, or end a word with * to match its beginning.' }));
    if (tips.length) parts.push(h('ul', { class: 'tips' }, ...tips));
  } else if (s.page > pages) {
    const last = stateToQuery({ ...s, page: pages, article: '' }) || '?';
    parts.push(h('p', {}, `There are only ${plural(pages, 'page')} of results. `, h('a', { href: last, 'data-page': pages, text: 'Go to the last page' })));
  }
  box.replaceChildren(...parts);
  box.hidden = parts.length === 0;
}

/**
 * Shows why a search failed, with a "Try again" button (`data-action="retry"`).
 * @param {SearchViewElements} els
 * @param {string} message
 */
export function renderSearchError(els, message) {
  els.status.textContent = 'The search failed.';
  els.alert.replaceChildren(
    h('p', {}, h('strong', { text: 'The search could not be run: ' }), message),
    h('button', { type: 'button', class: 'button', 'data-action': 'retry', text: 'Try again' }),
  );
  els.alert.hidden = false;
  els.results.replaceChildren();
  els.pagination.replaceChildren();
  els.pagination.hidden = true;
  els.empty.hidden = true;
  els.didYouMean.hidden = true;
  els.interpreted.hidden = true;
  // The facets stay (a filter may be what to undo); the timeline would only show old counts.
  renderTimeline(els.timeline, [], { from: '', to: '' });
  els.timeline.closest('section')?.classList.add('no-data');
}
