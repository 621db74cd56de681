/**
 * The labelled set of the near-duplicate evaluation: syndicated copies of real articles, made the
 * way outlets change wire stories, and same-topic same-week articles as hard negatives.
 */
import type { Rng } from '../../bench/rng.js';
import type { Article } from '../../lib/types.js';

/** What was done to an article to make a copy. */
export interface CopyEdits {
  /** An agency prefix or a rewritten dateline put before the first paragraph. */
  prefix: boolean;
  /** A byline paragraph inserted at the top. */
  byline: boolean;
  /** Words replaced by words of another article. */
  editedWords: number;
  /** Paragraphs cut from the end. */
  droppedParagraphs: number;
  /** Share of the original's body characters the copy keeps. */
  keptShare: number;
}

const PREFIXES = ['(Reuters) - ', 'NEW YORK (Reuters) - ', 'LONDON, March 3 (AP) -- ', 'By a Staff Reporter - ', 'WASHINGTON (UPI) - '];
const BYLINES = ['By Jane Miller, Business Writer', 'By Staff Reporters', 'From our correspondent in Tokyo', 'By Hiroshi Tanaka, Reuters'];
const HEADLINE_PREFIXES = ['UPDATE 1-', 'WRAPUP-', 'Analysis: ', ''];

/**
 * A syndicated copy of `article`: always a new headline (the words of the old one in another
 * order, behind a desk prefix); with some probability an agency prefix, a byline paragraph, 1–4
 * words replaced by words of `donor`, and up to half of the paragraphs (at least one kept) cut
 * from the end.
 */
export function makeCopy(rng: Rng, article: Article, donor: Article, id: string): { copy: Article; edits: CopyEdits } {
  let paragraphs = [...article.paragraphs];
  const words = article.title.split(/\s+/).filter(Boolean);
  for (let i = words.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [words[i], words[j]] = [words[j], words[i]];
  }
  const title = rng.pick(HEADLINE_PREFIXES) + words.join(' ').toLowerCase();
  let droppedParagraphs = 0;
  if (rng.next() < 0.6 && paragraphs.length > 1) {
    droppedParagraphs = 1 + rng.int(Math.floor(paragraphs.length / 2));
    paragraphs = paragraphs.slice(0, paragraphs.length - droppedParagraphs);
  }
  let editedWords = 0;
  if (rng.next() < 0.6) {
    const donorWords = donor.paragraphs.join(' ').split(/\s+/).filter(Boolean);
    editedWords = 1 + rng.int(4);
    for (let e = 0; e < editedWords; e++) {
      const p = rng.int(paragraphs.length);
      const ws = paragraphs[p].split(' ');
      ws[rng.int(ws.length)] = rng.pick(donorWords);
      paragraphs[p] = ws.join(' ');
    }
  }
  const prefix = rng.next() < 0.5;
  if (prefix) paragraphs[0] = rng.pick(PREFIXES) + paragraphs[0];
  const byline = rng.next() < 0.3;
  if (byline) paragraphs.unshift(rng.pick(BYLINES));
  const chars = (ps: readonly string[]) => ps.reduce((n, p) => n + p.length, 0);
  const keptShare = chars(article.paragraphs.slice(0, article.paragraphs.length - droppedParagraphs)) / chars(article.paragraphs);
  const copy: Article = { ...article, id, title, paragraphs };
  return { copy, edits: { prefix, byline, editedWords, droppedParagraphs, keptShare } };
}

/** The Monday-to-Sunday week of a date, counted from the epoch (1970-01-01 was a Thursday). */
export function weekNumber(date: string): number {
  const days = Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86400000);
  return Math.floor((days + 3) / 7);
}
