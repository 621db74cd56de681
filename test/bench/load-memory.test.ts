/**
 * The load-memory sampler (bench/load-memory.ts): it loads a snapshot through the library and
 * reports the process's memory; checked on a small snapshot against the index it was saved from.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureLoadMemory, peakRssBytes } from '../../bench/load-memory.js';
import { createSearchIndex, saveSnapshot } from '../../lib/index.js';

describe('bench: load-memory sampler', () => {
  it('reads the peak RSS (VmHWM) on Linux, never below the RSS read before it', function () {
    if (process.platform !== 'linux') this.skip();
    const rss = process.memoryUsage().rss;
    const peak = peakRssBytes();
    expect(peak).to.be.a('number');
    expect(peak as number).to.be.at.least(rss);
  });

  it('loads a snapshot and reports samples and settled figures of the process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ledesearch-load-memory-'));
    try {
      const index = createSearchIndex();
      index.addAll(Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, title: `title ${i}`, paragraphs: [`word${i % 7} body text ${i}`] })));
      const file = join(dir, 'index.snapshot');
      await saveSnapshot(index, file);
      const lines: string[] = [];
      const report = await measureLoadMemory(file, { intervalMs: 1, afterMs: 5, log: (line) => lines.push(line) });
      expect(report.file).to.equal(file);
      expect(report.samples.length).to.be.at.least(1);
      expect(lines.length).to.equal(report.samples.length);
      expect(report.samples.at(-1)?.phase).to.equal('after');
      expect(report.samples.map((x) => x.atMs)).to.deep.equal([...report.samples.map((x) => x.atMs)].sort((a, b) => a - b));
      expect(report.loadMs).to.be.at.most(report.samples.at(-1)?.atMs as number + 1);
      if (process.platform === 'linux') {
        for (const x of report.samples) expect(report.peakRssBytes as number).to.be.at.least(x.rss);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
