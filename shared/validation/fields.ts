/**
 * Field rules: each checks one value and returns catalogued issues. Forms
 * call them as the user types; the CLI parses its key=value arguments with
 * them; validateInventory applies them to the whole document.
 */
import type { BmcAddress, ResetPath } from '../model/inventory';
import { isIp, maskToPrefix, parseIp, splitHostPort, utf8Length } from './net';
import { issue, type ValidationIssue } from './types';

export const SERVER_NAME_RE = /^[A-Za-z0-9]{1,31}$/;
export const CLUSTER_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$/;
export const RESET_PORT_MIN = 5001;
export const RESET_PORT_MAX = 65535;
export const ACCOUNT_MAX_BYTES = 16;
export const NOTES_MAX_BYTES = 4096;
export const SUPPORTED_CIPHER_SUITES = [3, 17];
/** Suites FieldKit speaks but only with a recorded acknowledgement: no encryption (2), no integrity either (1), no authentication (0). */
export const WEAK_CIPHER_SUITES = [0, 1, 2];

export function checkServerName(name: string, path = 'name'): ValidationIssue[] {
  return SERVER_NAME_RE.test(name) ? [] : [issue('INVENTORY_SERVER_NAME_INVALID', path, { value: name })];
}

export function checkClusterName(name: string, path = 'name'): ValidationIssue[] {
  return CLUSTER_NAME_RE.test(name) ? [] : [issue('INVENTORY_CLUSTER_NAME_INVALID', path, { value: name })];
}

export function isPortNumber(n: unknown, min = 1, max = 65535): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

function parsePortText(s: string): number | null {
  return /^\d{1,5}$/.test(s) ? Number(s) : null;
}

export function checkBmcAddress(addr: BmcAddress, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (!isIp(addr.host)) out.push(issue('INVENTORY_BMC_ADDRESS_INVALID', path, { value: addr.host }));
  if (addr.port !== undefined && !isPortNumber(addr.port)) out.push(issue('INVENTORY_BMC_PORT_INVALID', `${path}.port`, { value: String(addr.port) }));
  return out;
}

/** Parses `ip`, `ip:port`, `[v6]:port` or a bare IPv6 literal as typed in a form or on the command line. */
export function parseBmcAddress(text: string, path = 'addr'): { value?: BmcAddress; issues: ValidationIssue[] } {
  const hp = splitHostPort(text);
  if (!hp || hp.host === '') return { issues: [issue('INVENTORY_BMC_ADDRESS_INVALID', path, { value: text })] };
  let port: number | undefined;
  if (hp.port !== undefined) {
    const p = parsePortText(hp.port);
    if (p === null || !isPortNumber(p)) return { issues: [issue('INVENTORY_BMC_PORT_INVALID', path, { value: hp.port })] };
    port = p;
  }
  const value: BmcAddress = port === undefined ? { host: hp.host } : { host: hp.host, port };
  const issues = checkBmcAddress(value, path);
  return issues.length ? { issues } : { value, issues };
}

export function checkAccount(account: string, path = 'account'): ValidationIssue[] {
  // Empty means "no account yet"; an IPMI user name is at most 16 bytes, printable.
  if (account === '') return [];
  const bad = utf8Length(account) > ACCOUNT_MAX_BYTES || /[\u0000-\u001f\u007f]/.test(account) || account.trim() !== account;
  return bad ? [issue('INVENTORY_ACCOUNT_INVALID', path, { value: account })] : [];
}

export function checkCipherSuite(n: number, path = 'ipmi.cipherSuite'): ValidationIssue[] {
  if (!Number.isInteger(n) || n < 0 || n > 19) return [issue('INVENTORY_CIPHER_SUITE_INVALID', path, { value: String(n) })];
  if (!SUPPORTED_CIPHER_SUITES.includes(n) && !WEAK_CIPHER_SUITES.includes(n)) return [issue('INVENTORY_CIPHER_SUITE_UNSUPPORTED', path, { value: n }, 'warning')];
  return [];
}

/**
 * Suites 0, 1 and 2 need the acknowledgement recorded on the server
 * (`ipmi.weakCipherAccepted`), as -C 0|1|2 needs --accept-weak-cipher:
 * without it an error, with it a warning that stays visible.
 */
export function checkWeakCipher(ipmi: { cipherSuite: number; weakCipherAccepted?: boolean }, server: string, path = 'ipmi.cipherSuite'): ValidationIssue[] {
  if (!WEAK_CIPHER_SUITES.includes(ipmi.cipherSuite)) return [];
  return ipmi.weakCipherAccepted === true
    ? [issue('INVENTORY_WEAK_CIPHER_ACCEPTED', path, { server, value: ipmi.cipherSuite }, 'warning')]
    : [issue('INVENTORY_WEAK_CIPHER_NOT_ACCEPTED', path, { server, value: ipmi.cipherSuite })];
}

