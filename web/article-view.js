/**
 * The article view: the whole article, the query's words marked (from the API's highlight HTML:
 * the title, every paragraph and the declared text fields), the paragraphs that matched flagged,
 * and a control that walks from one matched paragraph to the next.
 */
import { formatDate, h, plural, setMarkedHtml } from './dom.js';
import { fieldValue } from './field-values.js';
import { DEFAULT_LABELS, DEFAULT_PAGE_SCHEMA } from './page-schema.js';

const LIST_FIELDS = ['category', 'topics', 'places', 'people', 'organisations', 'exchanges'];

/**
 * Renders an `/api/articles/:id` response into `container`.
 * @param {HTMLElement} container
 * @param {{article: any, titleHtml: string, paragraphs: {html: string, matched: boolean}[], fieldsHtml?: Record<string, string>}} data
 * @param {string} query the query the words were marked for
 * @param {import('./page-schema.js').PageSchema} [schema] which declared fields to show
 */
export function renderArticle(container, data, query, schema = DEFAULT_PAGE_SCHEMA) {
  const a = data.article;
  const title = h('h2', { class: 'article-title', id: 'article-title', tabindex: '-1' });
  setMarkedHtml(title, data.titleHtml, a.title || '(untitled)');
  if (!title.textContent) title.textContent = '(untitled)';

  const paragraphs = (Array.isArray(a.paragraphs) ? a.paragraphs : []).map((text, i) => {
    const hl = data.paragraphs?.[i];
    const matched = Boolean(hl?.matched);
    const p = h('p', { class: matched ? 'para matched' : 'para', id: `para-${i}`, 'data-index': i });
    if (matched) {
      p.tabIndex = -1;
      p.append(h('span', { class: 'match-flag', text: 'Match' }), ' ');
      const body = h('span', {});
      setMarkedHtml(body, hl.html, text);
      p.append(body);
    } else if (hl) {
      setMarkedHtml(p, hl.html, text);
    } else {
      p.textContent = text;
    }
    return p;
  });
  const numMatched = paragraphs.filter((p) => p.classList.contains('matched')).length;

  const matchBar = query.trim()
    ? h('div', { class: 'match-nav' },
      h('p', { class: 'match-count', id: 'match-count', 'aria-live': 'polite', text: numMatched > 0
        ? `${numMatched} of ${plural(a.paragraphs.length, 'paragraph')} ${numMatched === 1 ? 'matches' : 'match'} “${query.trim()}”.`
        : `No paragraph matches “${query.trim()}”.` }),
      numMatched > 0 ? h('button', { type: 'button', class: 'button', id: 'prev-match', 'aria-keyshortcuts': 'p', text: '↑ Previous match' }) : null,
      numMatched > 0 ? h('button', { type: 'button', class: 'button', id: 'next-match', 'aria-keyshortcuts': 'n', text: 'Next match ↓' }) : null,
    )
    : null;

  container.replaceChildren(
    h('article', { 'aria-labelledby': 'article-title' },
      h('header', { class: 'article-header' },
        h('button', { type: 'button', class: 'link-button back', id: 'back-to-results', 'aria-keyshortcuts': 'Escape', text: '← Back to results' }),
        title,
        renderMeta(a, data.fieldsHtml, schema),
      ),
      matchBar,
      h('div', { class: 'article-body' }, ...paragraphs),
    ),
  );
}

/**
 * The article's metadata as a description list; a link to the original only for http(s) URLs,
 * so a `javascript:` URL in the data never becomes something to click. Declared text fields
 * come from the API's `fieldsHtml` (escaped, the query's words marked), through the same
 * mark-only check as the title, labelled as the schema names them, returned or not.
 * @param {any} a
 * @param {unknown} fieldsHtml
 * @param {import('./page-schema.js').PageSchema} schema
 */
function renderMeta(a, fieldsHtml, schema) {
  const dl = h('dl', { class: 'article-meta' });
  const add = (term, value, field = undefined) => {
    if (value === undefined || value === null || value === '') return;
    dl.append(h('div', { 'data-field': field }, h('dt', { text: term }), h('dd', {}, value)));
  };
  if (a.date) add('Date', h('time', { datetime: a.date, text: formatDate(a.date) }));
  add('Publisher', a.publisher);
  if (a.source !== a.publisher) add('Source', a.source);
  add('Author', a.author);
  add('Dateline', a.dateline);
  for (const field of LIST_FIELDS) {
    if (Array.isArray(a[field]) && a[field].length > 0) add(DEFAULT_LABELS[field], a[field].join(', '));
  }
  const declared = a.fields && typeof a.fields === 'object' ? a.fields : {};
  const marked = fieldsHtml && typeof fieldsHtml === 'object' ? /** @type {Record<string, unknown>} */ (fieldsHtml) : {};
  const isMarked = (name) => typeof marked[name] === 'string' && marked[name] !== '';
  const markedValue = (name) => {
    const span = h('span', { class: 'field-marked' });
    setMarkedHtml(span, /** @type {string} */ (marked[name]), typeof declared[name] === 'string' ? declared[name] : undefined);
    return span;
  };
  for (const field of schema.returned) {
    add(field.label, isMarked(field.name) ? markedValue(field.name) : fieldValue(field, declared[field.name]), field.name);
  }
  for (const name of Object.keys(marked)) {
    if (isMarked(name) && !schema.returned.some((f) => f.name === name)) add(schema.labels[name] ?? name, markedValue(name), name);
  }
  if (typeof a.url === 'string' && /^https?:\/\//i.test(a.url)) {
    let host = a.url;
    try {
      host = new URL(a.url).host || a.url;
    } catch {
      // Not a parsable URL after all: show it whole.
    }
    add('Original', h('a', { href: a.url, rel: 'noopener noreferrer', text: host }));
  }
  return dl;
}

/**
 * Moves to the next (or previous) matched paragraph after `current`, wrapping round; scrolls
 * it into view, focuses it and says where it is. Returns the new position (-1 when none).
 * @param {HTMLElement} container
 * @param {number} current index among the matched paragraphs, -1 before the first
 * @param {1 | -1} step
 */
export function jumpToMatch(container, current, step) {
  const matched = [...container.querySelectorAll('.para.matched')];
  if (matched.length === 0) return -1;
  const next = ((current + step) % matched.length + matched.length) % matched.length;
  matched.forEach((p, i) => p.classList.toggle('current', i === next));
  const target = /** @type {HTMLElement} */ (matched[next]);
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
  const status = container.querySelector('#match-count');
  if (status) status.textContent = `Match ${next + 1} of ${matched.length}: paragraph ${Number(target.dataset.index) + 1} of ${container.querySelectorAll('.para').length}.`;
  return next;
}
