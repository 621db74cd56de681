/**
 * The one rule for what a date means: **every date is an instant, compared in UTC, and falls in
 * the UTC month of that instant.** A date-time with an offset is converted
 * (`2019-10-31T23:30:00-05:00` is 2019-11-01 04:30 UTC, so November); a date-time without one
 * is read as UTC, and a bare date as its midnight UTC, so nothing depends on the machine's time
 * zone. The index's date filter and sort, and the facet store's histogram months, all come from
 * here, so a month of the histogram and a filter on that month always count the same articles.
 */
import { parseIsoDate, type IsoDateParts } from './iso-date.js';

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/**
 * Days from 1970-01-01 to the given day of the proleptic Gregorian calendar (negative before).
 * Arithmetic rather than `Date.UTC`, which maps years 0–99 to 1900–1999.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: years start in March, so the leap day is the last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The UTC calendar year and month (1–12) of a day count from 1970-01-01; the inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The offset of a normalised zone (`Z`, `±hh:mm`) in minutes east of UTC. */
function zoneMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/**
 * The instant of parsed date parts, in ms since 1970-01-01T00:00:00Z, by the rule of this
 * module: no zone means UTC, a bare date means its midnight UTC. Fractions past milliseconds
 * are cut (they never change the order of two dates a newsroom writes).
 */
export function epochMsOfParts(parts: IsoDateParts): number {
  const days = daysFromCivil(parts.year, parts.month, parts.day);
  if (!parts.time) return days * DAY_MS;
  const { hour, minute, second, fraction } = parts.time;
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return days * DAY_MS + ((hour * 60 + minute - zoneMinutes(parts.zone)) * 60 + second) * 1000 + ms;
}

/**
 * The instant of an ISO 8601 date or date-time (see {@link parseIsoDate} for what is accepted),
 * in ms since the epoch.
 *
 * @returns NaN when `text` is undefined or not a valid date, as the index stores "no date".
 */
export function isoDateToEpochMs(text: string | undefined): number {
  const parts = text === undefined ? undefined : parseIsoDate(text);
  return parts ? epochMsOfParts(parts) : NaN;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The UTC month of an instant as `YYYY-MM` (`-0001-12` before year 0), or undefined for NaN. */
export function utcMonthOf(epochMs: number): string | undefined {
  if (!Number.isFinite(epochMs)) return undefined;
  const { year, month } = civilFromDays(Math.floor(epochMs / DAY_MS));
  return `${year < 0 ? `-${pad(-year, 4)}` : pad(year, 4)}-${pad(month, 2)}`;
}
