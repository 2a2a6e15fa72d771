import { FieldKitError } from '../../../../shared/errors';

export interface RawRequest {
  netFn: number;
  cmd: number;
  data: number[];
}

/**
 * Parses ipmitool-style raw arguments: "0x04 0x2d 0x05", "04 2d 05" (hex
 * without prefix, as ipmitool reads them) — every value must be one byte.
 */
export function parseRawArgs(args: string[]): RawRequest {
  // exec files repeat the same lines thousands of times: parse each once.
  // Callers treat the result as read-only.
  const key = args.join(' ');
  const known = parsedRaw.get(key);
  if (known) return known;
  const r = parseRawArgsOnce(args);
  if (parsedRaw.size >= 256) parsedRaw.clear();
  parsedRaw.set(key, r);
  return r;
}

const parsedRaw = new Map<string, RawRequest>();

function parseRawArgsOnce(args: string[]): RawRequest {
  if (args.length < 2) throw new FieldKitError('IPMICMD_BAD_ARGUMENT', { what: 'raw command', value: args.join(' '), detail: 'Give NETFN CMD [DATA...].' });
  const bytes = args.map((a) => {
    const s = a.trim().toLowerCase();
    const m = /^(0x)?([0-9a-f]{1,2})$/.exec(s);
    if (!m) throw new FieldKitError('IPMICMD_BAD_ARGUMENT', { what: 'byte', value: a, detail: 'Use hex bytes such as 0x04 or 2d.' });
    return parseInt(m[2], 16);
  });
  const [netFn, cmd, ...data] = bytes;
  if (netFn > 0x3f) throw new FieldKitError('IPMICMD_BAD_ARGUMENT', { what: 'network function', value: args[0], detail: 'NetFn is 6 bits (0x00-0x3f).' });
  return { netFn, cmd, data };
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function formatRawResponse(data: ArrayLike<number>): string {
  // ipmitool prints " xx" per byte, 16 per line. Built in one pass: `exec`
  // formats thousands of responses in a cold process.
  let out = '';
  for (let i = 0; i < data.length; i++) out += (i === 0 ? ' ' : i % 16 === 0 ? '\n ' : ' ') + HEX[data[i] & 0xff];
  return out;
}
