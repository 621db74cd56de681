/**
 * The probes load balancers and process managers poll: GET /api/live (the process runs and
 * answers) and GET /api/ready (200 while an index is in service; 503 while starting and while
 * draining). Answered before logging and the rest of the app, so a check every second neither
 * floods the log nor waits behind anything.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Readiness } from './readiness.js';

/** Body of GET /api/live. */
export interface LiveBody {
  status: 'live';
  /** Seconds since the process started. */
  uptimeSeconds: number;
}

/** Body of GET /api/ready (also with its 503). */
export interface ReadyBody {
  status: Readiness['state'];
}

function liveBody(): LiveBody {
  return { status: 'live', uptimeSeconds: Math.round(process.uptime()) };
}

/**
 * Adds the probe routes to `app` (`createApp` does, before anything else): as two routes of the
 * app itself rather than a router mounted at /api, which every other API request would enter
 * and leave again.
 */
export function addProbeRoutes(app: Express, readiness: Readiness): void {
  app.get('/api/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(liveBody());
  });
  app.get('/api/ready', (_req, res) => {
    const body: ReadyBody = { status: readiness.state };
    res.status(readiness.state === 'ready' ? 200 : 503).set('Cache-Control', 'no-store').json(body);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * What the server answers while its index loads, before the app exists: the probes (live
 * 200, ready 503) and, for every other request, 503 `unavailable` with a Retry-After.
 */
export function createStartingListener(readiness: Readiness): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (get && path === '/api/live') return send(res, 200, liveBody());
    if (get && path === '/api/ready') return send(res, 503, { status: readiness.state } satisfies ReadyBody);
    res.setHeader('Retry-After', '1');
    send(res, 503, { error: 'the index is not in service yet; try again shortly', code: 'unavailable' });
  };
}
