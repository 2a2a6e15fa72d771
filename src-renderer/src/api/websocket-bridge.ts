import type { Envelope, FieldKitBridge } from '../../../shared/contract';

/**
 * window.fieldkit over the headless host's WebSocket. The token travels in
 * the HttpOnly cookie the host set when the token URL was opened.
 */
export function createWebSocketBridge(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`): FieldKitBridge {
  let nextId = 1;
  const pending = new Map<number, (e: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let socket: WebSocket | undefined;
  let opening: Promise<WebSocket> | undefined;

  const failAll = () => {
    for (const [, resolve] of pending) {
      resolve({ ok: false, error: { id: 'HOST_UNAUTHORIZED', params: {}, message: 'connection to the FieldKit host lost' } });
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
      ws.onclose = () => {
        socket = undefined;
        failAll();
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
    async invoke(channel, request) {
      let ws: WebSocket;
      try {
        ws = await open();
      } catch {
        return { ok: false, error: { id: 'HOST_UNAUTHORIZED', params: {}, message: 'cannot reach the FieldKit host' } };
      }
      const id = nextId++;
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, payload: request }));
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
