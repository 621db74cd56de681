import { expect } from 'chai';
import { REPLICA_DATE_STEP_DAYS, replicateArticles, shiftDate } from '../../bench/corpus.js';
import type { Article } from '../../lib/types.js';

const words = (n: number, seed: number): string => Array.from({ length: n }, (_, i) => `w${(i * 7 + seed) % 50}`).join(' ');
const base: Article[] = Array.from({ length: 40 }, (_, i) => ({
  id: `a${i}`,
  title: words(6, i),
  paragraphs: [words(60, i + 1), words(40, i + 2)],
  ...(i % 5 === 0 ? {} : { date: `1987-03-${String((i % 28) + 1).padStart(2, '0')}` }),
}));

describe('bench: replicateArticles', () => {
  const out = replicateArticles(base, 4, { seed: 7 });

  it('keeps copy 1 as given and gives every copy a unique id', () => {
    expect(out).to.have.length(160);
    expect(out.slice(0, 40)).to.deep.equal(base);
    expect(new Set(out.map((a) => a.id)).size).to.equal(160);
    expect(out[40 * 2 + 3].id).to.equal('a3#3');
  });

  it('replaces about a third of the words, keeps the word count, and is deterministic', () => {
    let changed = 0;
    let total = 0;
    for (let k = 40; k < out.length; k++) {
      const orig = base[k % 40];
      const copy = out[k];
      orig.paragraphs.forEach((p, j) => {
        const a = p.split(' ');
        const b = copy.paragraphs[j].split(' ');
        expect(b.length).to.equal(a.length);
        total += a.length;
        // A redrawn word may be drawn equal to the original: count differences, a lower bound.
        changed += a.filter((w, i) => w !== b[i]).length;
      });
    }
    expect(changed / total).to.be.within(0.25, 0.36);
    expect(replicateArticles(base, 4, { seed: 7 })).to.deep.equal(out);
    expect(replicateArticles(base, 4, { seed: 8 })).to.not.deep.equal(out);
    expect(replicateArticles(base, 3, { wordChange: 0 }).slice(40).map((a) => a.paragraphs)).to.deep.equal([...base, ...base].map((a) => a.paragraphs));
  });

  it('moves dates back a quarter per copy and leaves undated articles undated', () => {
    expect(out[40 * 3 + 1].date).to.equal(shiftDate(base[1].date as string, 3 * REPLICA_DATE_STEP_DAYS));
    expect(shiftDate('1987-03-02', 1)).to.equal('1987-03-01');
    expect(shiftDate('1987-03-01T06:02:00', 1)).to.equal('1987-02-28T06:02:00');
    expect(shiftDate('n/a', 5)).to.equal('n/a');
    expect('date' in out[40 * 2 + 5]).to.equal(false);
  });

  it('refuses a bad factor or rate', () => {
    expect(() => replicateArticles(base, 0)).to.throw(RangeError);
    expect(() => replicateArticles(base, 2, { wordChange: 1.5 })).to.throw(RangeError);
  });
});
