import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FieldKitError, type ErrorPayload } from '../../shared/errors';
import { HOST_MAX_MESSAGE_BYTES } from '../../shared/limits';
import type { MessageId } from '../../shared/messages';
import { dispatch } from '../api';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import type { Services } from '../services/container';
import { jobsOf } from '../services/jobs';
import { isLoopbackAddress } from './loopback';
import { mimeType, resolveStaticFile } from './static-files';
import { SECRET_PREFIX, bearerToken, newToken, queryToken, secretPath, splitTarget, tokenMatches } from './token';

export interface HostOptions {
  services: Services;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  address?: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  /** The UI under its secret path: http://127.0.0.1:<port>/s/<token>/ */
  url: string;
  address: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest WebSocket message accepted: enough for the largest request a schema allows (an import). */
const MAX_MESSAGE_BYTES = HOST_MAX_MESSAGE_BYTES;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' };

function errorBody(id: MessageId, params: Record<string, string | number> = {}): string {
  return JSON.stringify({ error: new FieldKitError(id, params).toPayload() });
}

function refuse(res: http.ServerResponse, status: number, id: MessageId, params: Record<string, string | number> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = errorBody(id, params);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** A refusal on a raw socket (upgrade requests, client errors): status line, catalogued body, closed. */
function refuseSocket(socket: Duplex, status: number, id: MessageId, params: Record<string, string | number> = {}): void {
  try {
    if (socket.writable) {
      const body = errorBody(id, params);
      socket.write(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
  } catch {
    // the peer is gone already
  }
  socket.destroy();
}

/** Printable, short: for error texts built from what a client sent. */
const clip = (v: unknown) => String(v ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 80);

/**
 * The headless host: the built UI and the handler table over a WebSocket, on
 * loopback only, behind a random per-run token carried in the path (never in
 * a cookie). Reach it from another machine through an SSH tunnel, never by
 * binding a public address.
 *
 * Guarantees: any malformed request is answered 400 (or the socket closed)
 * and the host keeps serving; Host and Origin must name the bound address
 * and port, on HTTP and WebSocket alike (no DNS rebinding, no other local
 * origin); a WebSocket error closes that socket only.
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
  /** Host header values that name this host; filled once bound. */
  let allowedHosts = new Set<string>();

  /** undefined when Host and Origin are ours; else the refusal's parameters. */
  const foreign = (req: http.IncomingMessage): Record<string, string> | undefined => {
    const host = typeof req.headers.host === 'string' ? req.headers.host.toLowerCase() : '';
    const origin = req.headers.origin;
    if (!allowedHosts.has(host)) return { host: clip(host), origin: clip(origin ?? '-') };
    if (origin !== undefined && origin !== `http://${host}`) return { host: clip(host), origin: clip(origin) };
    return undefined;
  };

  const serveFile = async (req: http.IncomingMessage, res: http.ServerResponse, file: string): Promise<void> => {
    let handle: fs.promises.FileHandle | undefined;
    try {
      // O_NOFOLLOW and fstat: the file opened is the regular file that was checked.
      handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
      const st = await handle.stat();
      if (!st.isFile()) {
        await handle.close();
        return refuse(res, 404, 'HOST_BAD_REQUEST', { detail: 'not found' });
      }
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': mimeType(file), 'Content-Length': st.size });
      if (req.method === 'HEAD') {
        await handle.close();
        res.end();
        return;
      }
      const stream = handle.createReadStream({ autoClose: true });
      stream.on('error', () => res.destroy());
      res.on('close', () => stream.destroy());
      stream.pipe(res);
    } catch {
      await handle?.close().catch(() => undefined);
      refuse(res, 404, 'HOST_BAD_REQUEST', { detail: 'not found' });
    }
  };

  const handleRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const bad = foreign(req);
    if (bad) return refuse(res, 403, 'HOST_FORBIDDEN_ORIGIN', bad);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const target = splitTarget(req.url);
    if (!target) return refuse(res, 400, 'HOST_BAD_REQUEST', { detail: 'request target' });
    const secret = secretPath(target.path);
    if (!secret) {
      // The bare address (or an old ?token= link): refused; a right token is sent on to its secret path.
      const q = queryToken(target.query);
      if (q === undefined && bearerToken(req) === undefined) return refuse(res, 401, 'HOST_UNAUTHORIZED');
      if (!tokenMatches(token, q) && !tokenMatches(token, bearerToken(req))) return refuse(res, 403, 'HOST_UNAUTHORIZED');
      res.writeHead(303, { ...SECURITY_HEADERS, Location: `${SECRET_PREFIX}${token}/` }).end();
      return;
    }
    if (!tokenMatches(token, secret.token)) return refuse(res, 403, 'HOST_UNAUTHORIZED');
    if (secret.rest === '') {
      // Relative asset URLs need the trailing slash.
      res.writeHead(308, { ...SECURITY_HEADERS, Location: `${SECRET_PREFIX}${token}/` }).end();
      return;
    }
    const file = resolveStaticFile(options.rendererDir, secret.rest) ?? (/\.[a-z0-9]+$/i.test(secret.rest) ? undefined : resolveStaticFile(options.rendererDir, '/'));
    if (!file) return refuse(res, 404, 'HOST_BAD_REQUEST', { detail: 'not found' });
    void serveFile(req, res, file);
  };

  const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    res.on('error', () => res.destroy());
    try {
      handleRequest(req, res);
    } catch (e) {
      services.logs.events.write('warn', 'headless host refused a request', { detail: clip(e instanceof Error ? e.message : e) });
      refuse(res, 400, 'HOST_BAD_REQUEST', { detail: 'unparsable request' });
    }
  });
  // A client that sends its headers a byte at a time does not hold a connection for minutes.
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  // A request Node's parser cannot read: 400 on that connection, the host keeps serving.
  server.on('clientError', (_err, socket) => refuseSocket(socket, 400, 'HOST_BAD_REQUEST', { detail: 'unparsable request' }));

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', () => undefined);
  const clients = new Set<WebSocket>();
  const jobs = jobsOf(services);
  /** Each connection owns the calls it made: they are cancelled when it closes. */
  const owners = new Map<WebSocket, string>();
  let nextConnection = 1;

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const bad = foreign(req);
      if (bad) return refuseSocket(socket, 403, 'HOST_FORBIDDEN_ORIGIN', bad);
      const target = splitTarget(req.url);
      if (!target) return refuseSocket(socket, 400, 'HOST_BAD_REQUEST', { detail: 'request target' });
      const secret = secretPath(target.path);
      const presented = secret && secret.rest === '/api' ? secret.token : target.path === '/api' ? (queryToken(target.query) ?? bearerToken(req)) : undefined;
      if (!secret && target.path !== '/api') return refuseSocket(socket, 400, 'HOST_BAD_REQUEST', { detail: 'not the API path' });
      if (!presented) return refuseSocket(socket, 401, 'HOST_UNAUTHORIZED');
      if (!tokenMatches(token, presented)) return refuseSocket(socket, 403, 'HOST_UNAUTHORIZED');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
    } catch {
      refuseSocket(socket, 400, 'HOST_BAD_REQUEST', { detail: 'unparsable upgrade' });
    }
  });

  const send = (ws: WebSocket, text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(text, (err) => {
        if (err) ws.terminate();
      });
    } catch {
      ws.terminate();
    }
  };

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    const owner = `ws:${nextConnection++}`;
    owners.set(ws, owner);
    // A protocol error (oversized message, reserved opcode, bad mask, invalid UTF-8) ends this socket only.
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      clients.delete(ws);
      owners.delete(ws);
      // Nobody waits for these answers any more: stop the work (sessions closed, no half-written file).
      jobs.cancelOwnedBy(owner);
    });
    ws.on('message', async (data, isBinary) => {
      try {
        let msg: { id?: unknown; channel?: unknown; payload?: unknown; jobId?: unknown };
        try {
          msg = JSON.parse(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
        } catch {
          return; // not our client: ignore rather than crash
        }
        if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number') return;
        // The optional jobId names the call for jobs.cancel; dispatch refuses a malformed or busy one.
        const envelope = await dispatch(
          msg.channel,
          msg.payload,
          { services, via: 'host', who, emit: (event, payload) => services.bus.publish(event, payload) },
          { owner, ...(msg.jobId !== undefined ? { id: String(msg.jobId) } : {}) },
        );
        send(ws, JSON.stringify({ id: msg.id, envelope }));
      } catch (e) {
        const error: ErrorPayload = new FieldKitError('INTERNAL', { detail: clip(e instanceof Error ? e.message : e) }).toPayload();
        send(ws, JSON.stringify({ error }));
      }
    });
  });

  const unsubscribe = services.bus.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const c of clients) send(c, text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new FieldKitError('HOST_PORT_IN_USE', { port: options.port ?? 0, address }) : e);
    });
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const hostPart = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  allowedHosts = new Set([`${hostPart}:${bound.port}`.toLowerCase(), `localhost:${bound.port}`]);
  // Errors after the start (a socket that could not be accepted) are logged; they never end the process.
  server.on('error', (e) => services.logs.events.write('warn', 'headless host socket error', { detail: clip((e as NodeJS.ErrnoException).code ?? e.message) }));
  return {
    url: `http://${hostPart}:${bound.port}${SECRET_PREFIX}${token}/`,
    address: bound.address,
    port: bound.port,
    token,
    close: async () => {
      unsubscribe();
      // Calls still running for the clients are cancelled and given a moment to stop cleanly.
      for (const owner of owners.values()) jobs.cancelOwnedBy(owner);
      await jobs.idle(5_000);
      for (const c of clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
