import { manufacturer } from '../../../../shared/ipmi';
import { additionalSupportList, call, getDeviceId, type DeviceId } from '../commands';
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
