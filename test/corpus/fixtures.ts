import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpus fixtures folder, found by walking up from this file (works from any build folder). */
export function fixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'test', 'fixtures', 'corpus'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('test/fixtures/corpus not found above the test file');
    dir = parent;
  }
  return join(dir, 'test', 'fixtures', 'corpus');
}
