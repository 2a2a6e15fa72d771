import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FieldKitError } from '../../../shared/errors';
import type { VendorClearFaults } from './port';

/**
 * Vendor clear-faults commands from recovery profiles: <home>/recovery-profiles
 * (the user's) and resources/recovery-profiles (built in). Kept apart from the
 * trap profiles (resources/vendor-profiles), whose schema is strict. A
 * profile is a JSON file:
 *
 *   { "name": "...", "manufacturerId": 119, "productId": 4660 (optional),
 *     "recovery": { "clearFaults": { "netFn": 46, "cmd": 1, "data": [...],
 *                                    "source": "where this is documented" } } }
 *
 * FieldKit ships none: no vendor's OEM clear-faults command could be sourced.
 * A command without a source is refused, so nobody runs a guessed OEM byte
 * string against a production BMC.
 */
export interface VendorProfileRecovery {
  file: string;
  name: string;
  manufacturerId: number;
  productId?: number;
  clearFaults?: VendorClearFaults;
}

const byte = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255;

export function parseVendorProfile(text: string, file: string): VendorProfileRecovery {
  const bad = (detail: string) => new FieldKitError('RECOVERY_PROFILE_INVALID', { file, detail });
  let v: any;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw bad((e as Error).message);
  }
  if (!v || typeof v !== 'object') throw bad('not an object');
  if (typeof v.name !== 'string' || !v.name) throw bad('"name" is missing');
  if (!Number.isInteger(v.manufacturerId) || v.manufacturerId < 0 || v.manufacturerId > 0xfffff) throw bad('"manufacturerId" must be an IANA number');
  if (v.productId !== undefined && (!Number.isInteger(v.productId) || v.productId < 0 || v.productId > 0xffff)) throw bad('"productId" must be 0..65535');
  const out: VendorProfileRecovery = { file, name: v.name, manufacturerId: v.manufacturerId, productId: v.productId };
  const cf = v.recovery?.clearFaults;
  if (cf !== undefined) {
    if (!byte(cf.netFn) || cf.netFn > 0x3f) throw bad('"recovery.clearFaults.netFn" must be 0..63');
    if (!byte(cf.cmd)) throw bad('"recovery.clearFaults.cmd" must be 0..255');
    if (!Array.isArray(cf.data) || !cf.data.every(byte) || cf.data.length > 32) throw bad('"recovery.clearFaults.data" must be up to 32 bytes');
    if (typeof cf.source !== 'string' || cf.source.trim().length < 8) throw bad('"recovery.clearFaults.source" must say where the command is documented');
    out.clearFaults = { profile: v.name, netFn: cf.netFn, cmd: cf.cmd, data: [...cf.data], source: cf.source };
  }
  return out;
}

export async function loadVendorProfiles(dirs: string[]): Promise<VendorProfileRecovery[]> {
  const out: VendorProfileRecovery[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      const file = path.join(dir, n);
      out.push(parseVendorProfile(await fs.readFile(file, 'utf8'), file));
    }
  }
  return out;
}

/** The most specific profile for a BMC: manufacturer and product, else manufacturer only. */
export function clearFaultsFor(profiles: VendorProfileRecovery[], manufacturerId: number, productId: number): VendorClearFaults | undefined {
  const exact = profiles.find((p) => p.clearFaults && p.manufacturerId === manufacturerId && p.productId === productId);
  const vendor = profiles.find((p) => p.clearFaults && p.manufacturerId === manufacturerId && p.productId === undefined);
  return (exact ?? vendor)?.clearFaults;
}
