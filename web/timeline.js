/**
 * The timeline: a bar per month of the matches of the current search (the API's
 * `dateHistogram`). Each bar is a button; pressing one narrows the dates to that month.
 *
 * The histogram ignores the date filter itself (it is a disjunctive facet, like the sidebar's),
 * so after narrowing, the other months are still there, dimmed, to widen again.
 *
 * Each month is one column holding its bar and, under it, its label, so a label cannot drift
 * away from its bar whatever the width. Labels are wider than narrow columns, so once laid out
 * they are fitted by measurement ({@link fitLabels}): a label that would stick out past the
 * chart's right edge is anchored to its column's right edge instead, and a label that would
 * overlap one already placed is hidden (year labels are placed first, so the years stay).
 */
import { formatMonth, h, plural } from './dom.js';
import { monthRange, monthsBetween } from './url-state.js';

/** Runs of empty months up to this long are drawn as empty bars; longer ones as a break. */
const MAX_FILLED_GAP = 12;

/** Up to this many months, every month is named; past it, only where each year starts. */
const MAX_NAMED_MONTHS = 12;

/** Least room, in CSS pixels, between two labels. */
const LABEL_SPACING = 6;

/** Charts being watched for width changes, to fit their labels again. */
const watched = new WeakSet();

/**
 * @param {HTMLElement} container
 * @param {{value: string, count: number, share?: number}[] | undefined} histogram
 * @param {{from: string, to: string, share?: boolean}} range the current date filter; `share`:
 *   bars show each month's share of all its articles (the API's `share`), not the counts
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
  const useShare = range.share === true;
  const shares = new Map((histogram ?? []).map((b) => [b.value, typeof b.share === 'number' ? b.share : 0]));
  const size = (month) => (useShare ? shares.get(month) ?? 0 : counts.get(month) ?? 0);
  const max = Math.max(...months.map(size), useShare ? Number.MIN_VALUE : 1);
  const percent = (month) => `${((shares.get(month) ?? 0) * 100).toFixed(1)}% of the month's articles`;

  const columns = months.map((month, i) => {
    const count = counts.get(month) ?? 0;
    const label = `${formatMonth(month)}: ${plural(count, 'match', 'matches')}${useShare ? `, ${percent(month)}` : ''}`;
    const { from, to } = monthRange(month);
    const pressed = range.from === from && range.to === to;
    const inside = (!range.from || to >= range.from) && (!range.to || from <= range.to);
    const button = h('button', {
      type: 'button',
      class: `bar${inside ? '' : ' outside'}`,
      'data-month': month,
      'aria-pressed': String(pressed),
      'aria-label': label,
      title: label,
      disabled: count === 0,
    });
    button.style.setProperty('--h', count === 0 ? '0%' : `${Math.max(6, Math.round((size(month) / max) * 100))}%`);
    const startsYear = i === 0 || month.slice(0, 4) !== months[i - 1].slice(0, 4);
    // Few months: name each one. Many: mark where each year starts. The bar's own label
    // already says all of it to a screen reader.
    // On a phone the year goes on a line of its own under the month, to take less width.
    const year = startsYear ? h('span', { class: 'tick-year', text: month.slice(0, 4) }) : null;
    let tick = null;
    if (months.length <= MAX_NAMED_MONTHS) {
      const name = formatMonth(month, true).split(' ')[0];
      tick = h('span', { class: startsYear ? 'tick year' : 'tick', 'aria-hidden': 'true' }, h('span', { class: 'tick-month', text: name }), year ? ' ' : null, year);
    } else if (year) {
      tick = h('span', { class: 'tick year', 'aria-hidden': 'true' }, year);
    }
    // Where empty months were left out, a gap in the row says so.
    const gap = i > 0 && monthsBetween(months[i - 1], month).length > 2;
    return h('li', { class: gap ? 'after-gap' : undefined }, button, tick);
  });

  container.replaceChildren(
    h('ol', { class: 'bars', 'aria-label': `${useShare ? 'Share of each month’s articles matching' : 'Matches per month'}, ${formatMonth(months[0])} to ${formatMonth(months[months.length - 1])}` }, ...columns),
  );
  fitLabels(container);
  watchWidth(container);
  if (focused) {
    const again = [...container.querySelectorAll('button.bar')].find((b) => b instanceof HTMLElement && b.dataset.month === focused);
    if (again instanceof HTMLElement) again.focus();
  }
  return true;
}

/**
 * Places the labels of a drawn chart so that each sits under its own column, none sticks out
 * past the chart's right edge, and none overlaps another. All boxes are read before any class
 * is changed, so this costs one layout.
 * @param {HTMLElement} container
 */
function fitLabels(container) {
  const list = container.querySelector('ol.bars');
  const ticks = /** @type {HTMLElement[]} */ ([...container.querySelectorAll('.tick')]);
  if (!list || ticks.length === 0) return;
  for (const tick of ticks) tick.classList.remove('end', 'crowded');
  const right = list.getBoundingClientRect().right;
  const placed = ticks.map((tick) => {
    const column = /** @type {HTMLElement} */ (tick.parentElement).getBoundingClientRect();
    const width = tick.getBoundingClientRect().width;
    const end = column.left + width > right;
    const left = end ? column.right - width : column.left;
    return { tick, end, left, right: left + width, year: tick.classList.contains('year') };
  });
  // Years first, each in order: they say where the reader is; months fill the room left.
  const order = [...placed.filter((p) => p.year), ...placed.filter((p) => !p.year)];
  /** @type {typeof placed} */
  const kept = [];
  for (const p of order) {
    const clash = kept.some((k) => p.left < k.right + LABEL_SPACING && k.left < p.right + LABEL_SPACING);
    if (clash) p.tick.classList.add('crowded');
    else kept.push(p);
    if (p.end) p.tick.classList.add('end');
  }
}

/**
 * Fits the labels again when the chart's width changes (a rotated phone, a resized window).
 * @param {HTMLElement} container
 */
function watchWidth(container) {
  if (watched.has(container) || typeof ResizeObserver !== 'function') return;
  watched.add(container);
  let width = container.clientWidth;
  new ResizeObserver(() => {
    if (container.clientWidth === width) return;
    width = container.clientWidth;
    fitLabels(container);
  }).observe(container);
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
