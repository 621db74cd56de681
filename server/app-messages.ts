/**
 * Request and response classes for Node's HTTP server that build each request and response with
 * the Express app's own prototypes from the start.
 *
 * Express gives every request and response its app's prototypes (`Object.setPrototypeOf` in
 * `app.handle`). Done on objects Node has just built as plain IncomingMessage and ServerResponse,
 * that changes their hidden class on every request, and the property accesses of Node's HTTP code
 * and of Express then meet objects of ever more shapes: V8's inline caches go megamorphic. When
 * Node builds them with the app's prototypes already, Express's `setPrototypeOf` finds the
 * prototype it would set and changes nothing.
 *
 * Measured (by hand, main-thread CPU per request at 50 connections on loopback, autocannon in a
 * worker thread, 4 alternating runs): a trivial Express 5 route, 130 µs on a plain server against
 * 58 µs with these classes; the server's default `/api/search` answer with the result cache off,
 * over Reuters, 598 µs against 472 µs (median of 6 alternating runs).
 *
 * Node's IncomingMessage and ServerResponse are function constructors (not `class`es), so a
 * function calling them on `this` builds the same object with another prototype. Should a Node
 * version make them classes, {@link appMessages} gives undefined and the server uses Node's own.
 * (Building them with `Reflect.construct(IncomingMessage, args, AppRequest)` instead, which would
 * work for classes too, measured slower than a plain server: 190 µs against 130 for the trivial route.)
 */
import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http';

/** The classes a server builds its requests and responses from, and which app they follow. */
export interface AppMessages {
  readonly IncomingMessage: typeof IncomingMessage;
  readonly ServerResponse: typeof ServerResponse;
  /**
   * From the next request on, requests and responses are built with `listener`'s prototypes
   * when it is an Express app, with Node's own otherwise (e.g. the answers given while loading).
   */
  follow(listener: RequestListener): void;
}

/** An Express app as seen from here: a listener with the prototypes it gives requests and responses. */
interface ExpressLike {
  request: object;
  response: object;
}

function isExpressLike(listener: RequestListener): listener is RequestListener & ExpressLike {
  const { request, response } = listener as unknown as Partial<ExpressLike>;
  return (
    typeof request === 'object' && request !== null && Object.prototype.isPrototypeOf.call(IncomingMessage.prototype, request) &&
    typeof response === 'object' && response !== null && Object.prototype.isPrototypeOf.call(ServerResponse.prototype, response)
  );
}

/** True for a constructor written as a `function`, which can be called on another `this`. */
function isFunctionConstructor(f: unknown): boolean {
  return typeof f === 'function' && !/^class\b/.test(Function.prototype.toString.call(f));
}

type Construct = (this: object, a: unknown, b?: unknown) => void;

/**
 * A fresh pair of request and response classes for one server (their prototypes follow its app),
 * or undefined when this Node's classes cannot be extended this way.
 */
export function appMessages(): AppMessages | undefined {
  if (!isFunctionConstructor(IncomingMessage) || !isFunctionConstructor(ServerResponse)) return undefined;
  const incoming = IncomingMessage as unknown as Construct;
  const outgoing = ServerResponse as unknown as Construct;
  // Node calls `new IncomingMessage(socket)` and `new ServerResponse(req, options)`.
  function AppRequest(this: object, socket: unknown): void {
    incoming.call(this, socket);
  }
  function AppResponse(this: object, req: unknown, options: unknown): void {
    outgoing.call(this, req, options);
  }
  AppRequest.prototype = IncomingMessage.prototype;
  AppResponse.prototype = ServerResponse.prototype;
  return {
    IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof ServerResponse,
    follow(listener) {
      const express = isExpressLike(listener);
      AppRequest.prototype = express ? (listener.request as IncomingMessage) : IncomingMessage.prototype;
      AppResponse.prototype = express ? (listener.response as ServerResponse) : ServerResponse.prototype;
    },
  };
}
