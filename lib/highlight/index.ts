/**
 * Highlighting: snippet selection and HTML formatting (escape first, then mark).
 *
 * Re-exports the folder's public names flat, so callers import from `highlight/index.js`
 * without knowing which file holds what.
 */
export { escapeHtml } from './escape-html.js';
export { toHtml, DEFAULT_MARK_TAG } from './format.js';
export { findMatches, collectMatches, type TokenMatches, type TokenSource } from './matches.js';
export {
  bindHighlightQuery, phrasesOnly, storedMatches, type BoundHighlightQuery, type StoredTokens,
} from './stored-matches.js';
export { toHighlightQuery, type HighlightQuery, type HighlightTerms, type PhrasePattern } from './highlight-query.js';
export {
  makeSnippet,
  makeSnippets,
  highlightText,
  snippetFromMatches,
  snippetsFromMatches,
  highlightFromMatches,
  type MatchFinder,
  DEFAULT_SNIPPET_LENGTH,
  DEFAULT_SNIPPET_COUNT,
  MIN_SNIPPET_LENGTH,
  type SnippetOptions,
  type SnippetsOptions,
} from './snippet.js';
