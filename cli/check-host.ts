/**
 * Checking `serve --host` before any index is loaded: a host that cannot be listened on should
 * fail in a moment, not after a long build.
 */
import { createServer } from 'node:net';
import { UsageError } from './cli-options.js';

/** Why listening on a host failed, in words, by Node's error code. */
const REASONS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'not an IP address or a host name that resolves',
  EAI_AGAIN: 'its name could not be resolved (DNS did not answer)',
  EADDRNOTAVAIL: 'not an address of this machine',
  EAFNOSUPPORT: 'its address family is not supported here',
  EACCES: 'permission denied',
};

/**
 * Resolves when `host` can be listened on: binds a throw-away server to a free port of it (the
 * same resolution and bind `listen` will do) and closes it.
 *
 * @throws UsageError naming the host and the reason when it cannot.
 */
export async function checkHost(host: string): Promise<void> {
  if (host.trim() === '') throw new UsageError('--host is empty: give an interface address such as 127.0.0.1 or 0.0.0.0');
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, host, () => resolve());
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot listen on --host ${JSON.stringify(host)}: ${reason}`);
  } finally {
    // Never listened when the bind failed; close() then only reports ERR_SERVER_NOT_RUNNING.
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}
