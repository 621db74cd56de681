/**
 * The lenient query parser, in the manner of Elasticsearch's `simple_query_string`: any string
 * gets a query tree and never an exception. An unclosed quote or parenthesis closes at the end,
 * a dangling operator or sign is dropped, a stray `)` is ignored.
 *
 * Grammar (precedence NOT > AND > OR > words side by side):
 * ```
 * query   := clause*                      words side by side: a `juxt` node
 * clause  := or
 * or      := and ("OR" and)*
 * and     := unary ("AND" unary)*
 * unary   := ("NOT" | "-" | "+")* primary ("NEAR/n" primary)?
 * primary := "(" query ")" | "SAME(" item* ")" | word | "phrase" | field ":" (word | "phrase")
 * ```
 * A `field:` is `title:` or a declared text field (a scope: the clause looks only there), or a
 * facet field (a field clause); any other `word:` is text.
 */
import type { Analyzer } from '../analysis/analyzer.js';
import { FACET_FIELDS } from '../types.js';
import { lexQuery, type LexToken } from './query-lexer.js';
import type { BoolNode, FieldNode, ParsedQueryTree, PositionalNode, QueryNode, TextField } from './query-node.js';
import { printQuery } from './print-query.js';

/** Parentheses nested deeper than this are ignored (their content joins the enclosing group). */
export const MAX_QUERY_DEPTH = 32;

const FACET_SET: ReadonlySet<string> = new Set(FACET_FIELDS);

/** The scopes every index has: `title:`. */
const TITLE_SCOPE: ReadonlyMap<string, TextField> = new Map([['title', 'title']]);

/** What the parser needs from an analyzer. */
export type QueryAnalyzer = Pick<Analyzer, 'analyze' | 'normalize'>;

/**
 * A word that stands in for a prefix while the words before it are analysed, so that its slot in
 * a phrase is counted even when the prefix itself is a stop word (`"bank of*"`). Any word that is
 * not a stop word would do; this one is unlikely to be configured as one.
 */
const SLOT_PROBE = 'qzxqzxqzx';

type Occur = 'should' | 'must' | 'mustNot';
interface Clause {
  node: QueryNode;
  occur: Occur;
}

/**
 * Parses a query string into a tree. Never throws on syntax (limits are checked where the tree is
 * bound to an index); a query with nothing searchable gives `root: null`. `isFacetField` says
 * which `name:` prefixes are field clauses (default: the default facet fields; an index passes
 * its schema's); `textFields` are the declared text fields, which scope a clause like `title:`
 * (default none; matched without regard to case, printed as declared).
 */
export function parseQueryString(
  query: string,
  analyzer: QueryAnalyzer,
  isFacetField: (name: string) => boolean = (name) => FACET_SET.has(name),
  textFields: readonly string[] = [],
): ParsedQueryTree {
  let scopes = TITLE_SCOPE;
  if (textFields.length > 0) {
    const withFields = new Map(TITLE_SCOPE);
    for (const name of textFields) if (!withFields.has(name.toLowerCase())) withFields.set(name.toLowerCase(), name);
    scopes = withFields;
  }
  const tokens = lexQuery(query, (name) => scopes.has(name) || isFacetField(name));
  const root = new Parser(tokens, analyzer, scopes).parseQuery();
  return { root, interpretedAs: root ? printQuery(root) : '' };
}

function newBool(op: BoolNode['op']): BoolNode {
  return { kind: 'bool', op, must: [], should: [], mustNot: [], filter: [] };
}

function isPositional(n: QueryNode): n is PositionalNode {
  return n.kind === 'term' || n.kind === 'prefix' || n.kind === 'phrase';
}

/** Adds a clause to a boolean node, merging what can be merged without changing the meaning. */
function addClause(b: BoolNode, c: Clause): void {
  const n = c.node;
  if (c.occur === 'mustNot') {
    b.mustNot.push(n);
    return;
  }
  if (n.kind === 'field') {
    b.filter.push(n);
    return;
  }
  if (c.occur === 'must' || b.op === 'and') {
    if (n.kind === 'bool' && n.op === 'and') {
      b.must.push(...n.must);
      b.filter.push(...n.filter);
      b.mustNot.push(...n.mustNot);
    } else b.must.push(n);
    return;
  }
  // A group of words side by side inside words side by side matches and scores the same flat.
  if (b.op === 'juxt' && n.kind === 'bool' && n.op === 'juxt' && !n.must.length && !n.mustNot.length && !n.filter.length) {
    b.should.push(...n.should);
    return;
  }
  if (b.op === 'or' && n.kind === 'bool' && n.op === 'or') {
    b.should.push(...n.should);
    return;
  }
  b.should.push(n);
}

