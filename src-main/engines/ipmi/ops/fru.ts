import { FieldKitError } from '../../../../shared/errors';
import { call, CC, completionCodeOf, getFruInventoryAreaInfo, hexByte, readFruData } from '../commands';
import { decodeFru, type FruInfo } from '../interpret';
import type { IpmiRequester } from '../requester';
import { checkAbort, reqOpts, type OpOptions } from './common';

export interface FruReadOptions extends OpOptions {
  fruId?: number;
  /** Bytes per Read FRU Data (default 32; halved on 0xCA). */
  chunkSize?: number;
}

export interface FruReadResult extends FruInfo {
  fruId: number;
  size: number;
  rawHex: string;
}

export async function readFru(req: IpmiRequester, o: FruReadOptions = {}): Promise<FruReadResult> {
  const fruId = o.fruId ?? 0;
  const ro = reqOpts(o);
  const area = await call(req, getFruInventoryAreaInfo, fruId, ro).catch((e) => {
    const cc = completionCodeOf(e);
    // 0xCB not present; many BMCs (ipmi_sim among them) answer 0xCC for an unknown FRU id.
    if (cc === CC.NOT_PRESENT || cc === 0xcc) throw new FieldKitError('IPMICMD_FRU_NOT_PRESENT', { fruId, code: hexByte(cc) });
    throw e;
  });
  let chunk = Math.max(1, Math.min(o.chunkSize ?? 32, 0xff));
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < area.size) {
    checkAbort(o.signal);
    const n = Math.min(chunk, area.size - offset);
    try {
      const unit = area.byWords ? 2 : 1;
      const got = await call(req, readFruData, { fruId, offset: offset / unit, count: Math.ceil(n / unit) }, ro);
      if (got.length === 0) break;
      parts.push(got);
      offset += got.length;
    } catch (e) {
      if (completionCodeOf(e) === CC.CANNOT_RETURN_BYTES && chunk > 4) {
        chunk >>= 1;
        continue;
      }
      throw e;
    }
  }
  const data = Buffer.concat(parts);
  return { fruId, size: area.size, rawHex: data.toString('hex'), ...decodeFru(data) };
}
