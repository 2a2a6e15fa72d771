import dgram from 'node:dgram';
import net from 'node:net';
import snmp from 'net-snmp';
import type { TrapV3User } from '../../../shared/model/trap';
import { FieldKitError } from '../../../shared/errors';
import { systemClock, type Clock } from '../../../shared/clock';

/** A trap as it came off the wire, before PET decoding. */
export interface RawTrap {
  receivedAt: number;
  /** UDP source, IPv4-mapped IPv6 turned back into IPv4. */
  address: string;
  port: number;
  version: 'v1' | 'v2c' | 'v3';
  pdu: 'trap' | 'inform';
  user?: string;
  enterprise?: string;
  agentAddr?: string;
  genericTrap?: number;
  specificTrap?: number;
  trapOid: string;
  varbinds: snmp.Varbind[];
}

export type ReceiverDropReason = 'malformed' | 'unauthorised';

/** A v3 user with its keys in memory (from the keychain); never logged. */
export interface TrapV3UserWithKeys extends TrapV3User {
  authKey?: string;
  privKey?: string;
}

export interface TrapReceiverOptions {
  address: string;
  /** 0 picks a free port (tests). */
  port: number;
  communities: readonly string[];
  users?: readonly TrapV3UserWithKeys[];
  /** SO_RCVBUF; a burst of traps must fit while the event loop is busy. */
  receiveBufferBytes?: number;
  onTrap: (t: RawTrap) => void;
  onDrop: (reason: ReceiverDropReason, info: { address?: string; detail: string }) => void;
  /** Socket errors after a successful start. */
  onSocketError?: (e: FieldKitError) => void;
  /** Stamps `receivedAt`, which the rate limits and the duplicate window count on (default: real time). */
  clock?: Clock;
}

export const DEFAULT_RECEIVE_BUFFER = 8 * 1024 * 1024;
const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const GENERIC_TRAP_PREFIX = '1.3.6.1.6.3.1.1.5';

/** "::ffff:192.0.2.1" → "192.0.2.1"; other addresses unchanged (lower-cased). */
export function normaliseAddress(address: string): string {
  // Fast path: a plain IPv4 address (what udp4 sockets report).
  if (address.charCodeAt(0) !== 58 && !address.includes(':')) return address;
  const a = address.toLowerCase();
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return m ? m[1] : a;
}

/** The snmpTrapOID of a v1 trap as RFC 2576 section 3.1 converts it. */
export function v1TrapOid(enterprise: string, generic: number, specific: number): string {
  return generic === 6 ? `${enterprise}.0.${specific}` : `${GENERIC_TRAP_PREFIX}.${generic + 1}`;
}

/** Catalogued error for a failed bind: each tells the engineer how to get the port. */
export function bindError(e: NodeJS.ErrnoException, address: string, port: number): FieldKitError {
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return new FieldKitError('TRAPS_BIND_EACCES', { address, port }, { cause: e });
    case 'EADDRINUSE':
      return new FieldKitError('TRAPS_BIND_IN_USE', { address, port }, { cause: e });
    case 'EADDRNOTAVAIL':
      return new FieldKitError('TRAPS_BIND_ADDRESS', { address, port }, { cause: e });
    default:
      return new FieldKitError('TRAPS_BIND_FAILED', { address, port, detail: e.code ?? e.message }, { cause: e });
  }
}

