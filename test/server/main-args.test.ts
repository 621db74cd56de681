import { expect } from 'chai';
import { defaultSnapshotFor } from '../../cli/cli-options.js';
import { parseServerArgs, ServerArgsError } from '../../server/main-args.js';

describe('parseServerArgs (server/main.ts flags)', () => {
  it('takes the flags of `ledesearch serve`, flags before environment', () => {
    const o = parseServerArgs(['--corpus', 'c', '--port', '0', '--no-web', '--cache-mb', '0.5', '--cors', 'https://a.example, https://b.example'], {
      PORT: '8080',
      HOST: '::1',
      LEDESEARCH_REINDEX_TOKEN: 't',
    });
    if (o === 'help') throw new Error('expected options');
    expect(o).to.include({ corpus: 'c', port: 0, host: '::1', reindexToken: 't', webDir: false, resultCacheBytes: 2 ** 19, logLevel: 'info' });
    expect(o.snapshot).to.equal(defaultSnapshotFor('c'));
    expect(o.corsOrigins).to.deep.equal(['https://a.example', 'https://b.example']);
  });

  it('reads PORT and turns --no-snapshot into no snapshot', () => {
    const o = parseServerArgs(['--no-snapshot'], { PORT: '8080' });
    if (o === 'help') throw new Error('expected options');
    expect(o.port).to.equal(8080);
    expect(o.snapshot).to.equal(false);
  });

  it('gives help for --help', () => {
    expect(parseServerArgs(['--help'], {})).to.equal('help');
  });

  for (const args of [['--port', 'http'], ['--port', '70000'], ['--cache-mb', '-1'], ['--log-level', 'loud'], ['--catgory', 'x'], ['stray']]) {
    it(`rejects ${args.join(' ')} with a ServerArgsError`, () => {
      expect(() => parseServerArgs(args, {})).to.throw(ServerArgsError);
    });
  }
});
