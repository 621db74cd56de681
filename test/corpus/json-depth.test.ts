import { expect } from 'chai';
import fc from 'fast-check';
import { findExcessJsonDepth, MAX_JSON_DEPTH } from '../../lib/corpus/json-depth.js';

/** Depth of a parsed JSON value counted as the guard counts: one per array or object. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('findExcessJsonDepth', () => {
  it('finds the bracket that goes one level past the limit', () => {
    expect(findExcessJsonDepth('[[[]]]', 3)).to.equal(-1);
    expect(findExcessJsonDepth('[[[[]]]]', 3)).to.equal(3);
    expect(findExcessJsonDepth('{"a":{"b":{"c":{}}}}', 3)).to.equal(15);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(findExcessJsonDepth('["[[[[\\"{{{{", "]]"]', 1)).to.equal(-1);
  });

  it('defaults to MAX_JSON_DEPTH', () => {
    expect(findExcessJsonDepth('['.repeat(MAX_JSON_DEPTH))).to.equal(-1);
    expect(findExcessJsonDepth('['.repeat(MAX_JSON_DEPTH + 1))).to.equal(MAX_JSON_DEPTH);
  });

  it('agrees with the depth of the parsed value for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 8 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(findExcessJsonDepth(text, limit) === -1).to.equal(depthOf(value) <= limit);
      }),
      { numRuns: 300 },
    );
  });
});
