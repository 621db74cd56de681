/**
 * The deployment test's haproxy configuration is the one docs/DEPLOYMENT.md documents: the same
 * directives line for line, only the frontend address and the servers differ.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { haproxyConfig } from './haproxy-config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Directive lines: trimmed, comments and blank lines dropped, addresses (bind, server) left out. */
function directives(config: string): string[] {
  return config
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '' && !/^(bind|server)\s/.test(l));
}

describe('deployment: haproxy configuration', () => {
  it('matches docs/DEPLOYMENT.md directive for directive', async () => {
    const doc = await readFile(path.join(root, 'docs/DEPLOYMENT.md'), 'utf8');
    const block = /```haproxy\n([\s\S]*?)```/.exec(doc);
    expect(block, 'docs/DEPLOYMENT.md has an haproxy block').to.not.equal(null);
    const ours = haproxyConfig(8080, [3000, 3001, 3002]);
    expect(directives(ours)).to.deep.equal(directives(block?.[1] ?? ''));
    // The addresses are the test's own: one bind, one server line per replica, each checked.
    expect(ours.match(/^\s*bind 127\.0\.0\.1:8080$/gm)).to.have.length(1);
    expect(ours.match(/^\s*server replica\d 127\.0\.0\.1:300\d check$/gm)).to.have.length(3);
  });
});
