/**
 * The result list and the pagination under it.
 */
import { formatDate, h, setMarkedHtml } from './dom.js';
import { HIT_VALUE_CHARS, fieldValue } from './field-values.js';
import { DEFAULT_PAGE_SCHEMA } from './page-schema.js';
import { MAX_PAGE, PAGE_SIZE, stateToQuery } from './url-state.js';

/**
 * Renders hits as list items. Titles link to the article view (a real URL, so opening it in a
 * new tab works too); the title and snippet HTML come from the server and go through
 * {@link setMarkedHtml}; everything else is text.
 * @param {HTMLOListElement} list
 * @param {any[]} hits
 * @param {import('./url-state.js').PageState} state
 * @param {import('./page-schema.js').PageSchema} [schema] which declared fields hits carry
 */
export function renderHits(list, hits, state, schema = DEFAULT_PAGE_SCHEMA) {
  list.start = (state.page - 1) * PAGE_SIZE + 1;
  list.replaceChildren(...hits.map((hit) => renderHit(hit, state, schema)));
}

/**
 * @param {any} hit
 * @param {import('./url-state.js').PageState} state
 * @param {import('./page-schema.js').PageSchema} schema
 */
function renderHit(hit, state, schema) {
  const link = h('a', { href: stateToQuery({ ...state, article: hit.id }) || '?', class: 'hit-link', 'data-article': hit.id });
  setMarkedHtml(link, hit.titleHtml, hit.title || '(untitled)');
  if (!link.textContent) link.textContent = '(untitled)';

  const meta = h('p', { class: 'hit-meta' });
  const parts = [];
  if (hit.date) parts.push(h('time', { datetime: hit.date, text: formatDate(hit.date) }));
  const outlet = [hit.publisher, hit.source].filter((s, i, all) => s && all.indexOf(s) === i).join(' · ');
  if (outlet) parts.push(h('span', { text: outlet }));
  if (Array.isArray(hit.category) && hit.category.length > 0) {
    parts.push(h('span', { class: 'hit-category', text: hit.category.join(', ') }));
  }
  parts.forEach((part, i) => meta.append(...(i > 0 ? [h('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' })] : []), part));

  const snippets = (Array.isArray(hit.snippets) ? hit.snippets : []).map((s) => {
    const p = h('p', { class: 'snippet' });
    setMarkedHtml(p, s.html, s.text);
    return p;
  });
  return h('li', { class: 'hit' }, h('h3', { class: 'hit-title' }, link), meta, renderFields(hit, schema), ...snippets, renderCopies(hit, state));
}

/**
 * The hit's declared fields (`hit.fields`) in schema order, as `Label: value` pairs; a text field
 * the query matched in (`hit.fieldsHtml`, from the server already escaped) shown whole with its
 * marks, also when the schema does not return it; nothing with the default schema.
 * @param {any} hit
 * @param {import('./page-schema.js').PageSchema} schema
 */
function renderFields(hit, schema) {
  const values = hit.fields && typeof hit.fields === 'object' ? hit.fields : {};
  const marked = hit.fieldsHtml && typeof hit.fieldsHtml === 'object' ? hit.fieldsHtml : {};
  const item = (name, label, value) =>
    h('li', { class: 'hit-field', 'data-field': name }, h('span', { class: 'hit-field-label', text: `${label}: ` }), value);
  const markedValue = (name) => {
    const span = h('span', { class: 'hit-field-marked' });
    setMarkedHtml(span, marked[name], typeof values[name] === 'string' ? values[name] : undefined);
    return span;
  };
  const items = [];
  for (const field of schema.returned) {
    const value = typeof marked[field.name] === 'string' ? markedValue(field.name) : fieldValue(field, values[field.name], HIT_VALUE_CHARS);
    if (value !== null) items.push(item(field.name, field.label, value));
  }
  for (const name of Object.keys(marked)) {
    if (typeof marked[name] !== 'string' || schema.returned.some((f) => f.name === name)) continue;
    items.push(item(name, schema.labels[name] ?? name, markedValue(name)));
  }
  return items.length > 0 ? h('ul', { class: 'hit-fields' }, ...items) : null;
}

/**
 * The "+3 copies" badge of a collapsed hit: a disclosure listing the other copies (links to
 * them, with date and outlet); nothing when the story ran once.
 * @param {any} hit
 * @param {import('./url-state.js').PageState} state
 */
function renderCopies(hit, state) {
  const copies = Array.isArray(hit.duplicates) ? hit.duplicates : [];
  if (copies.length === 0) return null;
  return h('details', { class: 'copies' },
    h('summary', { class: 'copies-badge', text: `+${copies.length} ${copies.length === 1 ? 'copy' : 'copies'}` }),
    h('ul', { class: 'copies-list' }, ...copies.map((c) => {
      const outlet = [c.publisher, c.source].filter((x, i, all) => x && all.indexOf(x) === i).join(' · ');
      return h('li', {},
        h('a', { href: stateToQuery({ ...state, article: c.id }) || '?', 'data-article': c.id, text: c.title || '(untitled)' }),
        c.date ? h('span', { class: 'muted', text: ` · ${formatDate(c.date)}` }) : null,
        outlet ? h('span', { class: 'muted', text: ` · ${outlet}` }) : null,
      );
    })),
  );
}

/**
 * Renders "Previous 1 … 4 5 6 … 20 Next" links; empty when everything fits on one page.
 * @param {HTMLElement} nav
 * @param {number} total
 * @param {import('./url-state.js').PageState} state
 */
export function renderPagination(nav, total, state) {
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE);
  if (pages <= 1 && state.page === 1) {
    nav.replaceChildren();
    nav.hidden = true;
    return;
  }
  nav.hidden = false;
  const href = (page) => stateToQuery({ ...state, page, article: '' }) || '?';
  const link = (page, text, rel, label) =>
    h('a', { href: href(page), 'data-page': page, rel, 'aria-label': label, text });
  const items = [];
  items.push(state.page > 1
    ? link(state.page - 1, '← Previous', 'prev', 'Previous page')
    : h('span', { class: 'disabled', 'aria-hidden': 'true', text: '← Previous' }));
  let last = 0;
  for (const page of pageWindow(state.page, pages)) {
    if (page > last + 1) items.push(h('span', { class: 'gap', 'aria-hidden': 'true', text: '…' }));
    items.push(page === state.page
      ? h('a', { href: href(page), 'aria-current': 'page', 'data-page': page, 'aria-label': `Page ${page}, current`, text: String(page) })
      : link(page, String(page), undefined, `Page ${page}`));
    last = page;
  }
  items.push(state.page < pages
    ? link(state.page + 1, 'Next →', 'next', 'Next page')
    : h('span', { class: 'disabled', 'aria-hidden': 'true', text: 'Next →' }));
  nav.replaceChildren(h('ul', {}, ...items.map((it) => h('li', {}, it))));
}

/**
 * The page numbers worth a link: the first, the last, and two either side of the current one.
 * @param {number} current
 * @param {number} pages
 */
function pageWindow(current, pages) {
  const set = new Set([1, pages]);
  for (let p = current - 2; p <= current + 2; p++) if (p >= 1 && p <= pages) set.add(p);
  return [...set].filter((p) => p >= 1).sort((a, b) => a - b);
}
