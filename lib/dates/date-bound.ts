/**
 * The bounds of a date-range filter (`dateFrom`, `dateTo`), read with the same reader and the
 * same rule as article dates (`instant.ts`): instants in UTC.
 */
import { isCalendarDate, parseIsoDate } from './iso-date.js';
import { daysFromCivil, DAY_MS, epochMsOfParts } from './instant.js';

/** Which end of a range a bound is: `from` takes the first instant it names, `to` the last. */
export type BoundSide = 'from' | 'to';

/**
 * Reads a date-range bound as an instant in ms since the epoch, inclusive. Accepted: a month
 * (`2019-10`: from its first to its last millisecond, UTC), a date (`2019-10-10`: the whole UTC
 * day), or a date-time with or without seconds and zone (`2019-10-10T06:02`,
 * `2019-10-10T06:02:00-05:00`: that instant; no zone is UTC).
 *
 * @returns the instant, or undefined when `text` is none of these or names no real day or time.
 */
export function dateBoundToEpochMs(text: string, side: BoundSide): number | undefined {
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (!isCalendarDate(year, m, 1)) return undefined;
    const start = daysFromCivil(year, m, 1) * DAY_MS;
    return side === 'from' ? start : daysFromCivil(m === 12 ? year + 1 : year, m === 12 ? 1 : m + 1, 1) * DAY_MS - 1;
  }
  // A bound may leave out the seconds (a time picker's `06:02`); an article date may not.
  const withSeconds = text.replace(/^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2})(?=$|[Zz+-])/, '$1:00');
  const parts = parseIsoDate(withSeconds);
  if (!parts) return undefined;
  const t = epochMsOfParts(parts);
  return parts.time === undefined && side === 'to' ? t + DAY_MS - 1 : t;
}
