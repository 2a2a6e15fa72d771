/**
 * CLUSTERPRO external monitor keywords (Hardware Feature Guide):
 * - category BMCNOTICE: `<IP>;<IP>;...;<IP>[:<port>]`, at most 32 addresses
 *   and 1023 bytes; only the last address may carry the port, which defaults
 *   to 162. The addresses are the servers' OS-side addresses that receive the
 *   BMC's SNMP traps (the BMC's trap destinations), not the BMC addresses.
 * - Express5800/A1080a, A1040a: a keyword per server, one `<IP>[:<port>]`.
 * - server management integration (NIC, FC, HA/SS, HA/AM, HA/RS, SPS): the
 *   keyword names a device (e.g. `eth1`) or is empty (any device of the
 *   category).
 */
import { DEFAULT_TRAP_PORT } from '../model/inventory';
import { isPortNumber } from './fields';
import { canonicalIp, isIp, parseIPv4, utf8Length } from './net';
import { issue, type ValidationIssue } from './types';

export const KEYWORD_MAX_ADDRESSES = 32;
export const KEYWORD_MAX_BYTES = 1023;
export const CATEGORY_MAX_BYTES = 32;
export const BMC_NOTICE_CATEGORY = 'BMCNOTICE';
/** BMCNOTICE plus the server management categories the cluster software defines. */
/** Categories of server management integration: keyword = a device or empty. */
export const DEVICE_CATEGORIES = ['NIC', 'FC', 'HA/SS', 'HA/AM', 'HA/RS', 'SPS'];
export const KNOWN_CATEGORIES = [BMC_NOTICE_CATEGORY, ...DEVICE_CATEGORIES];

export interface ParsedKeyword {
  addresses: string[];
  port: number;
  portGiven: boolean;
}

export function parseTrapKeyword(keyword: string, path = 'keyword'): { value?: ParsedKeyword; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  if (keyword.trim() === '') return { issues: [issue('INVENTORY_TRAP_KEYWORD_EMPTY', path)] };
  const bytes = utf8Length(keyword);
  if (bytes > KEYWORD_MAX_BYTES) issues.push(issue('INVENTORY_TRAP_KEYWORD_TOO_LONG', path, { bytes, max: KEYWORD_MAX_BYTES }));
  const items = keyword.split(';');
  let port = DEFAULT_TRAP_PORT;
  let portGiven = false;
  const last = items.length - 1;
  const addresses: string[] = [];
  items.forEach((raw, i) => {
    let item = raw;
    if (i === last) {
      // "a.b.c.d:port" or "[v6]:port"; a bare IPv6 literal has colons but no port.
      const v4 = /^([0-9.]+):(\d*)$/.exec(item);
      const v6 = /^\[([^\]]+)\](?::(\d*))?$/.exec(item);
      let portText: string | undefined;
      if (v4 && parseIPv4(v4[1])) { item = v4[1]; portText = v4[2]; }
      else if (v6) { item = v6[1]; portText = v6[2]; }
      if (portText !== undefined) {
        const p = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
        if (!isPortNumber(p)) issues.push(issue('INVENTORY_TRAP_KEYWORD_PORT_INVALID', path, { value: portText }));
        else { port = p; portGiven = true; }
      }
    }
    if (!isIp(item)) issues.push(issue('INVENTORY_TRAP_KEYWORD_ADDRESS_INVALID', path, { value: raw }));
    else addresses.push(canonicalIp(item)!);
  });
  if (items.length > KEYWORD_MAX_ADDRESSES) issues.push(issue('INVENTORY_TRAP_KEYWORD_TOO_MANY', path, { count: items.length, max: KEYWORD_MAX_ADDRESSES }));
  return issues.length ? { issues } : { value: { addresses, port, portGiven }, issues };
}

export function formatTrapKeyword(addresses: string[], port = DEFAULT_TRAP_PORT): string {
  if (addresses.length === 0) return '';
  const body = addresses.map((a, i) => (i === addresses.length - 1 && port !== DEFAULT_TRAP_PORT && a.includes(':') ? `[${a}]` : a)).join(';');
  return port === DEFAULT_TRAP_PORT ? body : `${body}:${port}`;
}

export function checkCategory(category: string, path = 'category'): ValidationIssue[] {
  if (category.trim() === '') return [issue('INVENTORY_TRAP_CATEGORY_EMPTY', path)];
  const bytes = utf8Length(category);
  if (bytes > CATEGORY_MAX_BYTES) return [issue('INVENTORY_TRAP_CATEGORY_TOO_LONG', path, { value: category, bytes, max: CATEGORY_MAX_BYTES })];
  if (!KNOWN_CATEGORIES.includes(category)) return [issue('INVENTORY_TRAP_CATEGORY_UNKNOWN', path, { value: category, known: KNOWN_CATEGORIES.join(', ') }, 'warning')];
  return [];
}

/** A per-server BMCNOTICE keyword (Express5800/A1080a, A1040a): exactly one `<IP>[:<port>]`. */
export function parseServerKeyword(keyword: string, path = 'keyword'): { value?: ParsedKeyword; issues: ValidationIssue[] } {
  const r = parseTrapKeyword(keyword, path);
  if (r.issues.length) return r;
  if (r.value!.addresses.length !== 1) return { issues: [issue('INVENTORY_TRAP_SERVER_KEYWORD_ONE_ADDRESS', path, { value: keyword })] };
  return r;
}

/**
 * The keyword of a server management category: a device name such as `eth1`,
 * or empty for any device of the category. At most 1023 bytes, no spaces,
 * no control characters.
 */
export function checkDeviceKeyword(keyword: string, path = 'keyword'): ValidationIssue[] {
  if (keyword === '') return [];
  const bytes = utf8Length(keyword);
  if (bytes > KEYWORD_MAX_BYTES) return [issue('INVENTORY_TRAP_KEYWORD_TOO_LONG', path, { bytes, max: KEYWORD_MAX_BYTES })];
  if (/[\s\u0000-\u001f\u007f]/.test(keyword)) return [issue('INVENTORY_TRAP_DEVICE_KEYWORD_INVALID', path, { value: keyword })];
  return [];
}
