/**
 * The dateline of the reference article format: `10-Oct-2019 Intellasia | KoreaTimes | 6:02 AM`,
 * that is a date, then `|`-separated columns publisher, source and time of day.
 */
import { formatIsoDate, isCalendarDate, isTimeOfDay, normaliseZone, parseIsoDate, type IsoTime } from '../dates/iso-date.js';

/** What a dateline carries. Every field is absent when the line did not give it readably. */
export interface Dateline {
  /** ISO 8601: `2019-10-10`, or `2019-10-10T06:02:00` when a time was given. */
  date?: string;
  publisher?: string;
  source?: string;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `D-Mon-YYYY` at the very start, followed by the end of the line, a space or a `|`.
const DATE_START = /^(\d{1,2})-([A-Za-z]+)-(\d{4})(?=$|[\s|])(.*)$/s;

// A time of day at the end of a column: `6:02 AM`, `6:02am`, `6:02 a.m.`, `15:01`, `6:02:30`,
// optionally followed by a zone (`Z`, `UTC`, `GMT`, `+09:00`).
const TRAILING_TIME =
  /(?:^|\s)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:\s*([AaPp])\.?\s?[Mm]\.?)?(?:\s+(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$/;

/**
 * True when the line has the shape of a dateline: a `D-Mon-YYYY` date at its start, and either
 * a month name we know, a `|` column separator, or nothing else on the line. A paragraph that
 * merely starts with `12-year-2019…` is therefore not a dateline.
 */
export function looksLikeDateline(line: string): boolean {
  const m = DATE_START.exec(line.trim());
  if (!m) return false;
  return MONTHS[m[2].toLowerCase()] !== undefined || m[4].includes('|') || m[4].trim() === '';
}

interface ParsedTime {
  time?: IsoTime;
  zone?: string;
}

/** Reads the captures of {@link TRAILING_TIME}; an impossible time (`25:00`, `13:00 PM`) gives none. */
function readTime(m: RegExpExecArray): ParsedTime {
  let hour = Number(m[1]);
  const meridiem = m[5]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour > 12) return {};
    // 12 AM is midnight and 12 PM is noon.
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  const time: IsoTime = { hour, minute: Number(m[2]), second: m[3] === undefined ? 0 : Number(m[3]) };
  if (m[4] !== undefined) time.fraction = m[4];
  if (!isTimeOfDay(time)) return {};
  if (m[6] === undefined) return { time };
  const zone = /^(UTC|GMT)$/.test(m[6]) ? 'Z' : normaliseZone(m[6]);
  return zone === undefined ? { time } : { time, zone };
}

/**
 * Parses a dateline. Tolerant: the time, the source and the publisher may each be missing,
 * month names may be abbreviated or full in any case, times may be 12-hour (`6:02 AM`) or
 * 24-hour (`15:01`). A date that names no real day (`31-Feb-2019`) leaves `date` absent but the
 * other columns are still read.
 *
 * @param line - one line, with any site boilerplate already removed.
 * @returns the fields, or undefined when the line does not look like a dateline at all
 *   (see {@link looksLikeDateline}).
 */
export function parseDateline(line: string): Dateline | undefined {
  const trimmed = line.trim();
  if (!looksLikeDateline(trimmed)) return undefined;
  const m = DATE_START.exec(trimmed);
  if (!m) throw new Error('internal: dateline shape checked but not matched');

  const columns = m[4].split('|').map((c) => c.trim());
  let parsedTime: ParsedTime = {};
  const last = columns.length - 1;
  const timeMatch = TRAILING_TIME.exec(columns[last]);
  if (timeMatch) {
    parsedTime = readTime(timeMatch);
    columns[last] = columns[last].slice(0, timeMatch.index).trim();
    // A column that held only the time is not an empty source or publisher column.
    if (columns[last] === '' && last > 0) columns.pop();
  }

  const result: Dateline = {};
  const year = Number(m[3]);
  const month = MONTHS[m[2].toLowerCase()];
  const day = Number(m[1]);
  if (month !== undefined && isCalendarDate(year, month, day)) {
    result.date = formatIsoDate({ year, month, day, ...parsedTime });
  }
  if (columns[0]) result.publisher = columns[0];
  if (columns[1]) result.source = columns[1];
  return result;
}

// Writing a column: it must stay on one line and must not add a column.
const cleanColumn = (value: string | undefined): string =>
  // Piece by piece: a replace with a leading [^\S\r\n]* is quadratic on long runs of spaces.
  (value ?? '').split(/[\r\n|]/).map((piece) => piece.trim()).filter((piece) => piece !== '').join(' ');

/**
 * Writes a dateline: `DD-Mon-YYYY Publisher | Source | h:mm AM` (seconds, fraction and zone
 * only when the date has them), omitting absent columns. Characters that would break the line
 * (`|`, newlines) in publisher or source are replaced with spaces.
 *
 * @returns the line, or undefined when `date` is absent or not a valid ISO date: a dateline
 *   cannot be written without one.
 */
export function formatDateline(fields: Dateline): string | undefined {
  const parts = fields.date === undefined ? undefined : parseIsoDate(fields.date);
  if (!parts) return undefined;
  const dd = String(parts.day).padStart(2, '0');
  const yyyy = String(parts.year).padStart(4, '0');
  const datePart = `${dd}-${MONTH_ABBREVIATIONS[parts.month - 1]}-${yyyy}`;

  const columns = [cleanColumn(fields.publisher), cleanColumn(fields.source)];
  while (columns.length > 0 && columns[columns.length - 1] === '') columns.pop();
  if (parts.time) {
    const { hour, minute, second, fraction } = parts.time;
    let time = `${hour % 12 || 12}:${String(minute).padStart(2, '0')}`;
    if (second !== 0 || fraction !== undefined) time += `:${String(second).padStart(2, '0')}`;
    if (fraction !== undefined) time += `.${fraction}`;
    time += hour < 12 ? ' AM' : ' PM';
    if (parts.zone !== undefined) time += ` ${parts.zone}`;
    columns.push(time);
  } else if (columns.length > 0 && TRAILING_TIME.test(columns[columns.length - 1])) {
    // A last column ending like a time (`Radio 1:30`) would be read back as the time: an empty
    // column after it keeps it a name.
    columns.push('');
  }
  if (columns.length === 0) return datePart;
  const [first, ...rest] = columns;
  return [first === '' ? datePart : `${datePart} ${first}`, ...rest].join(' | ').trimEnd();
}
