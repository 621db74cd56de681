import { expect } from 'chai';
import { ByteBudget } from '../../lib/corpus/byte-budget.js';

/** Lets pending promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ByteBudget', () => {
  describe('#acquire', () => {
    it('lets requests through while they fit, then holds the rest back in order', async () => {
      const budget = new ByteBudget(100);
      const started: string[] = [];
      const take = (name: string, bytes: number): void => {
        void budget.acquire(bytes).then(() => started.push(name));
      };
      take('a', 60);
      take('b', 40);
      take('c', 30);
      take('d', 10); // fits by size, but waits its turn behind c
      await settle();
      expect(started).to.deep.equal(['a', 'b']);
      expect(budget.inFlight).to.equal(100);
      budget.release(60);
      await settle();
      expect(started).to.deep.equal(['a', 'b', 'c', 'd']);
      expect(budget.inFlight).to.equal(80);
    });

    it('lets a request larger than the limit through when nothing is held, and only then', async () => {
      const budget = new ByteBudget(100);
      const started: string[] = [];
      await budget.acquire(10);
      void budget.acquire(500).then(() => started.push('big'));
      await settle();
      expect(started).to.deep.equal([]);
      budget.release(10);
      await settle();
      expect(started).to.deep.equal(['big']);
      expect(budget.inFlight).to.equal(500);
    });
  });
});
