/**
 * Argument checks for the public functions and methods: a caller passing the wrong type (from
 * JavaScript, or through `any`) gets a SearchError `invalid_argument` naming the argument, never
 * a raw TypeError, an endless loop or a RangeError.
 */
import { SearchError } from './errors.js';

/** The error for an argument of the wrong type or out of range. */
export function invalidArgument(name: string, expected: string, value: unknown): SearchError {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return new SearchError('invalid_argument', `${name} must be ${expected}, got ${got}`, { parameter: name });
}

/** Throws unless `value` is a string. */
export function checkString(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw invalidArgument(name, 'a string', value);
}

/** Throws unless `value` is undefined or a plain object (an options bag). */
export function checkOptions(name: string, value: unknown): void {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw invalidArgument(name, 'an object', value);
  }
}

/** Throws unless `value` is undefined or an integer ≥ `min`. */
export function checkCount(name: string, value: unknown, min = 0): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min)) {
    throw new SearchError('invalid_argument', `${name} must be an integer ≥ ${min}, got ${JSON.stringify(value) ?? typeof value}`, { parameter: name });
  }
}

/**
 * Runs `fn`, turning the RangeError an options resolver throws into SearchError
 * `invalid_argument` (the resolvers keep RangeError for their own direct callers).
 */
export function rangeToSearchError<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError) throw new SearchError('invalid_argument', e.message, { parameter: name });
    throw e;
  }
}
