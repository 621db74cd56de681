/**
 * The query tree: what a query string means once parsed, independent of any index (tantivy's
 * `Query`). Nodes are plain data, so trees compare with a deep equality and print back to a
 * query string ({@link printQuery}) that parses to the same tree.
 */

/**
 * Where a text clause looks: `any` (the title, the paragraphs and the declared text fields), only
 * the `title`, or only one declared text field of the index's schema (its name, as declared:
 * `standfirst:budget`). Declared names never clash with these two: `any` and `title` are reserved.
 */
export type TextField = 'any' | 'title' | (string & {});

/** One word: matches articles whose title, paragraphs or text fields (or only the scoped field) hold its term. */
export interface TermNode {
  kind: 'term';
  field: TextField;
  /** The word as typed (the analyzer token's surface), for printing. */
  text: string;
  /** The analysed (normalised, stemmed) term. */
  term: string;
}

/** `word*`: any term starting with the normalised prefix (stop words too: `for*`). */
export interface PrefixNode {
  kind: 'prefix';
  field: TextField;
  /** The normalised, unstemmed prefix. */
  prefix: string;
}

/**
 * `"exact phrase"`: the terms at consecutive positions inside one title, paragraph or field text. A stop
 * word keeps its slot as `null` (`"bank of england"` → `bank, null, england`); `prefix`, when not
 * null, is one more slot after `terms` matching any term that starts with it (`"north kor*"`).
 */
export interface PhraseNode {
  kind: 'phrase';
  field: TextField;
  /** The phrase as typed (whitespace collapsed, without the quotes and the trailing `*`). */
  text: string;
  terms: (string | null)[];
  prefix: string | null;
}

/** A clause that has positions: what NEAR and SAME combine. */
export type PositionalNode = TermNode | PrefixNode | PhraseNode;

/** `a NEAR/n b`: both within `distance` positions of each other in one paragraph, the title or one field text. */
export interface NearNode {
  kind: 'near';
  distance: number;
  left: PositionalNode;
  right: PositionalNode;
}

/** `SAME(a, b, …)`: every item in one paragraph (or all in the title, or all in one field text). */
export interface SameNode {
  kind: 'same';
  items: PositionalNode[];
}

/** `field:value` on a facet field: matches exactly as the `filters` option does; never scored. */
export interface FieldNode {
  kind: 'field';
  /** A facet field of the index's schema (`topics`, or a declared keyword field). */
  field: string;
  value: string;
}

/**
 * A boolean combination, with Lucene's clause kinds: `must` (required, scored), `should`
 * (optional, scored; at least one must match when there is no `must`: a filter does not make
 * them optional, so `oil topics:crude` means "oil" filtered), `mustNot`
 * (excluded, never scored), `filter` (required, not scored: field clauses).
 *
 * `op` records how the user wrote it, which decides printing and what `match: 'all'` does:
 * `juxt` is words side by side (the `should` clauses become required under `match: 'all'`),
 * `or` is explicit `OR` (never changed), `and` has no `should` clauses at all.
 */
export interface BoolNode {
  kind: 'bool';
  op: 'juxt' | 'or' | 'and';
  must: QueryNode[];
  should: QueryNode[];
  mustNot: QueryNode[];
  filter: FieldNode[];
}

/** Any node of a query tree. */
export type QueryNode = TermNode | PrefixNode | PhraseNode | NearNode | SameNode | FieldNode | BoolNode;

/** A parsed query: the tree (null when nothing could be searched) and how it reads normalised. */
export interface ParsedQueryTree {
  /** The query tree; null for a blank query or one with nothing searchable. */
  root: QueryNode | null;
  /** The normalised query string ({@link printQuery} of `root`; "" when `root` is null). */
  interpretedAs: string;
}
