import { FieldKitError } from '../../../../shared/errors';
import type { IpmiRequestOptions, IpmiRequester, IpmiResponse } from '../requester';
import { completionCodeText, hexByte } from './completion-codes';

/**
 * One IPMI command: how to build its request data and how to read its
 * response data (after the completion code). Codecs are pure: the transport
 * is whatever IpmiRequester the caller passes.
 */
export interface Command<Req, Res> {
  name: string;
  netFn: number;
  cmd: number;
  encode(req: Req): Uint8Array;
  decode(data: Buffer): Res;
  /** It changes the server: sent at most once (IpmiRequestOptions.once), never retransmitted or failed over. */
  changesState?: boolean;
}

export function defineCommand<Req, Res>(c: Command<Req, Res>): Command<Req, Res> {
  return c;
}

/** Throws the catalogued error for a response shorter than `expected` bytes. */
export function need(data: Buffer, expected: number, command: string): void {
  if (data.length < expected) throw new FieldKitError('IPMICMD_SHORT_RESPONSE', { command, length: data.length, expected });
}

export function completionError(command: string, code: number): FieldKitError {
  return new FieldKitError('IPMICMD_COMPLETION_CODE', { command, code: hexByte(code), meaning: completionCodeText(code) });
}

/** The numeric completion code of an IPMICMD_COMPLETION_CODE error, else undefined. */
export function completionCodeOf(e: unknown): number | undefined {
  if (e instanceof FieldKitError && e.id === 'IPMICMD_COMPLETION_CODE') return Number(e.params.code);
  return undefined;
}

/** Checks the completion code and returns the data, or throws the catalogued error. */
export function ok(resp: IpmiResponse, command: string): Buffer {
  if (resp.completionCode !== 0) throw completionError(command, resp.completionCode);
  return resp.data;
}

/**
 * Sends one command over a requester and decodes its answer. Not an async
 * function (SEL and SDR reads call it thousands of times in a cold process);
 * every failure still arrives as a rejection.
 */
export function call<Req, Res>(
  requester: IpmiRequester,
  command: Command<Req, Res>,
  req: Req,
  options?: IpmiRequestOptions,
): Promise<Res> {
  const opts = command.changesState ? { ...options, once: true } : options;
  let payload: Uint8Array;
  try {
    payload = command.encode(req);
  } catch (e) {
    return Promise.reject(e);
  }
  return requester.request(command.netFn, command.cmd, payload, opts).then((resp) => command.decode(ok(resp, command.name)));
}

export function u16le(v: number): [number, number] {
  return [v & 0xff, (v >> 8) & 0xff];
}
