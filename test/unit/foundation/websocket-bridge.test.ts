import { afterEach, describe, expect, it } from 'vitest';
import { HOST_MAX_MESSAGE_BYTES } from '../../../shared/limits';
import { createWebSocketBridge, hostApiUrl } from '../../../src-renderer/src/api/websocket-bridge';

/*
 * The renderer's side of issue 13's host fixes: the API address is next to
 * the page under its secret path (no cookie), and a request over the host's
 * message limit gets the catalogued HOST_MESSAGE_TOO_LARGE instead of a
 * dropped connection. A stand-in WebSocket (Node 20 has none) records what is sent.
 */
class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket | undefined;
  readyState = 0;
  sent: string[] = [];
  onopen?: () => void;
  onclose?: (ev: { code: number }) => void;
  onerror?: () => void;
  onmessage?: (m: { data: string }) => void;
  constructor(readonly url: string) {
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.();
    });
  }
  send(text: string) {
    this.sent.push(text);
  }
}
const g = globalThis as unknown as { WebSocket?: unknown };
const saved = g.WebSocket;
afterEach(() => {
  g.WebSocket = saved;
});

describe('websocket bridge', () => {
  it('opens the API under the page\'s secret path, without query or fragment', () => {
    expect(hostApiUrl('http://127.0.0.1:4000/s/tok_EN-1/#/recovery?server=node3')).toBe('ws://127.0.0.1:4000/s/tok_EN-1/api');
    expect(hostApiUrl('https://[::1]:4000/s/abc/index.html?x=1')).toBe('wss://[::1]:4000/s/abc/api');
  });

  it('refuses an over-limit request with HOST_MESSAGE_TOO_LARGE and sends nothing', async () => {
    g.WebSocket = FakeSocket;
    const bridge = createWebSocketBridge('ws://127.0.0.1:1/s/t/api');
    const big = await bridge.invoke('inventory.importPreview', { text: 'é'.repeat(HOST_MAX_MESSAGE_BYTES / 2 + 10), format: 'json' });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.error.id).toBe('HOST_MESSAGE_TOO_LARGE');
    expect(FakeSocket.last?.sent).toEqual([]);
    // A message the host closed the socket for (1009) fails its call with the same id.
    const pending = bridge.invoke('app.info', {});
    await new Promise((r) => setTimeout(r, 0));
    expect(FakeSocket.last?.sent.length).toBe(1);
    FakeSocket.last?.onclose?.({ code: 1009 });
    const r = await pending;
    expect(!r.ok && r.error.id).toBe('HOST_MESSAGE_TOO_LARGE');
  });
});
