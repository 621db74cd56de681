import { expect } from 'chai';
import fc from 'fast-check';
import { createRng } from '../../bench/rng.js';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import { bodyTermCodes } from '../../lib/duplicates/body-terms.js';
import { DuplicateGroups } from '../../lib/duplicates/duplicate-groups.js';
import { resolveDuplicateOptions } from '../../lib/duplicates/duplicate-options.js';
import { signatureOverlap } from '../../lib/duplicates/estimate-overlap.js';
import { computeSignature, type DuplicateSignature } from '../../lib/duplicates/shingle-signature.js';
import { components, copyOf, exactOverlap, exactShingles, randomText } from './helpers.js';

const OPTIONS = resolveDuplicateOptions();

function signature(terms: readonly number[]): DuplicateSignature | undefined {
  return computeSignature(terms, terms.length, OPTIONS);
}

/** Stories with 0–3 copies each, in shuffled order. */
function makeCorpus(seed: number, numStories: number): number[][] {
  const rng = createRng(seed);
  const texts: number[][] = [];
  for (let s = 0; s < numStories; s++) {
    const base = randomText(rng, 100 + rng.int(150));
    texts.push(base);
    for (let c = rng.int(4); c > 0; c--) {
      texts.push(copyOf(rng, base, rng.int(2), rng.int(Math.floor(base.length * 0.15)), rng.int(3)));
    }
  }
  for (let i = texts.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [texts[i], texts[j]] = [texts[j], texts[i]];
  }
  return texts;
}

