/**
 * DOM helpers for the search page.
 *
 * Every string from the API that is not one of the server's highlight fields goes into the page
 * through `textContent` (via {@link h}); the highlight fields go through {@link setMarkedHtml},
 * which refuses anything but text and bare `<mark>` elements.
 */

/**
 * Creates an element. `props` may hold `class`, `text` (set as textContent), `on` (event
 * listeners by name) and any other attribute; `children` are nodes or strings (text nodes).
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') el.textContent = String(value);
    else if (name === 'class') el.className = String(value);
    else if (name === 'on') {
      for (const [type, fn] of Object.entries(/** @type {Record<string, EventListener>} */ (value))) {
        el.addEventListener(type, fn);
      }
    } else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child);
  }
  return el;
}

/**
 * Fills `el` with server-made highlight HTML (text escaped, matches in `<mark>`).
 *
 * The server already escapes; this checks it anyway, because a page that trusts the network
 * with markup is one server bug away from running an article's `<script>`. The HTML is parsed
 * into an inert `<template>` (nothing in it loads or runs), and if it holds anything but text
 * and attribute-less `<mark>` elements the plain `fallbackText` is shown instead.
 * @param {HTMLElement} el
 * @param {string} html
 * @param {string | undefined} fallbackText
 */
export function setMarkedHtml(el, html, fallbackText) {
  const tpl = document.createElement('template');
  tpl.innerHTML = typeof html === 'string' ? html : '';
  if (isOnlyTextAndMarks(tpl.content)) el.replaceChildren(tpl.content);
  // Search answers carry only `html` by default (no plain text): the inert fragment's own text
  // is then the fallback, set as text so none of its markup can act.
  else el.textContent = typeof fallbackText === 'string' ? fallbackText : (tpl.content.textContent ?? '');
}

/** @param {Node} root */
function isOnlyTextAndMarks(root) {
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) continue;
    if (node.nodeType !== Node.ELEMENT_NODE) return false;
    const el = /** @type {Element} */ (node);
    if (el.localName !== 'mark' || el.attributes.length > 0) return false;
    if (!isOnlyTextAndMarks(el)) return false;
  }
  return true;
}

/**
 * Formats an ISO date (`2019-10-10` or a date-time) as `10 Oct 2019`: the UTC day, the day the
 * histogram and the date filter put it in, whatever the reader's time zone.
 * @param {string | undefined} iso
 */
export function formatDate(iso) {
  if (!iso) return '';
  // The library's date rule: no zone means UTC (Date.parse would take the reader's zone).
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : /(Z|[+-]\d{2}:\d{2})$/i.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(t)) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(t);
}

/**
 * Formats a month key (`2019-03`) as `March 2019` (or `Mar 2019` when `short`).
 * @param {string} month
 * @param {boolean} [short]
 */
export function formatMonth(month, short = false) {
  const t = Date.parse(`${month}-01T00:00:00Z`);
  if (Number.isNaN(t)) return month;
  return new Intl.DateTimeFormat('en-GB', { month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' }).format(t);
}

/**
 * `1 article`, `3 articles`.
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * True when a keyboard event happens while the reader is typing in a form field, where
 * single-key shortcuts must not fire.
 * @param {EventTarget | null} target
 */
export function isTypingTarget(target) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
