import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHeadlessHost, type StartedHost } from '../../support/headless-host';

/*
 * Issue 13: a fuzz test of the headless host. 10,000 malformed inputs —
 * request lines, headers, cookies, URLs, and WebSocket frames (truncated,
 * oversized, reserved opcodes, missing or bad masks, invalid UTF-8) after a
 * valid upgrade — against a running `fieldkit serve`, from a seeded generator
 * so a failure repeats. Afterwards the host answers the token URL with 200,
 * refuses without the token, and its memory is back near where it started.
 */
const TOTAL = Number(process.env.FK_FUZZ_TOTAL ?? 10_000);
const PARALLEL = 64;

/** mulberry32: small, seeded, good enough to pick fuzz cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

describe.skipIf(process.platform !== 'linux')('headless host fuzz', () => {
  let host: StartedHost;
  let port: number;
  let rendererDir: string;
  let inspectPort: number;

  /** Heap in use in the host after a full garbage collection, through the inspector protocol. */
  async function heapUsed(): Promise<number> {
    const list = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
    const ws = new WebSocket(list[0].webSocketDebuggerUrl);
    await new Promise<void>((res, rej) => {
      ws.once('open', () => res());
      ws.once('error', rej);
    });
    let id = 0;
    const rpc = (method: string, params: unknown = {}) =>
      new Promise<{ result?: { result?: { value?: unknown } } }>((res) => {
        const my = ++id;
        const on = (d: WebSocket.RawData) => {
          const m = JSON.parse(d.toString()) as { id?: number };
          if (m.id === my) {
            ws.off('message', on);
            res(m as { result?: { result?: { value?: unknown } } });
          }
        };
        ws.on('message', on);
        ws.send(JSON.stringify({ id: my, method, params }));
      });
    await rpc('HeapProfiler.enable');
    await rpc('HeapProfiler.collectGarbage');
    await rpc('HeapProfiler.collectGarbage');
    const r = await rpc('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
    ws.close();
    return Number(r.result?.result?.value);
  }

  beforeAll(async () => {
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-fuzz-ui-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>FieldKit fuzz</title>');
    // The inspector (test only, on loopback) lets the test collect garbage and read the heap of the host.
    inspectPort = await new Promise<number>((res) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => res(p));
      });
    });
    host = await startHeadlessHost({ env: { FIELDKIT_RENDERER_DIR: rendererDir, NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } });
    port = Number(new URL(host.url).port);
  });
  afterAll(async () => {
    await host?.stop();
    if (host) fs.rmSync(host.home, { recursive: true, force: true });
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it(`survives ${TOTAL} malformed requests and frames`, async () => {
    const r = rng(13);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
    const hostHeader = `Host: 127.0.0.1:${port}\r\n`;
    const upgradeHead = (target: string, extra = '') =>
      `GET ${target} HTTP/1.1\r\n${hostHeader}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;
    const targets = ['//[', '/%', '/%E0%A4%A', `/s/${host.token}/%ZZ`, `/s/${host.token}/..%2f..%2fetc%2fpasswd`, '/s/', '/s//', `/s/${host.token}`, '/?token=%', '/?token=', 'http://[::1', '*', '/' + 'a'.repeat(9000), '/\u0000', `/s/${host.token}/\u00ff`, '/api?token=%E0'];
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE', 'G\u0000T', 'GET GET', ''];

    /** One malformed HTTP request, as bytes. */
    const httpCase = (): Buffer => {
      switch (Math.floor(r() * 6)) {
        case 0: return Buffer.from(`${pick(methods)} ${pick(targets)} HTTP/1.1\r\n${hostHeader}\r\n`, 'latin1');
        case 1: return Buffer.from(`GET / HTTP/1.1\r\n${hostHeader}Cookie: fieldkit_token=${pick(['%E0%A4%A', '%', '%%%', '\u00ff', 'a=b=c;;;', '%00'])}\r\n\r\n`, 'latin1');
        case 2: return Buffer.concat([Buffer.from('GET / HTTP/1.1\r\n'), bytes(1 + Math.floor(r() * 200)), Buffer.from('\r\n\r\n')]);
        case 3: return Buffer.from(`GET /s/${host.token}/ HTTP/1.1\r\nHost: ${pick(['evil.example', '127.0.0.1:1', '', '[::1', '\u00ff'])}\r\nOrigin: ${pick(['null', 'http://127.0.0.1:1', '%', 'http://['])}\r\n\r\n`, 'latin1');
        case 4: return Buffer.from(`GET / HTTP/1.1\r\n${hostHeader}X-Big: ${'x'.repeat(20_000)}\r\n\r\n`);
        default: return Buffer.from(upgradeHead(pick(targets), pick(['', 'Cookie: fieldkit_token=%E0%A4%A\r\n', 'Sec-WebSocket-Version: 99\r\n', 'Origin: http://evil\r\n'])), 'latin1');
      }
    };

    /** One malformed WebSocket frame, sent after a valid upgrade. */
    const frameCase = (): Buffer => {
      const mask = bytes(4);
      switch (Math.floor(r() * 7)) {
        case 0: return Buffer.concat([Buffer.from([0x80 | pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), 0x80 | 4]), mask, bytes(4)]); // reserved opcode
        case 1: return Buffer.concat([Buffer.from([0x81, 5]), bytes(5)]); // unmasked client frame
        case 2: return Buffer.concat([Buffer.from([0x81, 0x80 | 4]), mask, Buffer.from([0xc3, 0x28, 0xa0, 0xa1].map((b, i) => b ^ mask[i]))]); // invalid UTF-8
        case 3: return Buffer.concat([Buffer.from([0x82, 0x80 | 127]), Buffer.from([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), mask]); // 2^63 length
        case 4: return Buffer.concat([Buffer.from([0x89, 0x80 | 126, 0x01, 0x00]), mask, bytes(256)]); // control frame > 125
        case 5: return Buffer.concat([Buffer.from([0x81, 0x80 | 100]), mask, bytes(Math.floor(r() * 50))]); // truncated
        default: return Buffer.concat([Buffer.from([0x40 | 0x81, 0x80 | 3]), mask, bytes(3)]); // RSV bits without an extension
      }
    };

    const send = (payload: Buffer, frame?: Buffer): Promise<void> =>
      new Promise((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        let upgraded = false;
        const done = () => {
          clearTimeout(timer);
          s.destroy();
          resolve();
        };
        const timer = setTimeout(done, 400);
        s.on('error', done);
        s.on('close', done);
        s.on('data', (d) => {
          if (frame && !upgraded && d.toString('latin1').startsWith('HTTP/1.1 101')) {
            upgraded = true;
            s.write(frame);
          }
        });
        s.write(payload);
      });

    const validUpgrade = Buffer.from(upgradeHead(`/s/${host.token}/api`));
    let sent = 0;
    const run = async (n: number) => {
      sent = 0;
      const worker = async () => {
        while (sent < n) {
          sent++;
          if (r() < 0.4) await send(validUpgrade, frameCase());
          else await send(httpCase());
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    };
    // Warm up with a first round (code compiled, V8 and socket pools at their working size), then
    // take the starting level: what must not grow is memory that stays with the input.
    await run(1000);
    for (let i = 0; i < 200; i++) await fetch(host.url).then((x) => x.text());
    const start = await heapUsed();
    const startRss = rssKb(host.process.pid!);
    const t0 = Date.now();
    await run(TOTAL);
    const elapsed = Date.now() - t0;
    expect(host.process.exitCode).toBeNull();
    expect(elapsed).toBeLessThan(60_000);

    // Still serving, still guarded.
    expect((await fetch(host.url)).status).toBe(200);
    expect((await fetch(`${host.origin}/`)).status).toBe(401);
    expect((await fetch(`${host.origin}/s/not-the-token/`)).status).toBe(403);

    // Memory back to its starting level once the connections are gone: the live heap after a full GC.
    await new Promise((res) => setTimeout(res, 500));
    const end = await heapUsed();
    console.log(`[fuzz] ${TOTAL} cases in ${elapsed} ms; heap after GC ${Math.round(start / 1024)} kB → ${Math.round(end / 1024)} kB; RSS ${startRss} kB → ${rssKb(host.process.pid!)} kB`);
    expect(end).toBeLessThanOrEqual(start * 1.2);
    expect(end).toBeGreaterThanOrEqual(start * 0.8);
  }, 120_000);
});
