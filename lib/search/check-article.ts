/**
 * The shape check an article passes before it is indexed: `add` takes articles from any caller,
 * not only from loadCorpus, so it cannot trust them to be well formed.
 */
import { SearchError } from '../errors.js';
import { isoDateToEpochMs } from '../dates/instant.js';
import type { Article } from '../types.js';

/** Throws SearchError `invalid_article` naming what is wrong. */
export function checkArticle(a: Article): void {
  const bad = (why: string): never => {
    throw new SearchError('invalid_article', `invalid article${a && typeof a.id === 'string' ? ` "${a.id}"` : ''}: ${why}`);
  };
  if (!a || typeof a !== 'object') bad('not an object');
  if (typeof a.id !== 'string' || a.id === '') bad('id must be a non-empty string');
  if (typeof a.title !== 'string') bad('title must be a string');
  if (!Array.isArray(a.paragraphs) || a.paragraphs.some((p) => typeof p !== 'string')) bad('paragraphs must be an array of strings');
  if (a.date !== undefined && (typeof a.date !== 'string' || Number.isNaN(isoDateToEpochMs(a.date)))) bad(`date "${String(a.date)}" is not ISO 8601`);
}
