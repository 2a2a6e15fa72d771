import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INVENTORY_SCHEMA_VERSION, type Inventory, type Server } from '../../shared/model/inventory';

/**
 * A complete, rule-clean inventory: every BMC on loopback (the only thing
 * FieldKit may contact), so the reset-path segment is loopback's too (every
 * BMC must sit in it; its addresses are never contacted), and the OS
 * interfaces on a documentation network that is never contacted.
 */
export function sampleInventory(): Inventory {
  const server = (name: string, n: number): Server => ({
    name,
    bmc: { primary: { host: '127.0.0.1', port: 16230 + n * 2 }, secondary: { host: '127.0.0.1', port: 16231 + n * 2 } },
    account: 'admin',
    ipmi: { cipherSuite: 3, privilege: 'ADMINISTRATOR', kgStored: false },
    notes: `rack ${n}`,
    slots: [
      { number: 1, kind: 'HBA', fenced: true },
      { number: 2, kind: 'NIC_FLOATING', fenced: true },
      { number: 3, kind: 'NIC_INTERCONNECT', fenced: false, priority: 1 },
      { number: 4, kind: 'NIC_INTERCONNECT', fenced: true, priority: 2 },
    ],
    trapReceivers: ['127.0.0.1'],
    interfaces: [{ name: 'eth0', cidr: `198.51.100.${10 + n}/24` }],
    resetPathAddress: `127.0.2.${10 + n}`,
  });
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    clusters: [
      {
        name: 'hacluster1',
        kind: 'physical',
        resetPath: { prefixLength: 8, port: 5001 },
        trapSettings: { monitors: [{ keyword: '127.0.0.1', category: 'BMCNOTICE' }] },
        servers: [server('node1', 1), server('node2', 2)],
      },
    ],
  };
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export function tempDir(prefix = 'fk-inv-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every regular file under dir, recursively (for the secret scans). */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

export const repoRoot = path.resolve(__dirname, '..', '..');
