/**
 * Requesters for unit tests built on bytes recorded from ipmi_sim
 * (test/fixtures/ipmi/recorded-session.json): the BMC's real answers,
 * looked up by the request bytes with the reservation id masked, so
 * operations can be replayed without a network.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IpmiRequester, IpmiResponse } from '../../../src-main/engines/ipmi/requester';

interface Exchange { req: string; cc: number; data: string }

export const recorded: Exchange[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../fixtures/ipmi/recorded-session.json'), 'utf8'),
).exchanges;

/** Requests that carry a reservation id in bytes 0-1 of their data. */
const RESERVED = new Set(['0a23', '0a43', '0a47']);

export function keyOf(hex: string): string {
  const head = hex.slice(0, 4);
  return RESERVED.has(head) ? head + 'rrrr' + hex.slice(8) : hex;
}

export class ReplayRequester implements IpmiRequester {
  readonly sent: string[] = [];
  private readonly table = new Map<string, Exchange>();
  /** Called before the table; may return a response to inject (errors, truncation). */
  intercept?: (hex: string, n: number) => IpmiResponse | undefined;

  constructor(exchanges: Exchange[] = recorded) {
    for (const e of exchanges) this.table.set(keyOf(e.req), e);
  }

  async request(netFn: number, cmd: number, data: Uint8Array = new Uint8Array(0)): Promise<IpmiResponse> {
    const hex = Buffer.from([netFn, cmd, ...data]).toString('hex');
    this.sent.push(hex);
    const injected = this.intercept?.(hex, this.sent.length);
    if (injected) return injected;
    const e = this.table.get(keyOf(hex));
    if (!e) return { completionCode: 0xc1, data: Buffer.alloc(0) };
    return { completionCode: e.cc, data: Buffer.from(e.data, 'hex') };
  }
}
