import { execFile, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { spacedHex } from './pet-corpus';

export const hasSnmptrap = spawnSync('sh', ['-c', 'command -v snmptrap'], { encoding: 'utf8' }).status === 0;
export const hasSnmptrapd = spawnSync('sh', ['-c', 'command -v snmptrapd'], { encoding: 'utf8' }).status === 0;

export const PET_ENTERPRISE = '1.3.6.1.4.1.3183.1.1';
export const PET_VARBIND = '1.3.6.1.4.1.3183.1.1.1';

/** Runs Net-SNMP's snmptrap (or snmpinform) with no MIBs loaded; resolves with its exit code and stderr. */
export function snmptrap(args: string[], tool: 'snmptrap' | 'snmpinform' = 'snmptrap', timeoutMs = 10_000): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tool, ['-m', '', '-M', '/dev/null', '-r', '0', '-t', '2', ...args], { timeout: timeoutMs }, (err, _out, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr: String(stderr) });
    });
  });
}

/** snmptrap arguments for a PET in v1 form. */
export function petV1Args(target: string, community: string, specific: number, hex: string): string[] {
  return ['-v', '1', '-c', community, target, PET_ENTERPRISE, '192.0.2.10', '6', String(specific), '', PET_VARBIND, 'x', spacedHex(hex)];
}

/** snmptrap arguments for a PET in v2 form (snmpTrapOID = enterprise.0.specific). */
export function petV2Args(target: string, community: string, specific: number, hex: string): string[] {
  return ['-v', '2c', '-c', community, target, '', `${PET_ENTERPRISE}.0.${specific}`, PET_VARBIND, 'x', spacedHex(hex)];
}

export interface V3Creds { user: string; auth: string; authPass: string; priv: string; privPass: string; engineId?: string }

export function petV3Args(target: string, c: V3Creds, specific: number, hex: string): string[] {
  return ['-v', '3', '-u', c.user, '-l', 'authPriv', '-a', c.auth, '-A', c.authPass, '-x', c.priv, '-X', c.privPass, '-e', c.engineId ?? '0x80001f8804666b74657374', target, '', `${PET_ENTERPRISE}.0.${specific}`, PET_VARBIND, 'x', spacedHex(hex)];
}

/** Captures the datagram snmptrap sends, by pointing it at a socket of ours: real bytes for replay tests. */
export async function captureTrap(buildArgs: (target: string) => string[]): Promise<Buffer> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const port = sock.address().port;
  try {
    const got = new Promise<Buffer>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('snmptrap sent nothing')), 5000);
      sock.once('message', (m) => {
        clearTimeout(t);
        resolve(m);
      });
    });
    const r = await snmptrap(buildArgs(`127.0.0.1:${port}`));
    if (r.code !== 0) throw new Error(`snmptrap failed: ${r.stderr}`);
    return await got;
  } finally {
    sock.close();
  }
}

/** Sends datagrams from one socket, `perTick` at a time so the sender does not overrun its own buffer. */
export async function sendDatagrams(port: number, datagrams: Buffer[], address = '127.0.0.1'): Promise<void> {
  const sock = dgram.createSocket(address.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((r) => sock.bind(0, () => r()));
  try {
    for (const d of datagrams) {
      await new Promise<void>((resolve) => sock.send(d, port, address, () => resolve()));
    }
  } finally {
    sock.close();
  }
}

export async function waitFor(cond: () => boolean, timeoutMs = 10_000, stepMs = 20): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return cond();
}
