import type { Envelope, FieldKitBridge } from '../../../shared/contract';
import { HOST_MAX_MESSAGE_BYTES } from '../../../shared/limits';

/**
 * The API address next to the page: the host serves the UI under its secret
 * path (/s/<token>/), so the WebSocket at ./api carries the token in its
 * path. No cookie: a cookie would go to every other port of 127.0.0.1 too.
 */
export function hostApiUrl(page: string = (globalThis as { location?: { href: string } }).location?.href ?? 'http://127.0.0.1/'): string {
  const u = new URL('api', page);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.hash = '';
  u.search = '';
  return u.toString();
}

const encoder = new TextEncoder();

/** window.fieldkit over the headless host's WebSocket. */
export function createWebSocketBridge(url = hostApiUrl()): FieldKitBridge {
  let nextId = 1;
  const pending = new Map<number, (e: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let socket: WebSocket | undefined;
  let opening: Promise<WebSocket> | undefined;

  const failAll = (code?: number) => {
    for (const [, resolve] of pending) {
      // 1009: the host closed the socket for a message over its limit.
      resolve(
        code === 1009
          ? { ok: false, error: { id: 'HOST_MESSAGE_TOO_LARGE', params: { size: '?', max: HOST_MAX_MESSAGE_BYTES }, message: 'the request was too large for the FieldKit host' } }
          : { ok: false, error: { id: 'HOST_UNAUTHORIZED', params: {}, message: 'connection to the FieldKit host lost' } },
      );
    }
    pending.clear();
  };

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = undefined;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = undefined;
        reject(new Error('websocket'));
      };
      ws.onclose = (ev) => {
        socket = undefined;
        failAll(ev.code);
      };
      ws.onmessage = (m) => {
        let msg: { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown };
        try {
          msg = JSON.parse(String(m.data));
        } catch {
          return;
        }
        if (typeof msg.id === 'number' && msg.envelope) {
          pending.get(msg.id)?.(msg.envelope);
          pending.delete(msg.id);
        } else if (typeof msg.event === 'string') {
          listeners.get(msg.event)?.forEach((l) => l(msg.payload));
        }
      };
    });
    return opening;
  };

  return {
    transport: 'websocket',
    async invoke(channel, request, options) {
      let ws: WebSocket;
      try {
        ws = await open();
      } catch {
        return { ok: false, error: { id: 'HOST_UNAUTHORIZED', params: {}, message: 'cannot reach the FieldKit host' } };
      }
      const id = nextId++;
      const text = JSON.stringify({ id, channel, payload: request, ...(options?.jobId !== undefined ? { jobId: options.jobId } : {}) });
      // Refused here, with a catalogued error, rather than have the host close the socket.
      const size = text.length > HOST_MAX_MESSAGE_BYTES / 3 ? encoder.encode(text).length : text.length;
      if (size > HOST_MAX_MESSAGE_BYTES) {
        return { ok: false, error: { id: 'HOST_MESSAGE_TOO_LARGE', params: { size, max: HOST_MAX_MESSAGE_BYTES }, message: `request of ${size} bytes is over the host's limit of ${HOST_MAX_MESSAGE_BYTES}` } };
      }
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(text);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      void open().catch(() => undefined);
      return () => set?.delete(listener);
    },
  };
}