describe('DuplicateGroups', () => {
  describe('#add', () => {
    it('groups as the pairs whose exact overlap passes the thresholds', () => {
      const texts = makeCorpus(11, 60);
      const shingles = texts.map((t) => exactShingles(t, OPTIONS.shingleSize));
      const exact = (a: number, b: number) => exactOverlap(shingles[a], shingles[b]);
      const docs = texts.map((_, d) => d);
      // The corpus is built with a margin: every pair is clearly a copy or clearly not, so the
      // estimate cannot fall on the wrong side of the threshold.
      for (const a of docs) for (const b of docs) {
        if (a < b) {
          const o = exact(a, b);
          expect(o.containment < 0.3 || (o.containment > 0.9 && o.jaccard > 0.7), `pair ${a} ${b}`).to.equal(true);
        }
      }
      const expected = components((a, b) => exact(a, b).containment >= OPTIONS.threshold, docs);
      const g = new DuplicateGroups();
      texts.forEach((t, d) => g.add(d, signature(t)));
      for (const d of docs) expect(g.groupOf(d), `doc ${d}`).to.equal(expected.get(d));
      expect([...g.groups()].length).to.be.greaterThan(10);
    });

    it('gives every document a group, a group of one when alone', () => {
      const g = new DuplicateGroups();
      g.add(0, signature([1, 2, 3, 4, 5, 6, 7, 8, 9]));
      g.add(2, undefined);
      expect(g.groupOf(0)).to.equal(0);
      expect(g.groupMembers(1)).to.deep.equal([1]);
      expect(g.groupMembers(2)).to.deep.equal([2]);
      expect([...g.groups()]).to.deep.equal([]);
    });

    it('finds a wire copy with a new headline, an agency prefix, an edited word and its last paragraph cut', () => {
      const analyzer = createAnalyzer();
      const codes = new Map<string, number>();
      const story = [
        'Saudi Arabia will keep its crude oil output within the OPEC quota of 4.133 mln barrels per day, oil minister Hisham Nazer said on Tuesday.',
        'He told reporters in Riyadh that the kingdom was committed to the December pact and would not sell below official prices.',
        'Nazer said the market had strengthened since the start of the year and he expected prices to stay near 18 dlrs a barrel.',
        'Industry sources said Saudi production averaged about 3.5 mln bpd in February, well under the quota.',
        'The minister declined to say whether OPEC would meet before its scheduled June conference in Vienna.',
      ];
      const copy = [
        `(Reuters) - ${story[0]}`,
        story[1].replace('reporters', 'journalists'),
        story[2],
        story[3],
      ];
      const other = [
        'Kuwait raised its crude oil output above its OPEC quota in February, oil industry sources said on Tuesday.',
        'The sources said production averaged 1.2 mln barrels per day, against a quota of 948,000 bpd set in December.',
        'Kuwait oil minister Ali al-Khalifa al-Sabah said last week the emirate was abiding by the OPEC pact.',
        'Analysts said prices near 18 dlrs a barrel would test the group’s resolve before its June meeting.',
      ];
      const g = new DuplicateGroups();
      [story, copy, other].forEach((p, d) => {
        const t = bodyTermCodes(p, analyzer, codes);
        g.add(d, signature(t));
      });
      expect(g.groupMembers(0)).to.deep.equal([0, 1]);
      expect(g.groupMembers(2)).to.deep.equal([2]);
    });

    it('rejects a signature of the wrong length and a document added twice', () => {
      const g = new DuplicateGroups();
      expect(() => g.add(0, { values: new Uint8Array(3), numShingles: 9 })).to.throw(RangeError);
      const text = randomText(createRng(9), 40);
      g.add(0, signature(text));
      expect(() => g.add(0, signature(text))).to.throw(/added twice/);
    });

    it('does not chain: groups are stars around the most linked text, not whole components', () => {
      // a ~ b ~ c ~ d, each sharing about two thirds with the next and little with the one after.
      const rng = createRng(3);
      const a = randomText(rng, 100);
      const b = [...a.slice(35), ...randomText(rng, 35)];
      const c = [...b.slice(35), ...randomText(rng, 35)];
      const d = [...c.slice(35), ...randomText(rng, 35)];
      const g = new DuplicateGroups({ threshold: 0.5, minJaccard: 0.3 });
      [a, b, c, d].forEach((t, doc) => g.add(doc, signature(t)));
      const ex = (x: number[], y: number[]) => exactOverlap(exactShingles(x, OPTIONS.shingleSize), exactShingles(y, OPTIONS.shingleSize));
      expect(ex(a, b).jaccard).to.be.above(0.4);
      expect(ex(a, c).jaccard).to.be.below(0.2);
      expect(g.linksOf(1)).to.have.members([0, 2]);
      expect(g.linksOf(2)).to.have.members([1, 3]);
      // b and c both have two links; b, the smaller id at equal length, leads.
      expect(g.groupMembers(0)).to.deep.equal([0, 1, 2]);
      expect(g.groupMembers(3)).to.deep.equal([3]);
    });
  });

  describe('#addMany', () => {
    it('gives the groups of adding one by one, also onto documents already added (property)', () => {
      const pool = makeCorpus(8, 15).map(signature);
      const all = pool.map((_, d) => d);
      const norm = (x: DuplicateGroups) => [...x.groups()].map((l) => l.join(',')).sort();
      fc.assert(
        fc.property(fc.shuffledSubarray(all, { minLength: 1 }), fc.nat(all.length), (order, split) => {
          const one = new DuplicateGroups();
          for (const d of order) one.add(d, pool[d]);
          const many = new DuplicateGroups();
          const first = order.slice(0, split);
          const rest = order.slice(split);
          for (const d of first) many.add(d, pool[d]);
          many.addMany(rest, rest.map((d) => pool[d]));
          for (const d of order) expect(many.groupMembers(d)).to.deep.equal(one.groupMembers(d));
          expect(norm(many)).to.deep.equal(norm(one));
        }),
        { numRuns: 100 },
      );
      const g = new DuplicateGroups();
      g.addMany(all, pool);
      expect([...g.groups()].length, 'the pool has groups to compare').to.be.greaterThan(3);
    });
  });

  describe('identical signatures', () => {
    /** Links as the straightforward rule gives them: every pair of estimated overlap past the thresholds, not both short. */
    function expectedLinks(pool: readonly (DuplicateSignature | undefined)[], d: number): number[] {
      const a = pool[d];
      if (!a) return [];
      return pool.flatMap((b, o) => {
        if (!b || o === d || (a.numShingles < OPTIONS.minShingles && b.numShingles < OPTIONS.minShingles)) return [];
        const x = signatureOverlap(a, b);
        return x.containment >= OPTIONS.threshold && x.jaccard >= OPTIONS.minJaccard ? [o] : [];
      });
    }

    it('links every pair the pairwise rule links, whether added in bulk or one by one (property)', () => {
      const rng = createRng(31);
      const base = makeCorpus(12, 10).map(signature);
      const short = signature(randomText(rng, 12));
      expect(short?.numShingles).to.be.within(OPTIONS.minCopyShingles, OPTIONS.minShingles - 1);
      // Stories sent several times over, and a short note sent three times (never linked: both short).
      const pool = [...base, ...base.slice(0, 4), ...base.slice(0, 2), short, short, short];
      const all = pool.map((_, d) => d);
      fc.assert(
        fc.property(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), fc.nat(all.length), (order, split) => {
          const bulk = new DuplicateGroups();
          const first = order.slice(0, split);
          const rest = order.slice(split);
          for (const d of first) bulk.add(d, pool[d]);
          bulk.addMany(rest, rest.map((d) => pool[d]));
          const one = new DuplicateGroups();
          for (const d of order) one.add(d, pool[d]);
          for (const d of all) {
            expect([...bulk.linksOf(d)].sort((x, y) => x - y), `links of ${d}`).to.deep.equal(expectedLinks(pool, d));
            expect([...one.linksOf(d)].sort((x, y) => x - y), `links of ${d}`).to.deep.equal(expectedLinks(pool, d));
            expect(bulk.groupMembers(d)).to.deep.equal(one.groupMembers(d));
          }
        }),
        { numRuns: 40 },
      );
    });

    it('groups a corpus of many identical copies, every copy with its own', () => {
      const rng = createRng(77);
      const stories = Array.from({ length: 40 }, () => signature(randomText(rng, 80)));
      const docs: number[] = [];
      const sigs: (DuplicateSignature | undefined)[] = [];
      const storyOf: number[] = [];
      // 40 stories sent 10 times each, and one sent 300 times.
      for (let copy = 0; copy < 10; copy++) stories.forEach((s, i) => { docs.push(docs.length); sigs.push(s); storyOf.push(i); });
      for (let copy = 0; copy < 300; copy++) { docs.push(docs.length); sigs.push(stories[0]); storyOf.push(0); }
      const g = new DuplicateGroups();
      g.addMany(docs, sigs);
      for (const d of docs) {
        const expected = docs.filter((o) => storyOf[o] === storyOf[d]);
        expect(g.groupMembers(d), `doc ${d}`).to.deep.equal(expected);
      }
      expect([...g.groups()].length).to.equal(stories.length);
    });
  });

  describe('#remove', () => {
    it('splits a group when its leader goes', () => {
      // b and c are the first and last two thirds of a: each a copy of a (contained in it), not of each other.
      const rng = createRng(3);
      const a = randomText(rng, 120);
      const b = a.slice(0, 80);
      const c = a.slice(40);
      const g = new DuplicateGroups({ threshold: 0.8, minJaccard: 0.25 });
      [a, b, c].forEach((t, d) => g.add(d, signature(t)));
      expect(g.groupMembers(2)).to.deep.equal([0, 1, 2]);
      g.remove(0);
      expect(g.groupMembers(1)).to.deep.equal([1]);
      expect(g.groupMembers(2)).to.deep.equal([2]);
      expect(g.groupOf(0)).to.equal(0);
    });

    it('leaves the same groups as a build from scratch of the remaining documents (property)', () => {
      const pool = makeCorpus(5, 12).map(signature);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(pool.length - 1)), { maxLength: 60 }), (ops) => {
          const g = new DuplicateGroups();
          const live = new Set<number>();
          for (const [add, d] of ops) {
            if (add && !live.has(d)) { g.add(d, pool[d]); live.add(d); }
            if (!add && live.has(d)) { g.remove(d); live.delete(d); }
          }
          const fresh = new DuplicateGroups();
          for (const d of [...live].sort((x, y) => x - y)) fresh.add(d, pool[d]);
          for (const d of live) expect(g.groupMembers(d)).to.deep.equal(fresh.groupMembers(d));
          const norm = (x: DuplicateGroups) => [...x.groups()].map((l) => l.join(',')).sort();
          expect(norm(g)).to.deep.equal(norm(fresh));
        }),
        { numRuns: 150 },
      );
    });
  });

  describe('#exportState / fromState', () => {
    it('round-trips signatures and so the groups', () => {
      const texts = makeCorpus(21, 30);
      const g = new DuplicateGroups();
      texts.forEach((t, d) => g.add(d, signature(t)));
      g.remove(3);
      const back = DuplicateGroups.fromState(g.exportState());
      for (let d = 0; d < texts.length; d++) expect(back.groupMembers(d)).to.deep.equal(g.groupMembers(d));
      expect(back.signatureOf(3)).to.equal(undefined);
    });

    it('stores the links, so a restore verifies no candidate and gives the same groups and links', () => {
      const texts = makeCorpus(22, 30);
      const g = new DuplicateGroups();
      g.addMany(texts.map((_, d) => d), texts.map(signature));
      g.remove(5);
      const state = g.exportState();
      expect(state.links, 'the corpus has links to store').to.have.length.greaterThan(4);
      for (let i = 0; i + 3 < (state.links as Int32Array).length; i += 2) {
        const [a, b, c, d] = (state.links as Int32Array).subarray(i, i + 4);
        expect(a < b && (a < c || (a === c && b < d)), `pairs ascending at ${i}`).to.equal(true);
      }
      const back = DuplicateGroups.fromState(state);
      const relinked = DuplicateGroups.fromState({ ...state, links: undefined }); // an older snapshot
      for (let d = 0; d < texts.length; d++) {
        expect(back.groupMembers(d)).to.deep.equal(g.groupMembers(d));
        expect([...back.linksOf(d)].sort((x, y) => x - y)).to.deep.equal([...g.linksOf(d)].sort((x, y) => x - y));
        expect(relinked.groupMembers(d)).to.deep.equal(g.groupMembers(d));
      }
      expect(back.exportState().links).to.deep.equal(state.links);
    });

    it('after a restore, adds and removes give the groups of a build from scratch (property)', () => {
      const pool = makeCorpus(23, 14).map(signature);
      const all = pool.map((_, d) => d);
      const norm = (x: DuplicateGroups) => [...x.groups()].map((l) => l.join(',')).sort();
      fc.assert(
        fc.property(fc.shuffledSubarray(all, { minLength: 1 }), fc.nat(all.length), fc.nat(all.length), (order, split, drop) => {
          const first = order.slice(0, split);
          const rest = order.slice(split);
          const g = new DuplicateGroups();
          g.addMany(first, first.map((d) => pool[d]));
          const back = DuplicateGroups.fromState(g.exportState());
          back.addMany(rest, rest.map((d) => pool[d]));
          const gone = order[drop % order.length];
          back.remove(gone);
          const fresh = new DuplicateGroups();
          const live = order.filter((d) => d !== gone).sort((x, y) => x - y);
          fresh.addMany(live, live.map((d) => pool[d]));
          for (const d of live) expect(back.groupMembers(d)).to.deep.equal(fresh.groupMembers(d));
          expect(norm(back)).to.deep.equal(norm(fresh));
        }),
        { numRuns: 100 },
      );
    });
  });
});

describe('resolveDuplicateOptions', () => {
  it('names the option out of range', () => {
    expect(() => resolveDuplicateOptions({ threshold: 0 })).to.throw(RangeError, /threshold/);
    expect(() => resolveDuplicateOptions({ numHashes: 8 })).to.throw(RangeError, /numHashes/);
    expect(() => resolveDuplicateOptions({ bandSize: 4 })).to.throw(RangeError, /numBands/);
    expect(resolveDuplicateOptions({ bandSize: 4, numBands: 16 }).bandSize).to.equal(4);
  });
});
