import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FieldKitError } from '../../shared/errors';
import { dispatch } from '../api';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import type { Services } from '../services/container';
import { isLoopbackAddress } from './loopback';
import { mimeType, resolveStaticFile } from './static-files';
import { TOKEN_COOKIE, newToken, presentedToken, tokenMatches } from './token';

export interface HostOptions {
  services: Services;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  address?: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  address: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest WebSocket message accepted: requests are small JSON documents. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function refuse(res: http.ServerResponse, status: number): void {
  const body = JSON.stringify({ error: new FieldKitError('HOST_UNAUTHORIZED').toPayload() });
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
  res.end(body);
}

/**
 * The headless host: the built UI and the handler table over a WebSocket, on
 * loopback only, behind a random per-run token. Reach it from another machine
 * through an SSH tunnel, never by binding a public address.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const address = options.address ?? '127.0.0.1';
  if (!isLoopbackAddress(address)) throw new FieldKitError('HOST_ADDRESS_NOT_LOOPBACK', { address });
  if (!fs.existsSync(`${options.rendererDir}/index.html`)) {
    throw new FieldKitError('HOST_RENDERER_MISSING', { path: options.rendererDir });
  }
  const token = options.token ?? newToken();
  const { services } = options;
  const who = (() => {
    try {
      return os.userInfo().username;
    } catch {
      return 'unknown';
    }
  })();

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    const presented = presentedToken(req);
    if (!presented.token) return refuse(res, 401);
    if (!tokenMatches(token, presented.token)) return refuse(res, 403);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = resolveStaticFile(options.rendererDir, url.pathname) ?? resolveStaticFile(options.rendererDir, '/');
    if (!file) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': mimeType(file) };
    // The token URL sets a strict cookie so that assets and the WebSocket carry it afterwards.
    if (presented.fromQuery) headers['Set-Cookie'] = `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const presented = presentedToken(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const host = req.headers.host ?? '';
    // A page from another origin must not drive the API even if the cookie were sent.
    const originOk = !req.headers.origin || req.headers.origin === `http://${host}`;
    if (url.pathname !== '/api' || !originOk || !tokenMatches(token, presented.token)) {
      const status = presented.token ? '403 Forbidden' : '401 Unauthorized';
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', async (data) => {
      let msg: { id?: unknown; channel?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return; // not our client: ignore rather than crash
      }
      if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number') return;
      const envelope = await dispatch(msg.channel, msg.payload, {
        services,
        via: 'host',
        who,
        emit: (event, payload) => services.bus.publish(event, payload),
      });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, envelope }));
    });
  });

  const unsubscribe = services.bus.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const c of clients) if (c.readyState === c.OPEN) c.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new FieldKitError('HOST_PORT_IN_USE', { port: options.port ?? 0, address }) : e);
    });
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const hostPart = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${hostPart}:${bound.port}/?token=${token}`,
    address: bound.address,
    port: bound.port,
    token,
    close: async () => {
      unsubscribe();
      for (const c of clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
