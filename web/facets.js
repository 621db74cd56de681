/**
 * The facet sidebar: one group of checkboxes per value field, with the counts of the current
 * search, then a range group per declared number or date field (see range-facets.js). Counts
 * are disjunctive (a field's counts ignore that field's own filter), so ticking a second value
 * of a field shows what it would add. Which fields there are comes from the archive's schema.
 */
import { h, plural } from './dom.js';
import { DEFAULT_PAGE_SCHEMA } from './page-schema.js';
import { renderRangeField } from './range-facets.js';

/** Values shown before a field's list is folded behind "Show more". */
export const FOLDED_SIZE = 6;

/**
 * Renders the groups into `container`, keeping keyboard focus on the same control.
 * @param {HTMLElement} container
 * @param {Record<string, {value: string, count: number, from?: number, to?: number}[]>} facets counts from the search
 * @param {import('./url-state.js').PageState} state ticked values and ranges
 * @param {Set<string>} expanded fields whose whole list is shown
 * @param {import('./page-schema.js').PageSchema} [schema] the archive's fields
 */
export function renderFacets(container, facets, state, expanded, schema = DEFAULT_PAGE_SCHEMA) {
  const focus = describeFocus(container);
  const groups = [];
  for (const field of schema.valueFields) {
    const group = renderField(field, schema.labels[field] ?? field, facets[field] ?? [], state.filters[field] ?? [], expanded.has(field));
    if (group) groups.push(group);
  }
  for (const field of schema.rangeFields) groups.push(renderRangeField(field, facets[field.name] ?? [], state.ranges?.[field.name]));
  container.replaceChildren(...groups);
  if (groups.length === 0) container.append(h('p', { class: 'muted', text: 'No filters apply to these results.' }));
  restoreFocus(container, focus);
}

/**
 * @param {string} field
 * @param {string} label
 * @param {{value: string, count: number}[]} counted
 * @param {string[]} selected
 * @param {boolean} isExpanded
 */
function renderField(field, label, counted, selected, isExpanded) {
  // A ticked value stays listed even when the current query gives it no count.
  const rows = counted.map((v) => ({ value: v.value, count: v.count }));
  for (const value of selected) {
    if (!rows.some((r) => r.value === value)) rows.push({ value, count: null });
  }
  if (rows.length === 0) return null;
  const chosen = new Set(selected);
  const folded = !isExpanded && rows.length > FOLDED_SIZE;
  const shown = folded ? rows.filter((r, i) => i < FOLDED_SIZE || chosen.has(r.value)) : rows;
  const listId = `facet-list-${field}`;

  const list = h('ul', { class: 'facet-values', id: listId });
  for (const row of shown) {
    const box = h('input', { type: 'checkbox', name: field, value: row.value, checked: chosen.has(row.value) });
    // The attribute sets the initial state only; the property is what a re-render must set.
    /** @type {HTMLInputElement} */ (box).checked = chosen.has(row.value);
    list.append(
      h('li', {},
        h('label', {},
          box,
          h('span', { class: 'facet-value', text: row.value }),
          row.count === null ? null : h('span', { class: 'facet-count', text: row.count.toLocaleString('en-GB') }),
        ),
      ),
    );
  }
  const hidden = rows.length - shown.length;
  const toggle = rows.length > FOLDED_SIZE
    ? h('button', {
      type: 'button',
      class: 'link-button facet-more',
      'data-field': field,
      'aria-expanded': String(!folded),
      'aria-controls': listId,
      text: folded ? `Show ${hidden} more` : 'Show fewer',
    })
    : null;
  const clear = chosen.size > 0
    ? h('button', { type: 'button', class: 'link-button facet-clear', 'data-clear': field, text: `Clear ${label.toLowerCase()}` })
    : null;
  return h('fieldset', { class: 'facet', 'data-field': field },
    h('legend', {}, label, chosen.size > 0 ? h('span', { class: 'visually-hidden', text: ` (${plural(chosen.size, 'value')} selected)` }) : null),
    list,
    toggle,
    clear,
  );
}

/**
 * Which control of the sidebar has focus, so it can be found again after a re-render.
 * @param {HTMLElement} container
 */
function describeFocus(container) {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || !container.contains(el)) return null;
  if (el.dataset.rangeField) return { kind: 'range', field: el.dataset.rangeField, value: el.dataset.bound ?? el.dataset.bucket ?? '' };
  if (el instanceof HTMLInputElement) return { kind: 'box', field: el.name, value: el.value };
  if (el.dataset.field) return { kind: 'more', field: el.dataset.field };
  if (el.dataset.clear) return { kind: 'clear', field: el.dataset.clear };
  return null;
}

/**
 * @param {HTMLElement} container
 * @param {ReturnType<typeof describeFocus>} focus
 */
function restoreFocus(container, focus) {
  if (!focus) return;
  let target = null;
  if (focus.kind === 'box') {
    target = [...container.querySelectorAll('input[type=checkbox]')]
      .find((b) => b instanceof HTMLInputElement && b.name === focus.field && b.value === focus.value);
  } else if (focus.kind === 'range') {
    target = [...container.querySelectorAll('[data-range-field]')]
      .find((b) => b instanceof HTMLElement && b.dataset.rangeField === focus.field && (b.dataset.bound ?? b.dataset.bucket) === focus.value);
  } else if (focus.kind === 'more') {
    target = [...container.querySelectorAll('button.facet-more')].find((b) => b instanceof HTMLElement && b.dataset.field === focus.field);
  }
  // A cleared field loses its "Clear" button: fall back to the field's first checkbox.
  if (!target) target = container.querySelector(`fieldset[data-field="${focus.field}"] input`);
  if (target instanceof HTMLElement) target.focus();
}
