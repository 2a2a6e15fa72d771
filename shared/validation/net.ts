/**
 * Address parsing for the inventory rules. Pure TS (no node:net) so the
 * renderer validates forms with exactly the code main and the CLI use.
 */

export function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    // No leading zeros: "010" is octal to some tools and decimal to others.
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Returns the 16 bytes of an IPv6 literal (no zone id), or null. */
export function parseIPv6(s: string): number[] | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || s.length > 45) return null;
  const dbl = s.split('::');
  if (dbl.length > 2) return null;
  const toGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const items = part.split(':');
    const groups: number[] = [];
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (i === items.length - 1 && it.includes('.')) {
        const v4 = parseIPv4(it);
        if (!v4) return null;
        groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(it)) return null;
        groups.push(parseInt(it, 16));
      }
    }
    return groups;
  };
  const head = toGroups(dbl[0]);
  const tail = dbl.length === 2 ? toGroups(dbl[1]) : [];
  if (!head || !tail) return null;
  if (dbl.length === 1 && head.length !== 8) return null;
  if (dbl.length === 2 && head.length + tail.length > 7) return null;
  const groups = dbl.length === 2 ? [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail] : head;
  // A v4 tail is only legal in the last position, which toGroups already enforces per part;
  // reject one in the head part of a "::" form (e.g. "1.2.3.4::").
  if (dbl.length === 2 && dbl[0].includes('.')) return null;
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return bytes;
}

export type IpFamily = 4 | 6;

export interface ParsedIp {
  family: IpFamily;
  bytes: number[];
}

export function parseIp(s: string): ParsedIp | null {
  const v4 = parseIPv4(s);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(s);
  if (v6) return { family: 6, bytes: v6 };
  return null;
}

export function isIp(s: string): boolean {
  return parseIp(s) !== null;
}

/** Dotted mask to prefix length; null when the mask is not contiguous ones then zeros. */
export function maskToPrefix(mask: string): number | null {
  const b = parseIPv4(mask);
  if (!b) return null;
  const bits = b.map((x) => x.toString(2).padStart(8, '0')).join('');
  if (!/^1*0*$/.test(bits)) return null;
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
}

export function prefixToMask(prefix: number): string {
  const bits = '1'.repeat(prefix).padEnd(32, '0');
  return [0, 8, 16, 24].map((i) => parseInt(bits.slice(i, i + 8), 2)).join('.');
}

/** Splits "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6 literal. Port stays a string for the caller to range-check. */
export function splitHostPort(s: string): { host: string; port?: string } | null {
  const t = s.trim();
  const br = /^\[([^\]]+)\](?::(.*))?$/.exec(t);
  if (br) return br[2] === undefined ? { host: br[1] } : { host: br[1], port: br[2] };
  const colons = (t.match(/:/g) ?? []).length;
  if (colons === 1) {
    const i = t.indexOf(':');
    return { host: t.slice(0, i), port: t.slice(i + 1) };
  }
  return { host: t };
}

/** True when both CIDR blocks share addresses (same family, overlapping under the shorter prefix). */
export function sameSegment(a: ParsedIp, aPrefix: number, b: ParsedIp, bPrefix: number): boolean {
  if (a.family !== b.family) return false;
  const prefix = Math.min(aPrefix, bPrefix);
  for (let bit = 0; bit < prefix; bit++) {
    const byte = bit >> 3;
    const m = 0x80 >> (bit & 7);
    if ((a.bytes[byte] & m) !== (b.bytes[byte] & m)) return false;
  }
  return true;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function canonicalIp(s: string): string | null {
  const p = parseIp(s);
  if (!p) return null;
  if (p.family === 4) return p.bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((p.bytes[i] << 8) | p.bytes[i + 1]).toString(16));
  return groups.join(':');
}
