/**
 * The security headers of every response (helmet's, with the page's content security policy),
 * worked out once when the app is made and then set from a list.
 *
 * With this configuration helmet sets fixed strings (no CSP nonce function, nothing read from
 * the request), so running its thirteen middlewares on every request only derives the same list
 * again: a share of the per-request work of a search served from the cache or with a small
 * answer. helmet stays the source of the names and values; a test checks the app sends exactly
 * what helmet itself would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/** The helmet options of the app: a strict CSP for the page in web/; `crossOrigin` when CORS is on. */
export function securityHeaderOptions(crossOrigin: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      // The page is plain files from web/: no inline script or style, no third-party origin.
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: crossOrigin ? 'cross-origin' : 'same-origin' },
  };
}

/** What helmet does to a response: headers it sets (name, value) and headers it removes. */
export interface SecurityHeaders {
  readonly set: ReadonlyArray<readonly [string, string]>;
  readonly remove: readonly string[];
}

/**
 * Runs helmet once on a stand-in response and records what it sets and removes. Throws when
 * helmet does not finish at once or reads the request (a configuration that needs the request,
 * such as a CSP nonce, cannot be worked out ahead and must not be used through this).
 */
export function recordSecurityHeaders(options: HelmetOptions): SecurityHeaders {
  const set = new Map<string, string>();
  const remove = new Set<string>();
  const res = {
    setHeader(name: string, value: unknown) {
      set.set(name, String(value));
      remove.delete(name);
    },
    removeHeader(name: string) {
      set.delete(name);
      remove.add(name);
    },
  };
  const req = new Proxy({}, {
    get(_target, key) {
      throw new Error(`internal: helmet read request property ${String(key)}; its headers cannot be worked out once`);
    },
  });
  let finished = false;
  let failure: unknown;
  helmet(options)(req as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    finished = true;
    failure = err;
  });
  if (!finished || failure !== undefined) throw new Error(`internal: helmet did not give its headers at once${failure ? `: ${String(failure)}` : ''}`);
  return { set: [...set], remove: [...remove] };
}

/** Applies recorded security headers to a response. */
export function applySecurityHeaders(headers: SecurityHeaders, res: ServerResponse): void {
  for (const [name, value] of headers.set) res.setHeader(name, value);
  for (const name of headers.remove) res.removeHeader(name);
}
