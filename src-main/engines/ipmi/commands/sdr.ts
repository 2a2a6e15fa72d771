import { defineCommand, need, u16le } from './codec';
import { NETFN, STORAGE_CMD } from '../spec';

export interface SdrRepositoryInfo {
  version: number;
  recordCount: number;
  freeSpace: number;
  /** Seconds since 1970 (IPMI timestamps); 0xFFFFFFFF = never. */
  lastAddition: number;
  lastErase: number;
  supportsReserve: boolean;
  supportsPartialAdd: boolean;
  supportsDelete: boolean;
  overflow: boolean;
}

/** Get SDR Repository Info (Storage 0x0A / 0x20), IPMI 2.0 section 33.9. */
export const getSdrRepositoryInfo = defineCommand<void, SdrRepositoryInfo>({
  name: 'Get SDR Repository Info',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.GET_SDR_REPOSITORY_INFO,
  encode: () => new Uint8Array(0),
  decode(d) {
    need(d, 14, 'Get SDR Repository Info');
    return {
      version: d[0],
      recordCount: d.readUInt16LE(1),
      freeSpace: d.readUInt16LE(3),
      lastAddition: d.readUInt32LE(5),
      lastErase: d.readUInt32LE(9),
      supportsReserve: (d[13] & 0x02) !== 0,
      supportsPartialAdd: (d[13] & 0x04) !== 0,
      supportsDelete: (d[13] & 0x08) !== 0,
      overflow: (d[13] & 0x80) !== 0,
    };
  },
});

/** Reserve SDR Repository (Storage 0x0A / 0x22). */
export const reserveSdrRepository = defineCommand<void, number>({
  name: 'Reserve SDR Repository',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.RESERVE_SDR_REPOSITORY,
  encode: () => new Uint8Array(0),
  decode(d) {
    need(d, 2, 'Reserve SDR Repository');
    return d.readUInt16LE(0);
  },
});

export interface GetSdrRequest {
  reservationId: number;
  recordId: number;
  offset: number;
  /** 0xFF = the whole record. */
  bytes: number;
}

export interface GetSdrResponse {
  nextRecordId: number;
  data: Buffer;
}

/** Get SDR (Storage 0x0A / 0x23), IPMI 2.0 section 33.12. */
export const getSdr = defineCommand<GetSdrRequest, GetSdrResponse>({
  name: 'Get SDR',
  netFn: NETFN.STORAGE,
  cmd: STORAGE_CMD.GET_SDR,
  encode: (r) => Uint8Array.of(...u16le(r.reservationId), ...u16le(r.recordId), r.offset & 0xff, r.bytes & 0xff),
  decode(d) {
    need(d, 2, 'Get SDR');
    return { nextRecordId: d.readUInt16LE(0), data: Buffer.from(d.subarray(2)) };
  },
});
