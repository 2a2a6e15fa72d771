import { defineCommand, need, u16le } from './codec';
import { NETFN, STORAGE_CMD } from '../spec';

export interface SelInfo {
  version: number;
  entries: number;
  freeSpace: number;
  lastAddition: number;
  lastErase: number;
  supportsReserve: boolean;
  overflow: boolean;
}

/** Get SEL Info (Storage 0x0A / 0x40), IPMI 2.0 section 31.2. */
export const getSelInfo = defineCommand<void, SelInfo>({
  name: 'Get SEL Info',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.GET_SEL_INFO,
  encode: () => new Uint8Array(0),
  decode(d) {
    need(d, 14, 'Get SEL Info');
    return {
      version: d[0],
      entries: d.readUInt16LE(1),
      freeSpace: d.readUInt16LE(3),
      lastAddition: d.readUInt32LE(5),
      lastErase: d.readUInt32LE(9),
      supportsReserve: (d[13] & 0x02) !== 0,
      overflow: (d[13] & 0x80) !== 0,
    };
  },
});

/** Reserve SEL (Storage 0x0A / 0x42). */
export const reserveSel = defineCommand<void, number>({
  name: 'Reserve SEL',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.RESERVE_SEL,
  encode: () => new Uint8Array(0),
  decode(d) {
    need(d, 2, 'Reserve SEL');
    return d.readUInt16LE(0);
  },
});

export interface GetSelEntryRequest {
  reservationId: number;
  recordId: number;
  offset: number;
  bytes: number;
}

export interface GetSelEntryResponse {
  nextRecordId: number;
  data: Buffer;
}

/** Get SEL Entry (Storage 0x0A / 0x43): record id 0x0000 = first, 0xFFFF = last. */
export const getSelEntry = defineCommand<GetSelEntryRequest, GetSelEntryResponse>({
  name: 'Get SEL Entry',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.GET_SEL_ENTRY,
  encode: (r) => Uint8Array.of(...u16le(r.reservationId), ...u16le(r.recordId), r.offset & 0xff, r.bytes & 0xff),
  decode(d) {
    need(d, 2, 'Get SEL Entry');
    return { nextRecordId: d.readUInt16LE(0), data: Buffer.from(d.subarray(2)) };
  },
});

export interface ClearSelRequest {
  reservationId: number;
  /** 'initiate' (0xAA) starts the erase; 'status' (0x00) asks for progress. */
  action: 'initiate' | 'status';
}

/** Clear SEL (Storage 0x0A / 0x47): returns true once erasure completed. */
export const clearSel = defineCommand<ClearSelRequest, boolean>({
  name: 'Clear SEL',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.CLEAR_SEL,
  encode: (r) => Uint8Array.of(...u16le(r.reservationId), 0x43, 0x4c, 0x52, r.action === 'initiate' ? 0xaa : 0x00),
  decode(d) {
    need(d, 1, 'Clear SEL');
    return (d[0] & 0x0f) === 0x01;
  },
});