const AUTH: Record<string, string> = { md5: 'md5', sha: 'sha', sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
const PRIV: Record<string, string> = { des: 'des', aes: 'aes', aes256b: 'aes256b', aes256r: 'aes256r' };

/**
 * The SNMP trap receiver: npm net-snmp does the BER, community and USM work;
 * this wrapper gives it a big receive buffer, any port (0 included), bind
 * errors as catalogued errors, drop reasons, and a callback that can never
 * throw back into the socket.
 */
export class TrapReceiver {
  private receiver: snmp.Receiver | undefined;
  private socket: dgram.Socket | undefined;
  private bound: { address: string; port: number } | undefined;
  /** SNMPv3 user names we accept; net-snmp also passes a v3 trap with an empty user and no authentication. */
  private readonly v3Users: ReadonlySet<string>;
  private readonly clock: Clock;

  constructor(private readonly opts: TrapReceiverOptions) {
    this.clock = opts.clock ?? systemClock;
    this.v3Users = new Set((opts.users ?? []).map((u) => u.name).filter((n) => n !== ''));
  }

  get address(): { address: string; port: number } | undefined {
    return this.bound;
  }

  start(): Promise<{ address: string; port: number }> {
    if (this.receiver) return Promise.resolve(this.bound!);
    const { address, port } = this.opts;
    const transport = net.isIPv6(address) ? 'udp6' : 'udp4';
    const rcvbuf = this.opts.receiveBufferBytes ?? DEFAULT_RECEIVE_BUFFER;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (e: NodeJS.ErrnoException) => {
        if (settled) {
          this.opts.onSocketError?.(bindError(e, address, port));
          return;
        }
        settled = true;
        this.closeQuietly();
        reject(bindError(e, address, port));
      };
      // net-snmp turns port 0 into 161 and offers no 'listening' hook: wrap dgram to do both.
      const dgramModule: snmp.DgramModule = {
        createSocket: (type) => {
          const sock = dgram.createSocket(type);
          this.socket = sock;
          const realBind = sock.bind.bind(sock) as (p: number, a?: string) => dgram.Socket;
          (sock as unknown as { bind: (p: number, a?: string) => dgram.Socket }).bind = (_p: number, a?: string) => realBind(port, a);
          sock.once('listening', () => {
            try {
              sock.setRecvBufferSize(rcvbuf);
            } catch {
              // The kernel caps it (net.core.rmem_max); the default buffer still works, with more loss under bursts.
            }
            const a = sock.address();
            this.bound = { address: a.address, port: a.port };
            settled = true;
            resolve(this.bound);
          });
          sock.on('error', (e) => fail(e as NodeJS.ErrnoException));
          return sock;
        },
      };
      try {
        this.receiver = snmp.createReceiver(
          {
            address,
            port: port || 162,
            transport,
            includeAuthentication: true,
            dgramModule,
          },
          (error, data) => this.onMessage(error, data),
        );
        const auth = this.receiver.getAuthorizer();
        for (const c of this.opts.communities) auth.addCommunity(c);
        for (const u of this.opts.users ?? []) auth.addUser(this.toNetSnmpUser(u));
      } catch (e) {
        settled = true;
        this.closeQuietly();
        reject(bindError(e as NodeJS.ErrnoException, address, port));
      }
    });
  }

  private toNetSnmpUser(u: TrapV3UserWithKeys): snmp.ReceiverUser {
    const user: snmp.ReceiverUser = { name: u.name, level: snmp.SecurityLevel[u.level] };
    if (u.level !== 'noAuthNoPriv') {
      user.authProtocol = snmp.AuthProtocols[AUTH[u.authProtocol ?? 'sha']];
      user.authKey = u.authKey;
    }
    if (u.level === 'authPriv') {
      user.privProtocol = snmp.PrivProtocols[PRIV[u.privProtocol ?? 'aes']];
      user.privKey = u.privKey;
    }
    return user;
  }

  /** Everything inside is guarded: a throw here would escape into the socket's 'message' event. */
  private onMessage(error: Parameters<snmp.ReceiverCallback>[0], data: Parameters<snmp.ReceiverCallback>[1]): void {
    try {
      if (error) {
        if (error.syscall || (error.code && /^E[A-Z]+$/.test(error.code))) return; // socket errors arrive through our own 'error' handler
        const from = error.rinfo ? normaliseAddress(error.rinfo.address) : undefined;
        const reason: ReceiverDropReason = error.name === 'RequestFailedError' || error.name === 'ResponseInvalidError' ? 'unauthorised' : 'malformed';
        this.opts.onDrop(reason, { ...(from ? { address: from } : {}), detail: error.name });
        return;
      }
      if (!data) return;
      const raw = this.toRaw(data.pdu, data.rinfo);
      if (!raw) {
        this.opts.onDrop('malformed', { address: normaliseAddress(data.rinfo.address), detail: 'trap without snmpTrapOID' });
        return;
      }
      // v3 only from a configured user (net-snmp has enforced that user's level: auth, priv).
      if (raw.version === 'v3' && (raw.user === undefined || !this.v3Users.has(raw.user))) {
        this.opts.onDrop('unauthorised', { address: raw.address, detail: `SNMPv3 user "${(raw.user ?? '').slice(0, 32)}" not configured` });
        return;
      }
      this.opts.onTrap(raw);
    } catch (e) {
      try {
        this.opts.onDrop('malformed', { detail: e instanceof Error ? e.message : String(e) });
      } catch {
        // The drop handler itself failed: nothing more we can safely do for this datagram.
      }
    }
  }

  private toRaw(pdu: snmp.ReceivedPdu, rinfo: dgram.RemoteInfo): RawTrap | undefined {
    // Built field by field (no spreads): this runs for every datagram.
    const varbinds = Array.isArray(pdu.varbinds) ? pdu.varbinds : [];
    const address = normaliseAddress(rinfo.address);
    if (pdu.type === snmp.PduType.Trap) {
      const enterprise = typeof pdu.enterprise === 'string' ? pdu.enterprise : '';
      const generic = typeof pdu.generic === 'number' ? pdu.generic : -1;
      const specific = typeof pdu.specific === 'number' ? pdu.specific : -1;
      const raw: RawTrap = {
        receivedAt: this.clock.now(),
        address,
        port: rinfo.port,
        version: 'v1',
        pdu: 'trap',
        enterprise,
        genericTrap: generic,
        specificTrap: specific,
        trapOid: v1TrapOid(enterprise, generic, specific),
        varbinds,
      };
      if (typeof pdu.agentAddr === 'string') raw.agentAddr = pdu.agentAddr;
      return raw;
    }
    let trapOid: string | undefined;
    const rest: snmp.Varbind[] = [];
    for (const v of varbinds) {
      if (!v) continue;
      if (v.oid === SNMP_TRAP_OID) {
        if (typeof v.value === 'string') trapOid = v.value;
      } else if (v.oid !== SYS_UPTIME) rest.push(v);
    }
    if (trapOid === undefined) return undefined;
    const isV3 = typeof pdu.user === 'string';
    const raw: RawTrap = {
      receivedAt: this.clock.now(),
      address,
      port: rinfo.port,
      version: isV3 ? 'v3' : 'v2c',
      pdu: pdu.type === snmp.PduType.InformRequest ? 'inform' : 'trap',
      trapOid,
      varbinds: rest,
    };
    if (isV3) raw.user = pdu.user;
    return raw;
  }

  private closeQuietly(): void {
    try {
      this.receiver?.close();
    } catch {
      // never bound, or already closed
    }
    this.receiver = undefined;
    this.socket = undefined;
    this.bound = undefined;
  }

  stop(): Promise<void> {
    const sock = this.socket;
    if (!this.receiver || !sock) {
      this.closeQuietly();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      sock.once('close', () => resolve());
      this.closeQuietly();
    });
  }
}
