import { manufacturer } from '../../../../shared/ipmi';
import { additionalSupportList, call, completionCodeOf, getDeviceId, getSystemGuid, type DeviceId } from '../commands';
import type { IpmiRequester } from '../requester';
import { reqOpts, type OpOptions } from './common';

export interface McInfo extends DeviceId {
  manufacturerName?: string;
  additionalSupportNames: string[];
}

export async function mcInfo(req: IpmiRequester, o?: OpOptions): Promise<McInfo> {
  const d = await call(req, getDeviceId, undefined, reqOpts(o));
  const m = manufacturer(d.manufacturerId);
  return { ...d, ...(m ? { manufacturerName: m.name } : {}), additionalSupportNames: additionalSupportList(d.additionalSupport) };
}

/**
 * The System GUID as ipmitool prints it ("IPMI" encoding): the spec sends the
 * 16 bytes least significant first, so they are read backwards and grouped
 * 8-4-4-4-12. Undefined when the BMC does not support the (optional)
 * command; any other failure is thrown.
 */
export async function systemGuid(req: IpmiRequester, o?: OpOptions): Promise<string | undefined> {
  let hex: string;
  try {
    hex = await call(req, getSystemGuid, undefined, reqOpts(o));
  } catch (e) {
    if (completionCodeOf(e) === undefined) throw e;
    return undefined;
  }
  return formatGuid(hex);
}

export function formatGuid(wireHex: string): string {
  const r = (wireHex.match(/../g) ?? []).reverse().join('');
  return `${r.slice(0, 8)}-${r.slice(8, 12)}-${r.slice(12, 16)}-${r.slice(16, 20)}-${r.slice(20, 32)}`;
}
