/**
 * The timeline: a bar per month of the matches of the current search (the API's
 * `dateHistogram`). Each bar is a button; pressing one narrows the dates to that month.
 *
 * The histogram ignores the date filter itself (it is a disjunctive facet, like the sidebar's),
 * so after narrowing, the other months are still there, dimmed, to widen again.
 */
import { formatMonth, h, plural } from './dom.js';
import { monthRange, monthsBetween } from './url-state.js';

/** Runs of empty months up to this long are drawn as empty bars; longer ones as a break. */
const MAX_FILLED_GAP = 12;

/**
 * @param {HTMLElement} container
 * @param {{value: string, count: number}[] | undefined} histogram
 * @param {{from: string, to: string}} range the current date filter
 * @returns {boolean} whether there was anything to draw
 */
export function renderTimeline(container, histogram, range) {
  const focused = document.activeElement instanceof HTMLElement && container.contains(document.activeElement)
    ? document.activeElement.dataset.month
    : undefined;
  const counts = new Map((histogram ?? []).filter((b) => /^\d{4}-\d{2}$/.test(b.value)).map((b) => [b.value, b.count]));
  if (counts.size === 0) {
    container.replaceChildren();
    return false;
  }
  const months = layoutMonths([...counts.keys()].sort());
  const max = Math.max(...counts.values(), 1);

  const bars = months.map((month, i) => {
    const count = counts.get(month) ?? 0;
    const { from, to } = monthRange(month);
    const pressed = range.from === from && range.to === to;
    const inside = (!range.from || to >= range.from) && (!range.to || from <= range.to);
    const button = h('button', {
      type: 'button',
      class: `bar${inside ? '' : ' outside'}`,
      'data-month': month,
      'aria-pressed': String(pressed),
      'aria-label': `${formatMonth(month)}: ${plural(count, 'match', 'matches')}`,
      title: `${formatMonth(month)}: ${plural(count, 'match', 'matches')}`,
      disabled: count === 0,
    });
    button.style.setProperty('--h', count === 0 ? '0%' : `${Math.max(6, Math.round((count / max) * 100))}%`);
    // Where empty months were left out, a gap in the row says so.
    const gap = i > 0 && monthsBetween(months[i - 1], month).length > 2;
    return h('li', { class: gap ? 'after-gap' : undefined }, button);
  });

  const first = months[0];
  const last = months[months.length - 1];
  // Few months: name each one. Many: mark where each year starts.
  const ticks = months.map((month, i) => {
    const startsYear = i === 0 || month.slice(0, 4) !== months[i - 1].slice(0, 4);
    let label = '';
    if (months.length <= 12) label = startsYear ? formatMonth(month, true) : formatMonth(month, true).split(' ')[0];
    else if (startsYear) label = month.slice(0, 4);
    return h('li', { text: label, class: bars[i].className || undefined });
  });
  container.replaceChildren(
    h('ol', { class: 'bars', 'aria-label': `Matches per month, ${formatMonth(first)} to ${formatMonth(last)}` }, ...bars),
    h('ol', { class: 'ticks', 'aria-hidden': 'true' }, ...ticks),
  );
  if (focused) {
    const again = [...container.querySelectorAll('button.bar')].find((b) => b instanceof HTMLElement && b.dataset.month === focused);
    if (again instanceof HTMLElement) again.focus();
  }
  return true;
}

/**
 * The months to draw: every month with matches, and the empty months between two of them when
 * they are at most {@link MAX_FILLED_GAP} apart (an archive of 1987 and 2019 gets two runs of
 * bars with a break, not 380 empty ones).
 * @param {string[]} keys months with matches, ascending
 */
function layoutMonths(keys) {
  const out = [];
  for (const month of keys) {
    const prev = out[out.length - 1];
    const between = prev ? monthsBetween(prev, month).slice(1, -1) : [];
    if (between.length <= MAX_FILLED_GAP) out.push(...between);
    out.push(month);
  }
  return out;
}