/** Normalises a finished boolean node: drops it when empty, unwraps it when it has one clause. */
function finish(b: BoolNode): QueryNode | null {
  if (b.op === 'juxt' && b.should.length === 0) b.op = 'and';
  const total = b.must.length + b.should.length + b.mustNot.length + b.filter.length;
  if (total === 0) return null;
  if (b.must.length + b.should.length === 1 && total === 1) return b.must[0] ?? b.should[0];
  return b;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly toks: readonly LexToken[],
    private readonly analyzer: QueryAnalyzer,
    /** Lower-cased `name:` prefixes that scope a clause (`title`, declared text fields) → their scope. */
    private readonly scopes: ReadonlyMap<string, TextField>,
  ) {}

  /** Where a token's clause looks: `any` without a field, a scope, or null for a facet field's clause. */
  private scopeOf(field: string | null): TextField | null {
    return field === null ? 'any' : (this.scopes.get(field) ?? null);
  }

  parseQuery(): QueryNode | null {
    return this.parseJuxt(false);
  }

  private peek(): LexToken | undefined {
    return this.toks[this.pos];
  }

  /** Words side by side, up to the closing `)` of a group (consumed) or the end. */
  private parseJuxt(inGroup: boolean): QueryNode | null {
    const b = newBool('juxt');
    for (let tok = this.peek(); tok; tok = this.peek()) {
      if (tok.t === 'rparen') {
        this.pos++;
        if (inGroup) break;
        continue; // a stray ")" at the top
      }
      if (tok.t === 'and' || tok.t === 'or' || tok.t === 'near') {
        this.pos++; // an operator with nothing on its left
        continue;
      }
      const next = this.toks[this.pos + 1];
      if (tok.t === 'word' && tok.field === null && next?.t !== 'and' && next?.t !== 'or' && next?.t !== 'near') {
        // A bare word side by side with others: its words are separate clauses, as words side by
        // side always were ("time-sharing" is time and sharing, not a phrase; quote it for one).
        this.pos++;
        for (const node of this.words(tok.text, tok.prefix)) addClause(b, { node, occur: 'should' });
        continue;
      }
      const c = this.parseOr();
      if (c) addClause(b, c);
    }
    return finish(b);
  }

  /** The words of a bare chunk, each a term (the last a prefix when the chunk ended in `*`). */
  private words(raw: string, prefixWord: boolean): PositionalNode[] {
    const leaf = this.leaf(raw, prefixWord, 'any', false);
    if (!leaf || leaf.kind !== 'phrase') return leaf ? [leaf] : [];
    const run = leaf.prefix !== null ? /[\p{L}\p{N}]+$/u.exec(leaf.text) : null;
    const before = run ? leaf.text.slice(0, run.index) : leaf.text;
    const out: PositionalNode[] = this.analyzer.analyze(before).map((t) => ({ kind: 'term', field: 'any', text: before.slice(t.start, t.end), term: t.term }));
    if (leaf.prefix !== null) out.push({ kind: 'prefix', field: 'any', prefix: leaf.prefix });
    return out;
  }

  private parseOr(): Clause | null {
    const operands: Clause[] = [];
    const first = this.parseAnd();
    if (first) operands.push(first);
    while (this.peek()?.t === 'or') {
      this.pos++;
      const next = this.parseAnd();
      if (next) operands.push(next);
    }
    if (operands.length <= 1) return operands[0] ?? null;
    const b = newBool('or');
    for (const c of operands) {
      if (c.occur === 'mustNot') {
        const not = newBool('and');
        not.mustNot.push(c.node);
        addClause(b, { node: not, occur: 'should' });
      } else addClause(b, { node: c.node, occur: 'should' });
    }
    const node = finish(b);
    return node ? { node, occur: 'should' } : null;
  }

  private parseAnd(): Clause | null {
    const operands: Clause[] = [];
    const first = this.parseUnary();
    if (first) operands.push(first);
    while (this.peek()?.t === 'and') {
      this.pos++;
      const next = this.parseUnary();
      if (next) operands.push(next);
    }
    if (operands.length <= 1) return operands[0] ?? null;
    const b = newBool('and');
    for (const c of operands) addClause(b, { node: c.node, occur: c.occur === 'mustNot' ? 'mustNot' : 'must' });
    const node = finish(b);
    return node ? { node, occur: 'should' } : null;
  }

  private parseUnary(): Clause | null {
    let neg = false;
    let plus = false;
    for (let tok = this.peek(); tok; tok = this.peek()) {
      if (tok.t === 'not' || tok.t === 'minus') neg = !neg;
      else if (tok.t === 'plus') plus = true;
      else break;
      this.pos++;
    }
    const tok = this.peek();
    if (!tok || tok.t === 'rparen' || tok.t === 'and' || tok.t === 'or' || tok.t === 'near') return null;
    let node = this.parsePrimary();
    if (!node) return null;
    const op = this.peek();
    if (op?.t === 'near' && isPositional(node)) {
      const right = this.toks[this.pos + 1];
      if (right && (right.t === 'word' || right.t === 'phrase') && this.scopeOf(right.field) !== null) {
        this.pos++;
        const r = this.parsePrimary();
        if (r && isPositional(r)) node = { kind: 'near', distance: op.distance, left: node, right: r };
      }
    }
    return { node, occur: neg ? 'mustNot' : plus ? 'must' : 'should' };
  }

  private parsePrimary(): QueryNode | null {
    const tok = this.toks[this.pos++];
    switch (tok.t) {
      case 'lparen': {
        if (this.depth >= MAX_QUERY_DEPTH) return null; // too deep: the content joins this level
        this.depth++;
        const node = this.parseJuxt(true);
        this.depth--;
        return node;
      }
      case 'same':
        return this.parseSame();
      case 'word':
      case 'phrase': {
        const scope = this.scopeOf(tok.field);
        if (scope === null) return fieldNode(tok.field as string, tok.text);
        return tok.t === 'word' ? this.leaf(tok.text, tok.prefix, scope, false) : this.leaf(tok.text, false, scope, true);
      }
      default:
        return null;
    }
  }

  /** `SAME(` items up to `)`: words (split at commas), phrases; anything else is dropped. */
  private parseSame(): QueryNode | null {
    const items: PositionalNode[] = [];
    for (let tok = this.peek(); tok; tok = this.peek()) {
      this.pos++;
      if (tok.t === 'rparen') break;
      const scope = tok.t === 'word' || tok.t === 'phrase' ? this.scopeOf(tok.field) : null;
      if (tok.t === 'word' && scope !== null) {
        const field = scope;
        // Commas separate items, except inside a number ("1,000").
        const pieces = tok.text.split(/(?<!\d),|,(?!\d)/);
        pieces.forEach((piece, k) => {
          const star = /\*+$/.exec(piece);
          const word = star ? piece.slice(0, star.index) : piece;
          const leaf = this.leaf(word, star !== null || (tok.prefix && k === pieces.length - 1), field, false);
          if (leaf) items.push(leaf);
        });
      } else if (tok.t === 'phrase' && scope !== null) {
        const leaf = this.leaf(tok.text, false, scope, true);
        if (leaf) items.push(leaf);
      }
    }
    if (items.length <= 1) return items[0] ?? null;
    return { kind: 'same', items };
  }

  /**
   * A word or quoted text as a term, a prefix, or a phrase when it holds several words
   * (`US-North` is the phrase "us north"). Null when nothing in it can be searched.
   */
  private leaf(raw: string, prefixWord: boolean, field: TextField, quoted: boolean): PositionalNode | null {
    let text = raw.replace(/\s+/g, ' ').trim();
    let prefix = prefixWord;
    if (quoted && text.endsWith('*')) {
      text = text.replace(/[\s*]+$/, '');
      prefix = true;
    }
    let prefixTerm: string | null = null;
    let before = text;
    if (prefix) {
      const run = /[\p{L}\p{N}]+$/u.exec(text);
      const norm = run ? this.analyzer.normalize(run[0]) : '';
      if (run && norm !== '') {
        prefixTerm = norm;
        before = text.slice(0, run.index);
      }
    }
    const tokens = this.analyzer.analyze(prefixTerm === null ? before : `${before} ${SLOT_PROBE}`);
    let prefixPos = -1;
    if (prefixTerm !== null) prefixPos = (tokens.pop() as { position: number }).position;
    if (tokens.length === 0) return prefixTerm === null ? null : { kind: 'prefix', field, prefix: prefixTerm };
    if (tokens.length === 1 && prefixTerm === null) {
      const t = tokens[0];
      return { kind: 'term', field, text: before.slice(t.start, t.end), term: t.term };
    }
    const base = tokens[0].position;
    const width = (prefixTerm === null ? tokens[tokens.length - 1].position + 1 : prefixPos) - base;
    const terms: (string | null)[] = new Array<string | null>(width).fill(null);
    for (const t of tokens) terms[t.position - base] = t.term;
    return { kind: 'phrase', field, text, terms, prefix: prefixTerm };
  }
}

function fieldNode(field: string, raw: string): FieldNode | null {
  const value = raw.replace(/\s+/g, ' ').trim();
  // The lexer marks only the fields `isFacetField` accepts, so `field` is one.
  return value === '' ? null : { kind: 'field', field, value };
}
