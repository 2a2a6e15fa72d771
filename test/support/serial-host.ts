/**
 * The host's serial port for Serial over LAN tests: a TCP server on
 * 127.0.0.1 that ipmi_sim connects to (`sol "tcp:127.0.0.1:<port>" 115200`).
 * What it writes is what the server "prints" on its console; what it
 * receives is what the SOL client typed.
 *
 *   const host = await startSerialHost();   // before startIpmiSim({ solPort: host.port })
 *   await host.connected(5000);             // the simulator has connected
 *   await host.write('login: ');            // resolves once the socket took it
 *   host.received()                         // Buffer of every byte received so far
 *   await host.waitForReceived((b) => b.includes('root'), 5000)
 *   await host.close()
 *
 * ipmi_sim reads the connection only while a SOL console is active and
 * throws away what arrives otherwise, so write after activation.
 */
import net from 'node:net';
import { findFreeTcpPort, releasePort } from './ipmi-sim';

export interface SerialHost {
  readonly port: number;
  connected(timeoutMs?: number): Promise<void>;
  write(data: string | Buffer): Promise<void>;
  received(): Buffer;
  waitForReceived(pred: (b: Buffer) => boolean, timeoutMs?: number): Promise<Buffer>;
  /** How many times the simulator connected. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startSerialHost(): Promise<SerialHost> {
  const port = await findFreeTcpPort();
  let sock: net.Socket | undefined;
  let connections = 0;
  const chunks: Buffer[] = [];
  const waiters = new Set<() => void>();
  const poke = () => { for (const w of [...waiters]) w(); };
  const server = net.createServer((s) => {
    connections++;
    sock?.destroy();
    sock = s;
    s.setNoDelay(true);
    s.on('data', (d) => { chunks.push(Buffer.from(d)); poke(); });
    s.on('error', () => { /* the simulator went away */ });
    s.on('close', () => { if (sock === s) sock = undefined; });
    poke();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const until = <T>(check: () => T | undefined, timeoutMs: number, what: string) => new Promise<T>((resolve, reject) => {
    const first = check();
    if (first !== undefined) return resolve(first);
    const t = setTimeout(() => { waiters.delete(w); reject(new Error(`serial host: ${what} within ${timeoutMs} ms`)); }, timeoutMs);
    const w = () => {
      const v = check();
      if (v === undefined) return;
      clearTimeout(t);
      waiters.delete(w);
      resolve(v);
    };
    waiters.add(w);
  });
  const received = () => Buffer.concat(chunks);
  return {
    port,
    get connections() { return connections; },
    connected: (timeoutMs = 5000) => until(() => (sock ? true : undefined), timeoutMs, 'no connection from the simulator').then(() => undefined),
    write: (data) => new Promise<void>((resolve, reject) => {
      if (!sock) return reject(new Error('serial host: nothing connected'));
      sock.write(data, (e) => (e ? reject(e) : resolve()));
    }),
    received,
    waitForReceived: (pred, timeoutMs = 5000) => until(() => { const b = received(); return pred(b) ? b : undefined; }, timeoutMs, 'expected bytes not received'),
    async close() {
      sock?.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      releasePort(port);
    },
  };
}
