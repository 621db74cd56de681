/**
 * ISO 8601 calendar dates and date-times, as the corpus readers produce them: parsing into
 * parts, calendar validation, and one canonical spelling. The one date reader of the library:
 * the corpus readers, the index, the facet store and the search options all read dates through
 * it (instants and months in `instant.ts`, filter bounds in `date-bound.ts`).
 */

/** A wall-clock time of day, as written in the source (zone arithmetic is `instant.ts`'s). */
export interface IsoTime {
  /** 0–23. */
  hour: number;
  /** 0–59. */
  minute: number;
  /** 0–59. */
  second: number;
  /** Fractional-second digits exactly as given (`"123"` for `.123`), when there were any. */
  fraction?: string;
}

/** The parts of an ISO 8601 date or date-time. */
export interface IsoDateParts {
  /** 0–9999. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1 to the number of days in the month. */
  day: number;
  /** Time of day, when one was given. */
  time?: IsoTime;
  /** UTC offset, when one was given: `Z` or `±hh:mm`. Only possible with a time. */
  zone?: string;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `year-month-day` names a real day of the proleptic Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 0 || year > 9999) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const numDays = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return Number.isInteger(day) && day >= 1 && day <= numDays;
}

/** True when the numbers make a valid time of day (no leap seconds: news is not timed that finely). */
export function isTimeOfDay(time: IsoTime): boolean {
  const { hour, minute, second } = time;
  return (
    Number.isInteger(hour) && hour >= 0 && hour <= 23 &&
    Number.isInteger(minute) && minute >= 0 && minute <= 59 &&
    Number.isInteger(second) && second >= 0 && second <= 59 &&
    (time.fraction === undefined || /^\d+$/.test(time.fraction))
  );
}

/**
 * Normalises a UTC offset to `Z` or `±hh:mm`, or returns undefined when it is not one.
 * Accepts `Z`/`z`, `±hh`, `±hhmm` and `±hh:mm` (hours up to 23, minutes up to 59).
 */
export function normaliseZone(zone: string): string | undefined {
  if (zone === 'Z' || zone === 'z') return 'Z';
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return undefined;
  const minutes = m[3] ?? '00';
  if (Number(m[2]) > 23 || Number(minutes) > 59) return undefined;
  return `${m[1]}${m[2]}:${minutes}`;
}

// `T`, `t` or a space between date and time, as RFC 3339 allows; seconds required, as the
// article schema's `iso-date-time` format requires them.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO 8601 date (`2019-10-10`) or date-time (`2019-10-10T06:02:00`, optionally with
 * fractional seconds and a `Z`/`±hh:mm` offset) into its parts.
 *
 * @returns the parts, or undefined when the text is not such a date or names no real day/time
 *   (`2019-02-31`).
 */
export function parseIsoDate(text: string): IsoDateParts | undefined {
  const m = ISO_PATTERN.exec(text);
  if (!m) return undefined;
  const parts: IsoDateParts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isCalendarDate(parts.year, parts.month, parts.day)) return undefined;
  if (m[4] !== undefined) {
    const time: IsoTime = { hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
    if (m[7] !== undefined) time.fraction = m[7];
    if (!isTimeOfDay(time)) return undefined;
    parts.time = time;
    if (m[8] !== undefined) {
      const zone = normaliseZone(m[8]);
      if (zone === undefined) return undefined;
      parts.zone = zone;
    }
  }
  return parts;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Writes date parts in the canonical form: `YYYY-MM-DD`, then `THH:mm:ss[.fff][zone]` when a
 * time is present. The fraction keeps its digits as given, so the meaning never changes.
 */
export function formatIsoDate(parts: IsoDateParts): string {
  const date = `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
  if (!parts.time) return date;
  const { hour, minute, second, fraction } = parts.time;
  const frac = fraction === undefined ? '' : `.${fraction}`;
  return `${date}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${frac}${parts.zone ?? ''}`;
}

/**
 * Normalises an ISO 8601 date or date-time to the canonical spelling of {@link formatIsoDate}
 * (`2019-10-10 06:02:00z` → `2019-10-10T06:02:00Z`, `+0900` → `+09:00`).
 *
 * @returns the canonical text, or undefined when the input is not a valid date.
 */
export function normaliseIsoDate(text: string): string | undefined {
  const parts = parseIsoDate(text);
  return parts && formatIsoDate(parts);
}
