/**
 * fast-check arbitraries of ISO dates for the date tests.
 */
import fc from 'fast-check';
import { formatIsoDate, isCalendarDate, type IsoDateParts } from '../../lib/dates/iso-date.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Any valid canonical date or date-time, with or without a zone, in years Date handles as ISO. */
export const arbitraryIsoDate = (minYear = 1000, maxYear = 9999): fc.Arbitrary<string> =>
  fc
    .record({
      year: fc.integer({ min: minYear, max: maxYear }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      time: fc.option(fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }), second: fc.integer({ min: 0, max: 59 }) })),
      fraction: fc.option(fc.stringMatching(/^\d{1,6}$/)),
      zone: fc.option(fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45)).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`))),
    })
    .map(({ year, month, day, time, fraction, zone }) => {
      const parts: IsoDateParts = { year, month, day };
      if (time) {
        parts.time = fraction === null ? time : { ...time, fraction };
        if (zone !== null) parts.zone = zone;
      }
      return formatIsoDate(parts);
    });

/**
 * A valid date close to a month boundary: the first or last days of a month, hours near
 * midnight, and zones up to ±14:00, so that the UTC month often differs from the written one.
 */
export const arbitraryBoundaryDate = (): fc.Arbitrary<string> =>
  fc
    .record({
      year: fc.integer({ min: 2018, max: 2020 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.constantFrom(1, 2, 28, 29, 30, 31),
      kind: fc.constantFrom('date', 'local', 'zoned'),
      hour: fc.constantFrom(0, 1, 12, 22, 23),
      minute: fc.constantFrom(0, 30, 59),
      zone: fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30)).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`),
    })
    .filter(({ year, month, day }) => isCalendarDate(year, month, day))
    .map(({ year, month, day, kind, hour, minute, zone }) => {
      const parts: IsoDateParts = { year, month, day };
      if (kind !== 'date') parts.time = { hour, minute, second: 0 };
      if (kind === 'zoned') parts.zone = zone;
      return formatIsoDate(parts);
    });
