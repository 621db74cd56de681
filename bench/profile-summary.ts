/**
 * By-hand tool (not a test): the top functions of a V8 `.cpuprofile` by self time, as shares of
 * the busy time (idle and program excluded), to compare profiles before and after a change.
 *
 *   node dist/bench/profile-summary.js FILE.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node dist/bench/profile-summary.js FILE.cpuprofile [--top N]');
  process.exit(2);
}
const topIndex = process.argv.indexOf('--top');
const top = topIndex === -1 ? 25 : Number(process.argv[topIndex + 1]);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<string, number>();
const areaUs = new Map<string, number>();
let busy = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)') continue;
  // A sample stands for the time until the next one (as DevTools counts it).
  const dt = profile.timeDeltas[i + 1] ?? 0;
  busy += dt;
  const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`;
  selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
  const area = areaOf(url, functionName);
  areaUs.set(area, (areaUs.get(area) ?? 0) + dt);
}
console.log(`busy ${(busy / 1000).toFixed(0)} ms\n\nby area (self time):`);
for (const [area, us] of [...areaUs].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${area}`);
}
console.log('\nby function (self time):');
for (const [key, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${key}`);
}

/** A package (`node_modules/<name>`), a folder of ours (`dist/lib/highlight`), `node:<module>`, or V8's own entries. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `node_modules/${pkg[1]}`;
  const ours = /\/dist\/(.*)\/[^/]+$/.exec(url);
  if (ours) return `dist/${ours[1]}`;
  return url.startsWith('node:') ? url : url.replace(/^.*\//, '');
}
