import type { IpmiRequester } from '../requester';
import { reqOpts, type OpOptions } from './common';

export interface RawResult {
  netFn: number;
  cmd: number;
  completionCode: number;
  data: number[];
}

/**
 * Sends any command; the completion code is returned, not thrown, like
 * ipmitool raw. FieldKit cannot know what a raw command does, so it is sent
 * once (never retransmitted or failed over) unless the caller says it only
 * reads.
 */
export function raw(req: IpmiRequester, netFn: number, cmd: number, data: number[], o?: OpOptions & { readOnly?: boolean }): Promise<RawResult> {
  return req.request(netFn, cmd, Uint8Array.from(data), { ...reqOpts(o), ...(o?.readOnly ? {} : { once: true }) }).then((r) => ({ netFn, cmd, completionCode: r.completionCode, data: Array.from(r.data) }));
}
