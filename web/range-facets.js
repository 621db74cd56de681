/**
 * A declared number or date field in the sidebar: a number field's buckets with their counts
 * (pressing one filters to it, pressing it again lets go), then from/to inputs for any range;
 * a date field gets the from/to inputs only.
 *
 * Controls carry data attributes only (`data-range-field`, `data-bucket` with `data-gte` /
 * `data-lt`, `data-bound`); the controller in app.js turns them into the state's `ranges`.
 */
import { h } from './dom.js';

/**
 * @param {import('./page-schema.js').DeclaredField} field
 * @param {{value: string, count: number, from?: number, to?: number}[]} buckets the search's range facet
 * @param {import('./url-state.js').RangeBounds | undefined} bounds the field's current filter
 */
export function renderRangeField(field, buckets, bounds) {
  const isNumber = field.type === 'number';
  const list = isNumber && buckets.length > 0
    ? h('ul', { class: 'facet-values range-buckets' }, ...buckets.map((b, i) => {
      const gte = b.from === undefined ? '' : String(b.from);
      const lt = b.to === undefined ? '' : String(b.to);
      const pressed = Boolean(bounds) && (bounds?.gte ?? '') === gte && (bounds?.lt ?? '') === lt && bounds?.lte === undefined;
      return h('li', {},
        h('button', {
          type: 'button',
          class: 'range-bucket',
          'data-range-field': field.name,
          'data-bucket': String(i),
          'data-gte': gte,
          'data-lt': lt,
          'aria-pressed': String(pressed),
        },
        h('span', { class: 'facet-value', text: bucketLabel(b) }),
        h('span', { class: 'facet-count', text: b.count.toLocaleString('en-GB') })),
      );
    }))
    : null;
  const type = isNumber ? 'number' : 'date';
  // The inputs show an inclusive range; a pressed bucket's exclusive end is not theirs to show.
  const input = (bound, text) => h('label', {}, `${text} `,
    h('input', {
      type,
      step: isNumber ? 'any' : undefined,
      class: 'range-input',
      'data-range-field': field.name,
      'data-bound': bound,
      value: bound === 'gte' ? bounds?.gte ?? '' : bounds?.lte ?? '',
    }));
  const clear = bounds
    ? h('button', { type: 'button', class: 'link-button facet-clear', 'data-clear-range': field.name, text: `Clear ${field.label.toLowerCase()}` })
    : null;
  return h('fieldset', { class: `facet range-facet ${type}-facet`, 'data-field': field.name },
    h('legend', {}, field.label, bounds ? h('span', { class: 'visually-hidden', text: ' (filtered)' }) : null),
    list,
    h('div', { class: 'range-inputs' }, input('gte', 'From'), input('lte', 'To')),
    clear,
  );
}

/**
 * `Under 300`, `300–800`, `800 and over` for buckets `..300`, `300..800`, `800..`.
 * @param {{value: string, from?: number, to?: number}} b
 */
export function bucketLabel(b) {
  const n = (x) => x.toLocaleString('en-GB');
  if (b.from === undefined && b.to !== undefined) return `Under ${n(b.to)}`;
  if (b.from !== undefined && b.to === undefined) return `${n(b.from)} and over`;
  if (b.from !== undefined && b.to !== undefined) return `${n(b.from)}–${n(b.to)}`;
  return b.value;
}
