import type { IpmiRequester } from '../requester';
import { reqOpts, type OpOptions } from './common';

export interface RawResult {
  netFn: number;
  cmd: number;
  completionCode: number;
  data: number[];
}

/** Sends any command; the completion code is returned, not thrown, like ipmitool raw. */
export function raw(req: IpmiRequester, netFn: number, cmd: number, data: number[], o?: OpOptions): Promise<RawResult> {
  return req.request(netFn, cmd, Uint8Array.from(data), reqOpts(o)).then((r) => ({ netFn, cmd, completionCode: r.completionCode, data: Array.from(r.data) }));
}
