/**
 * Test helper: checks the positions and character start offsets an InvertedIndex holds against
 * those the analyzer computes directly from the text of the live articles.
 */
import { expect } from 'chai';
import type { createAnalyzer } from '../../lib/analysis/analyzer.js';
import type { InvertedIndex } from '../../lib/index/inverted-index.js';
import type { PostingTable } from '../../lib/index/posting-table.js';
import type { Article } from '../../lib/types.js';

/**
 * Term → `position@start` of each of its tokens, per field (title or paragraph), as the analyzer
 * computes them from the text.
 */
type FieldPositions = Map<string, string[]>;

function expectedPositions(analyzer: ReturnType<typeof createAnalyzer>, text: string): FieldPositions {
  const m: FieldPositions = new Map();
  for (const tok of analyzer.analyze(text)) {
    const list = m.get(tok.term) ?? [];
    list.push(`${tok.position}@${tok.start}`);
    m.set(tok.term, list);
  }
  return m;
}

/** Positions read back from a posting table: posting id → term → positions (non-empty only). */
function readPositions(ix: InvertedIndex, table: PostingTable): Map<number, FieldPositions> {
  const out = new Map<number, FieldPositions>();
  for (let t = 0; t < table.numTerms; t++) {
    for (let i = table.offsets[t]; i < table.offsets[t + 1]; i++) {
      const start = table.posStart(i);
      const end = table.posEnd(i);
      expect(end).to.be.at.least(start);
      if (end === start) continue;
      const id = table.ids[i];
      const m = out.get(id) ?? new Map<string, string[]>();
      const pairs: string[] = [];
      for (let k = start; k < end; k++) pairs.push(`${table.positions[k]}@${table.charStarts[k]}`);
      m.set(ix.dict.terms[t], pairs);
      out.set(id, m);
    }
  }
  return out;
}

/** Checks every live article's title and paragraph positions and their offsets against the analyzer's. */
export function checkIndex(ix: InvertedIndex, analyzer: ReturnType<typeof createAnalyzer>, docs: readonly (Article | undefined)[]): void {
  const para = readPositions(ix, ix.para);
  const title = readPositions(ix, ix.art);
  docs.forEach((a, d) => {
    if (!a) return;
    expect(ix.alive.data[d]).to.equal(1);
    expect(title.get(d) ?? new Map()).to.deep.equal(expectedPositions(analyzer, a.title));
    a.paragraphs.forEach((text, k) => {
      const p = ix.paraStart.data[d] + k;
      expect(para.get(p) ?? new Map()).to.deep.equal(expectedPositions(analyzer, text));
    });
  });
  // A paragraph posting holds as many positions as its tf; an article posting as its title tf.
  for (let i = 0; i < ix.para.ids.length; i++) expect(ix.para.posEnd(i) - ix.para.posStart(i)).to.equal(ix.para.cols[0][i]);
  for (let i = 0; i < ix.art.ids.length; i++) expect(ix.art.posEnd(i) - ix.art.posStart(i)).to.equal(ix.art.cols[1][i]);
}
