/**
 * Listening and stopping: the HTTP server around the app, its timeouts, graceful shutdown.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appMessages } from './app-messages.js';
import { answerConnect, createClientErrorListener, type ClientErrorObserver } from './client-error.js';

/** Default {@link ListenOptions.requestTimeoutMs}: a whole request must arrive within 30 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Default {@link ListenOptions.headersTimeoutMs}: headers within 10 s (slow-loris clients). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** Default {@link ListenOptions.idleTimeoutMs}: a socket silent for 60 s is closed. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/**
 * Default {@link ListenOptions.timeoutCheckIntervalMs}: Node looks for requests past their
 * timeouts only this often (its own default is 30 s, which would let a 10 s headers timeout
 * fire after up to 40 s). A scan of the open connections once a second costs next to nothing.
 */
export const DEFAULT_TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/**
 * Default {@link ListenOptions.maxHeaderBytes}: request line and headers together, 16 KiB
 * (Node's default, set explicitly so that `--max-http-header-size` cannot change it unseen).
 * Over it, the answer is 431.
 */
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
/** Default grace period of {@link closeGracefully}: in-flight requests get 10 s to finish. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** Options of {@link listen}. */
export interface ListenOptions {
  /** Port; 0 for any free one. */
  port: number;
  host: string;
  /** Time for the whole request (headers and body) to arrive. Default 30 s. */
  requestTimeoutMs?: number;
  /** Time for the headers to arrive. Default 10 s. */
  headersTimeoutMs?: number;
  /** Inactivity after which a socket is closed. Default 60 s. */
  idleTimeoutMs?: number;
  /**
   * How often request and headers timeouts are checked, so they fire at most this late.
   * Default {@link DEFAULT_TIMEOUT_CHECK_INTERVAL_MS} (1 s).
   */
  timeoutCheckIntervalMs?: number;
  /** Largest request line plus headers, in bytes. Default {@link DEFAULT_MAX_HEADER_BYTES} (16 KiB). */
  maxHeaderBytes?: number;
  /** Called after each error Node's HTTP layer answered (400, 408, 413, 431), e.g. to log it. Default: none. */
  onClientError?: ClientErrorObserver;
}

/** A server {@link listen} started. */
export interface Listening {
  server: Server;
  port: number;
  url: string;
  /** Hands every later request to `app` instead of the listener it answered with so far. */
  replaceApp(app: RequestListener): void;
}

/**
 * Starts an HTTP server for `app`; resolves once it listens, with the actual port. Errors Node
 * answers itself (a malformed request, headers too large, a request too slow) get the API's
 * JSON error body too. An Express app's requests and responses are built with its prototypes
 * from the start (app-messages.ts: Express's per-request prototype change is most of its cost).
 */
export async function listen(app: RequestListener, options: ListenOptions): Promise<Listening> {
  const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  const messages = appMessages();
  messages?.follow(app);
  // connectionsCheckingInterval can only be given here, not set on the server afterwards.
  const server = createServer(
    {
      ...(messages && { IncomingMessage: messages.IncomingMessage, ServerResponse: messages.ServerResponse }),
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: options.timeoutCheckIntervalMs ?? DEFAULT_TIMEOUT_CHECK_INTERVAL_MS,
      maxHeaderSize: maxHeaderBytes,
      // Node answers a missing Host with an empty 400 of its own; the app answers it in JSON.
      requireHostHeader: false,
    },
    app,
  );
  server.setTimeout(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  server.on('clientError', createClientErrorListener(maxHeaderBytes, options.onClientError));
  // Without a listener Node drops CONNECT (proxy tunnel) requests without a word; this is no proxy.
  server.on('connect', answerConnect);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const replaceApp = (next: RequestListener): void => {
    // From one listener to the next in one step: no request sees neither.
    server.removeAllListeners('request');
    messages?.follow(next);
    server.on('request', next);
  };
  return { server, port, url: `http://${host}:${port}`, replaceApp };
}

/**
 * Stops accepting connections, lets in-flight requests finish, closes idle keep-alive
 * connections at once and any still open after `graceMs`. Resolves when the server is closed.
 */
export function closeGracefully(server: Server, graceMs = DEFAULT_SHUTDOWN_GRACE_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close((error) => {
      clearTimeout(timer);
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