export function checkResetPort(port: number, path = 'resetPath.port'): ValidationIssue[] {
  return isPortNumber(port, RESET_PORT_MIN, RESET_PORT_MAX) ? [] : [issue('INVENTORY_RESETPATH_PORT_RANGE', path, { value: String(port) })];
}

/** Parses the port=<5001-65535> of `resetpath`. */
export function parseResetPort(text: string, path = 'resetPath.port'): { value?: number; issues: ValidationIssue[] } {
  const n = /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!isPortNumber(n, RESET_PORT_MIN, RESET_PORT_MAX)) return { issues: [issue('INVENTORY_RESETPATH_PORT_RANGE', path, { value: text })] };
  return { value: n, issues: [] };
}

/** Parses `<ip>/<dotted mask>` or `<ip>/<prefix>` (the addr= of `resetpath`): the server's address and the segment's prefix. */
export function parseResetAddr(text: string, path = 'resetPath.address'): { value?: { address: string; prefixLength: number }; issues: ValidationIssue[] } {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return { issues: [issue('INVENTORY_RESETPATH_ADDR_INVALID', path, { value: text })] };
  const address = t.slice(0, slash);
  const mask = t.slice(slash + 1);
  const ip = parseIp(address);
  if (!ip) return { issues: [issue('INVENTORY_RESETPATH_ADDR_INVALID', path, { value: text })] };
  let prefix: number | null = null;
  if (/^\d{1,3}$/.test(mask)) prefix = Number(mask);
  else if (ip.family === 4) prefix = maskToPrefix(mask);
  const max = ip.family === 4 ? 32 : 128;
  if (prefix === null || prefix < 1 || prefix > max) return { issues: [issue('INVENTORY_RESETPATH_MASK_INVALID', path, { value: mask })] };
  return { value: { address, prefixLength: prefix }, issues: [] };
}

/**
 * The mask of a cluster's reset path on its own (the window's cluster form):
 * `255.255.255.0`, `/24` or `24`. The address family is the servers'
 * addresses', so the upper limit is checked with them (checkResetPath).
 */
export function parseResetMask(text: string, path = 'resetPath.prefixLength'): { value?: number; issues: ValidationIssue[] } {
  const t = text.trim().replace(/^\//, '');
  const prefix = /^\d{1,3}$/.test(t) ? Number(t) : maskToPrefix(t);
  if (prefix === null || prefix < 1 || prefix > 128) return { issues: [issue('INVENTORY_RESETPATH_MASK_INVALID', path, { value: text })] };
  return { value: prefix, issues: [] };
}

/**
 * The cluster's reset path: prefix length and port. `family` is the address
 * family of the servers' reset-path addresses when known (a /64 is fine for
 * IPv6, not for IPv4); unknown, the IPv6 limit applies.
 */
export function checkResetPath(rp: ResetPath, path = 'resetPath', family?: 4 | 6): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const max = family === 4 ? 32 : 128;
  if (!Number.isInteger(rp.prefixLength) || rp.prefixLength < 1 || rp.prefixLength > max) {
    out.push(issue('INVENTORY_RESETPATH_MASK_INVALID', `${path}.prefixLength`, { value: String(rp.prefixLength) }));
  }
  if (rp.unassignedAddress !== undefined && !parseIp(rp.unassignedAddress)) {
    out.push(issue('INVENTORY_RESETPATH_ADDR_INVALID', `${path}.unassignedAddress`, { value: rp.unassignedAddress }));
  }
  out.push(...checkResetPort(rp.port, `${path}.port`));
  return out;
}

/** A server's own reset-path address: an IP literal (its prefix is the cluster's). */
export function checkResetPathAddress(address: string, path = 'resetPathAddress'): ValidationIssue[] {
  return parseIp(address) ? [] : [issue('INVENTORY_RESETPATH_ADDR_INVALID', path, { value: address })];
}

export function checkSlotNumber(n: number, path: string): ValidationIssue[] {
  return Number.isInteger(n) && n >= 0 && n <= 255 ? [] : [issue('INVENTORY_SLOT_NUMBER_INVALID', path, { value: String(n) })];
}

export function checkIpList(values: string[], path: string, id: 'INVENTORY_TRAP_RECEIVER_INVALID'): ValidationIssue[] {
  return values.flatMap((v, i) => (isIp(v) ? [] : [issue(id, `${path}[${i}]`, { value: v })]));
}

/** `<ip>/<prefix>` of an OS interface. */
export function parseCidr(text: string): { ip: NonNullable<ReturnType<typeof parseIp>>; prefix: number } | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const ip = parseIp(m[1]);
  if (!ip) return null;
  const prefix = Number(m[2]);
  if (prefix < 0 || prefix > (ip.family === 4 ? 32 : 128)) return null;
  return { ip, prefix };
}
