/**
 * Sessionless discovery: Get Channel Authentication Capabilities (also the
 * cheapest "does the BMC answer IPMI" probe) and Get Channel Cipher Suites,
 * which some BMCs ignore, hence its short budget.
 */
import { FieldKitError } from '../../../shared/errors';
import type { Privilege } from './privilege';
import { decodeResponse, encodeRequest } from './message';
import { AUTHTYPE_RMCPP, PT_IPMI, decodeV15, decodeV2, encodeV15Sessionless, encodeV2 } from './packet';
import { getChannelAuthCapabilitiesRequest as authCaps, getChannelCipherSuitesPage as suitesPage } from './commands/session-control';
import { TIMEOUT, attemptTimeouts, throwIfAborted, waitFor, type RetryPolicy } from './retry';
import type { Endpoint, UdpTransport } from './transport';

export interface SessionlessOptions extends Partial<RetryPolicy> {
  signal?: AbortSignal;
  /** Host name as the user wrote it, for messages. */
  host?: string;
}

export interface SessionlessResponse { completionCode: number; data: Buffer }

let seqCounter = Math.floor(Math.random() * 64);

/** One sessionless request with retries; undefined when nothing answered. */
export async function sessionlessRequest(
  transport: UdpTransport, ep: Endpoint, form: 15 | 20, netFn: number, cmd: number, data: Uint8Array,
  opts: SessionlessOptions & RetryPolicy,
): Promise<SessionlessResponse | undefined> {
  const rqSeq = (seqCounter = (seqCounter + 1) & 0x3f);
  const msg = encodeRequest({ netFn, cmd, rqSeq, data });
  const packet = form === 15 ? encodeV15Sessionless(msg) : encodeV2({ payloadType: PT_IPMI, sessionId: 0, sequence: 0, payload: msg });
  await transport.ready(ep);
  for (const t of attemptTimeouts(opts)) {
    throwIfAborted(opts.signal);
    transport.sendNow(ep, packet);
    const r = await waitFor(
      (feed) => transport.subscribeSessionless(ep, (p) => { feed(p); }),
      (p) => {
        try {
          const body = p[4] === AUTHTYPE_RMCPP ? decodeV2(p).payload : decodeV15(p);
          const m = decodeResponse(body);
          if (m.netFn !== (netFn | 1) || m.cmd !== cmd || m.rqSeq !== rqSeq) return undefined;
          return { completionCode: m.completionCode, data: m.data };
        } catch {
          return undefined; // malformed: dropped
        }
      },
      t, opts.signal,
    );
    if (r !== TIMEOUT) return r;
  }
  return undefined;
}

export interface ChannelAuthCapabilities {
  channel: number;
  ipmi20: boolean;
  /** The BMC has a non-zero Kg configured (a key must be given). */
  kgRequired: boolean;
  perMessageAuthDisabled: boolean;
  userLevelAuthDisabled: boolean;
  nonNullUsers: boolean;
  nullUsers: boolean;
  anonymousLogin: boolean;
  oemIana: number;
}

export function decodeChannelAuthCapabilities(d: Buffer): ChannelAuthCapabilities {
  if (d.length < 7) throw new FieldKitError('IPMI_DECODE_ERROR', { detail: 'Get Channel Authentication Capabilities response truncated' });
  return {
    channel: d[0],
    ipmi20: (d[1] & 0x80) !== 0 && (d[3] & 0x02) !== 0,
    kgRequired: (d[2] & 0x20) !== 0,
    perMessageAuthDisabled: (d[2] & 0x10) !== 0,
    userLevelAuthDisabled: (d[2] & 0x08) !== 0,
    nonNullUsers: (d[2] & 0x04) !== 0,
    nullUsers: (d[2] & 0x02) !== 0,
    anonymousLogin: (d[2] & 0x01) !== 0,
    oemIana: d[4] | (d[5] << 8) | (d[6] << 16),
  };
}

export async function getChannelAuthCapabilities(
  transport: UdpTransport, ep: Endpoint, privilege: Privilege, opts: SessionlessOptions & RetryPolicy,
): Promise<ChannelAuthCapabilities> {
  const host = opts.host ?? ep.address;
  // Bit 7 asks for the IPMI 2.0 extended data; a 1.5-only BMC refuses it.
  let r = await sessionlessRequest(transport, ep, 15, authCaps.netFn, authCaps.cmd, authCaps.encode({ extended: true, privilege }), opts);
  if (r && r.completionCode !== 0) r = await sessionlessRequest(transport, ep, 15, authCaps.netFn, authCaps.cmd, authCaps.encode({ extended: false, privilege }), opts);
  if (!r) throw new FieldKitError('IPMI_NO_RESPONSE', { host, port: ep.port, timeoutMs: opts.timeoutMs });
  if (r.completionCode !== 0) {
    throw new FieldKitError('IPMI_HANDSHAKE_FAILED', { host, port: ep.port, step: authCaps.name, status: `0x${r.completionCode.toString(16)}`, reason: 'completion code' });
  }
  return decodeChannelAuthCapabilities(r.data);
}

/** Parses the concatenated cipher suite records into suite ids. */
export function parseCipherSuiteRecords(data: Buffer): number[] {
  const ids: number[] = [];
  let i = 0;
  while (i < data.length) {
    const tag = data[i];
    if (tag === 0xc0 && i + 1 < data.length) {
      ids.push(data[i + 1]);
      i += 2;
    } else if (tag === 0xc1 && i + 4 < data.length) {
      ids.push(data[i + 1]);
      i += 5; // suite id + 3-byte IANA
    } else {
      i++; // algorithm bytes (0x00.., 0x40.., 0x80..) or padding
    }
  }
  return ids;
}

/**
 * Get Channel Cipher Suites, list by suite. Returns undefined when the BMC
 * does not answer within the short budget (ipmitool issue 199) or refuses it.
 */
export async function getChannelCipherSuites(
  transport: UdpTransport, ep: Endpoint, opts: SessionlessOptions & RetryPolicy,
): Promise<number[] | undefined> {
  const chunks: Buffer[] = [];
  for (let index = 0; index < 64; index++) {
    const r = await sessionlessRequest(transport, ep, 15, suitesPage.netFn, suitesPage.cmd, suitesPage.encode(index), opts);
    // A page lost on the way leaves the offer unknown, not shorter: a partial
    // list would read as a BMC offering only weak suites.
    if (!r) return undefined;
    if (r.completionCode !== 0 || r.data.length < 1) return chunks.length ? parseCipherSuiteRecords(Buffer.concat(chunks)) : undefined;
    const records = r.data.subarray(1);
    chunks.push(records);
    if (records.length < 16) break;
  }
  return parseCipherSuiteRecords(Buffer.concat(chunks));
}
