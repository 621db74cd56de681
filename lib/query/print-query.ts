/**
 * Prints a query tree back as a query string in the parser's syntax: the `interpretedAs` a
 * result carries. Parsing the printed string gives the same tree (a property the tests check),
 * so the normalised form can be shown to a user and typed again.
 */
import type { BoolNode, FieldNode, PositionalNode, QueryNode } from './query-node.js';

/** A word that the lexer would read as something else unless it is quoted. */
function needsQuotes(word: string): boolean {
  return /^(AND|OR|NOT|SAME)$/.test(word) || /^NEAR\/\d/.test(word) || /[\s"()*]/.test(word) || /^[A-Za-z]+:/.test(word) || /^[+-]/.test(word);
}

function printPositional(n: PositionalNode): string {
  const scope = n.field === 'any' ? '' : `${n.field}:`;
  switch (n.kind) {
    case 'term':
      return scope + (needsQuotes(n.text) ? `"${n.text}"` : n.text);
    case 'prefix':
      return `${scope}${n.prefix}*`;
    case 'phrase':
      return `${scope}"${n.text}${n.prefix !== null ? '*' : ''}"`;
  }
}

function printField(n: FieldNode): string {
  return /^[^\s"()*]+$/.test(n.value) ? `${n.field}:${n.value}` : `${n.field}:"${n.value}"`;
}

/** A clause inside a boolean node: nested booleans are parenthesised. */
function printChild(n: QueryNode): string {
  return n.kind === 'bool' ? `(${printBool(n)})` : printQuery(n);
}

function printBool(b: BoolNode): string {
  if (b.op === 'or') return b.should.map(printChild).join(' OR ');
  if (b.op === 'juxt') {
    return [
      ...b.should.map(printChild),
      ...b.must.map((n) => `+${printChild(n)}`),
      ...b.filter.map(printField),
      ...b.mustNot.map((n) => `-${printChild(n)}`),
    ].join(' ');
  }
  return [...b.must.map(printChild), ...b.filter.map(printField), ...b.mustNot.map((n) => `NOT ${printChild(n)}`)].join(' AND ');
}

/** The query string of a tree. */
export function printQuery(n: QueryNode): string {
  switch (n.kind) {
    case 'term':
    case 'prefix':
    case 'phrase':
      return printPositional(n);
    case 'near':
      return `${printPositional(n.left)} NEAR/${n.distance} ${printPositional(n.right)}`;
    case 'same':
      return `SAME(${n.items.map(printPositional).join(', ')})`;
    case 'field':
      return printField(n);
    case 'bool':
      return printBool(n);
  }
}
