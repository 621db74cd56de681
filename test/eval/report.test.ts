import { expect } from 'chai';
import { replaceGenerated, resultsTable, RESULTS_END, RESULTS_START } from '../../scripts/eval/report.js';
import type { EngineResult } from '../../scripts/eval/run-engine.js';

const result: EngineResult = {
  engine: 'x',
  settings: 's',
  metrics: { ap: 0.55511, ndcg10: 0.6, p10: 0.2, recall100: 0.81234, numQueries: 3 },
  perQuery: new Map(),
  buildMs: 12.6,
  queryMs: 0.456,
};

describe('report', () => {
  describe('resultsTable', () => {
    it('prints one row per engine with 4-decimal metrics and rounded times', () => {
      const lines = resultsTable([result]).split('\n');
      expect(lines[0]).to.equal('| engine | MAP | nDCG@10 | P@10 | R@100 | build ms | query ms |');
      expect(lines[2]).to.equal('| x | 0.5551 | 0.6000 | 0.2000 | 0.8123 | 13 | 0.46 |');
    });
  });

  describe('replaceGenerated', () => {
    it('replaces only the text between the markers', () => {
      const doc = `# T\n\nbefore\n\n${RESULTS_START}\nold\n${RESULTS_END}\n\nafter\n`;
      const out = replaceGenerated(doc, 'new');
      expect(out).to.equal(`# T\n\nbefore\n\n${RESULTS_START}\nnew\n${RESULTS_END}\n\nafter\n`);
      expect(replaceGenerated(out, 'newer')).to.contain('\nnewer\n').and.not.contain('\nnew\n');
    });

    it('appends the section when the markers are missing', () => {
      expect(replaceGenerated('# T\n', 'gen')).to.equal(`# T\n\n${RESULTS_START}\ngen\n${RESULTS_END}\n`);
    });
  });
});
