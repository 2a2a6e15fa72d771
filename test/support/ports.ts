import dgram from 'node:dgram';

/** A UDP port on 127.0.0.1 that was free a moment ago (bound by the system, then released), for a listener a test starts. */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const p = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}
