import { defineCommand, need, u16le } from './codec';
import { NETFN, STORAGE_CMD } from '../spec';

export interface FruAreaInfo {
  size: number;
  /** True when the device is accessed by words rather than bytes. */
  byWords: boolean;
}

/** Get FRU Inventory Area Info (Storage 0x0A / 0x10), IPMI 2.0 section 34.1. */
export const getFruInventoryAreaInfo = defineCommand<number, FruAreaInfo>({
  name: 'Get FRU Inventory Area Info',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.GET_FRU_INVENTORY_AREA_INFO,
  encode: (fruId) => Uint8Array.of(fruId & 0xff),
  decode(d) {
    need(d, 3, 'Get FRU Inventory Area Info');
    return { size: d.readUInt16LE(0), byWords: (d[2] & 0x01) !== 0 };
  },
});

export interface ReadFruRequest {
  fruId: number;
  offset: number;
  count: number;
}

/** Read FRU Data (Storage 0x0A / 0x11): returns the bytes read. */
export const readFruData = defineCommand<ReadFruRequest, Buffer>({
  name: 'Read FRU Data',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.READ_FRU_DATA,
  encode: (r) => Uint8Array.of(r.fruId & 0xff, ...u16le(r.offset), r.count & 0xff),
  decode(d) {
    need(d, 1, 'Read FRU Data');
    const n = d[0];
    need(d, 1 + n, 'Read FRU Data');
    return Buffer.from(d.subarray(1, 1 + n));
  },
});
