/**
 * The shape a corpus format reader produces, before the loader gives it an id and an origin.
 */
import type { Article } from '../types.js';

/**
 * An article as read from one file or line: no `origin` yet, and an `id` only when the source
 * gave one (the loader assigns the others from the file path).
 */
export type ArticleDraft = Omit<Article, 'id' | 'origin'> & { id?: string };
