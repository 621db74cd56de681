/**
 * Answers the errors Node's HTTP parser and timers raise before Express sees a request (a
 * malformed request line, headers over the size limit, a request that does not arrive in time)
 * with the API's JSON error body, where Node's default answer has an empty body.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiErrorCode } from './http-error.js';

/** What a client error is answered with: status, error code and message of the JSON body. */
export interface ClientErrorAnswer {
  status: number;
  code: ApiErrorCode;
  message: string;
}

/** The answer for a client error, by the `code` Node gives it (llhttp's `HPE_*` or Node's own). */
export function clientErrorAnswer(errorCode: string | undefined, maxHeaderBytes: number): ClientErrorAnswer {
  switch (errorCode) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'headers_too_large', message: `the request line and headers are larger than the server accepts (${maxHeaderBytes} bytes)` };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'request_timeout', message: 'the request did not arrive in time' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'payload_too_large', message: 'the chunk extensions of the request body are too large' };
    default:
      return { status: 400, code: 'invalid_request', message: 'the request is not valid HTTP/1.1' };
  }
}

/** The raw HTTP response carrying `answer` as a JSON error body; the connection then closes. */
export function rawErrorResponse(answer: ClientErrorAnswer): string {
  // The messages are constants: nothing the client sent is echoed back (no escaping needed).
  const body = JSON.stringify({ error: answer.message, code: answer.code });
  return [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Makes the `clientError` listener of an HTTP server whose headers may be `maxHeaderBytes` long:
 * it writes the JSON answer when nothing of a response has gone out on this socket yet (as
 * Node's default does, so a half-sent answer is never corrupted), then closes the connection.
 */
export function createClientErrorListener(
  maxHeaderBytes: number,
  onAnswer?: ClientErrorObserver,
): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => answerClientError(error, socket, maxHeaderBytes, onAnswer);
}

/** Told of every client error answered (for the log: 408s and 431s are what slow or probing clients cause). */
export type ClientErrorObserver = (answer: ClientErrorAnswer, nodeCode: string | undefined) => void;

function answerClientError(error: Error & { code?: string }, socket: Duplex, maxHeaderBytes: number, onAnswer?: ClientErrorObserver): void {
  // A reset or broken pipe: the client is gone, there is no one to answer.
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
    socket.destroy();
    return;
  }
  // Node keeps the response in flight on the socket as `_httpMessage`; its own default handler
  // checks the same field before writing.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight && inFlight.headersSent) {
    socket.destroy();
    return;
  }
  const answer = clientErrorAnswer(error.code, maxHeaderBytes);
  socket.end(rawErrorResponse(answer), () => socket.destroy());
  onAnswer?.(answer, error.code);
}

/**
 * The `connect` listener of the HTTP server: a CONNECT request (a proxy tunnel) gets the 404 any
 * other unknown route gets, instead of the silently closed connection Node leaves without one.
 */
export function answerConnect(_request: unknown, socket: Duplex): void {
  socket.end(rawErrorResponse({ status: 404, code: 'not_found', message: 'this server is not a proxy: no route for CONNECT' }), () => socket.destroy());
}
