/**
 * The timeline: a bar per day, week, month or year (the reader's choice, `auto` by the span) of
 * the matches of the current search (the API's `dateHistogram`), as counts or as each bucket's
 * share of all its articles, and optionally a second query's bars beside them (the API's
 * `dateHistogramCompare`). Each bar is a button; pressing one narrows the dates to its bucket.
 *
 * The histogram ignores the date filter itself (it is a disjunctive facet, like the sidebar's),
 * so after narrowing, the other buckets are still there, dimmed, to widen again.
 *
 * Each bucket is one column holding its bar and, under it, its label, so a label cannot drift
 * away from its bar whatever the width. Labels are wider than narrow columns, so once laid out
 * they are fitted by measurement ({@link fitLabels}): a label that would stick out past the
 * chart's right edge is anchored to its column's right edge instead, and a label that would
 * overlap one already placed is hidden (year labels are placed first, so the years stay).
 */
import { formatDate, formatMonth, h, plural } from './dom.js';
import { bucketRange, bucketsBetween } from './url-state.js';

/** Runs of empty buckets up to this long are drawn as empty bars; longer ones as a break. */
const MAX_FILLED_GAP = 12;

/** Up to this many months, every month is named; past it, only where each year starts. */
const MAX_NAMED_MONTHS = 12;

/** Least room, in CSS pixels, between two labels. */
const LABEL_SPACING = 6;

/** Charts being watched for width changes, to fit their labels again. */
const watched = new WeakSet();

/** Bucket keys per interval, as the API gives them. */
const KEY_PATTERNS = { day: /^\d{4}-\d{2}-\d{2}$/, week: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/ };

/** Words for a bucket: `March 1987`, `3 Mar 1987`, `week of 2 Mar 1987`, `1987`. */
function bucketName(value, interval) {
  if (interval === 'month') return formatMonth(value);
  if (interval === 'day') return formatDate(value);
  if (interval === 'week') return `week of ${formatDate(value)}`;
  return value;
}

/** What one bucket is called in the chart's name. */
const UNIT = { day: 'day', week: 'week', month: 'month', year: 'year' };

/**
 * @param {HTMLElement} container
 * @param {{value: string, count: number, share?: number}[] | undefined} histogram
 * @param {{from: string, to: string, share?: boolean, interval?: string,
 *   compare?: string, compareHistogram?: {value: string, count: number, share?: number}[]}} range
 *   the current date filter; `share`: bars show each bucket's share of all its articles (the
 *   API's `share`), not the counts; `interval`: the buckets' width (default month, as the API
 *   answered it: `auto` resolved); `compareHistogram`: the series of the query `compare`, drawn
 *   as a second, narrower bar in each column
 * @returns {boolean} whether there was anything to draw
 */
