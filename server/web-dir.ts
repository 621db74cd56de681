/**
 * Where the package keeps its search page.
 */
import { fileURLToPath } from 'node:url';

/** The package's `web/` folder: two levels up from the compiled `<outDir>/server/`. */
export function defaultWebDir(): string {
  return fileURLToPath(new URL('../../web/', import.meta.url));
}