export function renderTimeline(container, histogram, range) {
  const interval = range.interval && range.interval in KEY_PATTERNS ? range.interval : 'month';
  const focused = document.activeElement instanceof HTMLElement && container.contains(document.activeElement)
    ? document.activeElement.dataset.bucket
    : undefined;
  const counts = new Map((histogram ?? []).filter((b) => KEY_PATTERNS[interval].test(b.value)).map((b) => [b.value, b.count]));
  if (counts.size === 0) {
    container.replaceChildren();
    return false;
  }
  const buckets = layoutBuckets([...counts.keys()].sort(), interval);
  const useShare = range.share === true;
  const shares = new Map((histogram ?? []).map((b) => [b.value, typeof b.share === 'number' ? b.share : 0]));
  const other = range.compare && range.compareHistogram ? new Map(range.compareHistogram.map((b) => [b.value, b])) : undefined;
  const size = (bucket) => (useShare ? shares.get(bucket) ?? 0 : counts.get(bucket) ?? 0);
  const otherSize = (bucket) => {
    const b = other?.get(bucket);
    return b ? (useShare ? b.share ?? 0 : b.count) : 0;
  };
  const max = Math.max(...buckets.map(size), ...buckets.map(otherSize), useShare ? Number.MIN_VALUE : 1);
  const height = (x) => (x <= 0 ? '0%' : `${Math.max(6, Math.round((x / max) * 100))}%`);
  const percent = (share) => `${((share ?? 0) * 100).toFixed(1)}% of the ${UNIT[interval]}'s articles`;

  const columns = buckets.map((bucket, i) => {
    const count = counts.get(bucket) ?? 0;
    let label = `${bucketName(bucket, interval)}: ${plural(count, 'match', 'matches')}${useShare ? `, ${percent(shares.get(bucket))}` : ''}`;
    if (other) {
      const o = other.get(bucket);
      label += `; “${range.compare}”: ${plural(o?.count ?? 0, 'match', 'matches')}${useShare ? `, ${percent(o?.share)}` : ''}`;
    }
    const { from, to } = bucketRange(bucket, interval);
    const pressed = range.from === from && range.to === to;
    const inside = (!range.from || to >= range.from) && (!range.to || from <= range.to);
    const button = h('button', {
      type: 'button',
      class: `bar${inside ? '' : ' outside'}`,
      'data-bucket': bucket,
      'data-month': interval === 'month' ? bucket : undefined,
      'data-from': from,
      'data-to': to,
      'aria-pressed': String(pressed),
      'aria-label': label,
      title: label,
      disabled: count === 0,
    });
    button.style.setProperty('--h', count === 0 ? '0%' : height(size(bucket)));
    // The comparison: a narrower bar over the right half of the column, not a button of its own
    // (the column's button already names both series).
    const compareBar = other ? h('span', { class: 'bar-compare', 'aria-hidden': 'true', 'data-bucket': bucket }) : null;
    if (compareBar) compareBar.style.setProperty('--h', height(otherSize(bucket)));
    return h('li', { class: gapBefore(buckets, i, interval) ? 'after-gap' : undefined }, button, compareBar, tick(buckets, i, interval));
  });

  const first = bucketName(buckets[0], interval);
  const last = bucketName(buckets[buckets.length - 1], interval);
  const what = useShare ? `Share of each ${UNIT[interval]}’s articles matching` : `Matches per ${UNIT[interval]}`;
  const legend = other
    ? h('p', { class: 'timeline-legend' },
      h('span', { class: 'key key-main', 'aria-hidden': 'true' }), ' this search ',
      h('span', { class: 'key key-compare', 'aria-hidden': 'true' }), ` “${range.compare}”`)
    : null;
  container.replaceChildren(
    h('ol', { class: `bars${other ? ' compared' : ''}`, 'aria-label': `${what}, ${first} to ${last}${other ? `, compared with “${range.compare}”` : ''}` }, ...columns),
    legend,
  );
  fitLabels(container);
  watchWidth(container);
  if (focused) {
    const again = [...container.querySelectorAll('button.bar')].find((b) => b instanceof HTMLElement && b.dataset.bucket === focused);
    if (again instanceof HTMLElement) again.focus();
  }
  return true;
}

/** Whether empty buckets were left out before bucket `i` (a gap in the row says so). */
function gapBefore(buckets, i, interval) {
  return i > 0 && bucketsBetween(buckets[i - 1], buckets[i], interval).length > 2;
}

/**
 * The label under bucket `i`, or null. Months: few, each named; many, where each year starts.
 * Days and weeks: where each month starts (with its year where a year starts). Years: each.
 * The bar's own label already says all of it to a screen reader.
 */
function tick(buckets, i, interval) {
  const bucket = buckets[i];
  if (interval === 'year') return h('span', { class: 'tick year', 'aria-hidden': 'true' }, h('span', { class: 'tick-year', text: bucket }));
  const month = bucket.slice(0, 7);
  const prev = i > 0 ? buckets[i - 1] : undefined;
  const startsYear = !prev || bucket.slice(0, 4) !== prev.slice(0, 4);
  const startsMonth = !prev || month !== prev.slice(0, 7);
  // On a phone the year goes on a line of its own under the month, to take less width.
  const year = startsYear ? h('span', { class: 'tick-year', text: bucket.slice(0, 4) }) : null;
  const named = interval === 'month' ? buckets.length <= MAX_NAMED_MONTHS : startsMonth;
  if (named) {
    const name = formatMonth(month, true).split(' ')[0];
    return h('span', { class: startsYear ? 'tick year' : 'tick', 'aria-hidden': 'true' }, h('span', { class: 'tick-month', text: name }), year ? ' ' : null, year);
  }
  return year ? h('span', { class: 'tick year', 'aria-hidden': 'true' }, year) : null;
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
 * The buckets to draw: every bucket with matches, and the empty ones between two of them when
 * they are at most {@link MAX_FILLED_GAP} apart (an archive of 1987 and 2019 gets two runs of
 * bars with a break, not 380 empty months).
 * @param {string[]} keys buckets with matches, ascending
 * @param {string} interval
 */
function layoutBuckets(keys, interval) {
  const out = [];
  for (const bucket of keys) {
    const prev = out[out.length - 1];
    const between = prev ? bucketsBetween(prev, bucket, interval).slice(1, -1) : [];
    if (between.length <= MAX_FILLED_GAP) out.push(...between);
    out.push(bucket);
  }
  return out;
}
