import { FieldKitError } from '../../../../shared/errors';
import type { MessageId, MessageParams } from '../../../../shared/messages';
import {
  call,
  CC,
  completionCodeOf,
  getDeviceId,
  getSdr,
  getSdrRepositoryInfo,
  getSystemGuid,
  reserveSdrRepository,
  type SdrRepositoryInfo,
} from '../commands';
import { expandShared, parseSdrRecord, type SdrRecord } from '../interpret';
import type { IpmiRequester } from '../requester';
import { checkAbort, reqOpts, type OpOptions } from './common';

/**
 * Where read repositories are kept between runs. Entries are keyed by
 * everything that identifies the repository's content, so a changed
 * repository (new firmware, records added or erased) misses instead of
 * serving stale records.
 */
export interface SdrCacheStore {
  get(key: string): Promise<string[] | undefined>;
  set(key: string, records: string[]): Promise<void>;
}

export class MemorySdrCache implements SdrCacheStore {
  private readonly map = new Map<string, string[]>();
  async get(key: string) { return this.map.get(key); }
  async set(key: string, records: string[]) { this.map.set(key, records); }
  get size() { return this.map.size; }
}

export interface ReadSdrOptions extends OpOptions {
  cache?: SdrCacheStore;
  /** Force partial reads of this many bytes (default: whole records, smaller chunks on 0xCA). */
  chunkSize?: number;
  /** Re-reservations allowed per record before giving up (default 5). */
  maxReservationRetries?: number;
  onProgress?: (p: { read: number; total: number }) => void;
}

export interface SdrReadResult {
  records: SdrRecord[];
  /** Raw record bytes, hex, in repository order. */
  raw: string[];
  fromCache: boolean;
  cacheKey: string;
  info: SdrRepositoryInfo;
  /** How many times the reservation was lost and taken again. */
  reservationsLost: number;
  /** Get SDR requests sent (0 from the cache). */
  requests: number;
  /** Records that could not be decoded (kept out of `records`): why, as a catalogue id and values, and in English for logs. */
  skipped: { recordId: number; errorId: MessageId; errorParams: MessageParams; detail: string }[];
}

const HEADER = 5;
const FALLBACK_CHUNK = 16;

/** Identity of the repository content: device, firmware, GUID and the add/erase timestamps. */
export async function sdrCacheKey(req: IpmiRequester, info: SdrRepositoryInfo, o?: OpOptions): Promise<string> {
  const dev = await call(req, getDeviceId, undefined, reqOpts(o));
  // The BMC that just answered proved its GUID in the session's RAKP 2 (the
  // same 16 bytes as Get System GUID's answer): one exchange less per read,
  // which the monitor makes for every BMC on every sweep.
  const proven = req.systemGuid?.();
  let guid = proven ? proven.toString('hex') : 'noguid';
  if (!proven) {
    try {
      guid = await call(req, getSystemGuid, undefined, reqOpts(o));
    } catch (e) {
      // Optional command: a BMC without it is identified by the other fields.
      if (completionCodeOf(e) === undefined) throw e;
    }
  }
  return [
    guid,
    dev.manufacturerId,
    dev.productId,
    dev.deviceId,
    dev.firmware,
    dev.auxFirmware?.join('.') ?? '',
    info.recordCount,
    info.lastAddition,
    info.lastErase,
  ].join(':');
}

export async function readSdrRepository(req: IpmiRequester, o: ReadSdrOptions = {}): Promise<SdrReadResult> {
  checkAbort(o.signal);
  const ro = reqOpts(o);
  const info = await call(req, getSdrRepositoryInfo, undefined, ro);
  const cacheKey = await sdrCacheKey(req, info, o);
  if (o.cache) {
    const hit = await o.cache.get(cacheKey);
    if (hit) return { ...decodeAll(hit), raw: hit, fromCache: true, cacheKey, info, reservationsLost: 0, requests: 0 };
  }

  let requests = 0;
  let reservationsLost = 0;
  const maxRetries = o.maxReservationRetries ?? 5;
  let reservation = 0;
  const reserve = async () => {
    try {
      reservation = await call(req, reserveSdrRepository, undefined, ro);
    } catch (e) {
      // BMCs without reservation support answer 0xC1; reads then go with 0.
      if (completionCodeOf(e) === undefined) throw e;
      reservation = 0;
    }
  };
  await reserve();

  let chunk = o.chunkSize && o.chunkSize > 0 ? Math.min(o.chunkSize, 0xfe) : 0; // 0 = whole record
  const raw: string[] = [];
  const seen = new Set<number>();
  let recordId = info.recordCount === 0 ? 0xffff : 0x0000; // an empty repository has nothing to read
  while (recordId !== 0xffff) {
    checkAbort(o.signal);
    if (seen.has(recordId) || raw.length > 4096) break; // a BMC that loops its "next" ids
    seen.add(recordId);
    let attempts = 0;
    for (;;) {
      try {
        const { next, bytes } = await readRecord(recordId);
        raw.push(Buffer.from(bytes).toString('hex'));
        recordId = next;
        break;
      } catch (e) {
        const cc = completionCodeOf(e);
        if (cc === CC.RESERVATION_CANCELLED) {
          reservationsLost++;
          if (++attempts > maxRetries) throw new FieldKitError('IPMICMD_RESERVATION_LOST', { repository: 'SDR repository', attempts });
          await reserve();
          continue;
        }
        // 0xCB on the first record: the repository was emptied after Get SDR Repository Info.
        if (cc === CC.NOT_PRESENT && raw.length === 0) { recordId = 0xffff; break; }
        if (cc === CC.CANNOT_RETURN_BYTES && chunk !== 4) {
          chunk = chunk === 0 ? FALLBACK_CHUNK : Math.max(4, chunk >> 1);
          continue;
        }
        throw e;
      }
    }
    o.onProgress?.({ read: raw.length, total: info.recordCount });
  }

  async function readRecord(id: number): Promise<{ next: number; bytes: Buffer }> {
    if (chunk === 0) {
      requests++;
      const r = await call(req, getSdr, { reservationId: reservation, recordId: id, offset: 0, bytes: 0xff }, ro);
      if (r.data.length >= HEADER && r.data.length >= HEADER + r.data[4]) return { next: r.nextRecordId, bytes: r.data.subarray(0, HEADER + r.data[4]) };
      // Cut short without saying so: read it in pieces.
      chunk = FALLBACK_CHUNK;
    }
    requests++;
    const h = await call(req, getSdr, { reservationId: reservation, recordId: id, offset: 0, bytes: HEADER }, ro);
    if (h.data.length < HEADER) throw new FieldKitError('IPMICMD_SHORT_RESPONSE', { command: 'Get SDR', length: h.data.length, expected: HEADER });
    const total = HEADER + h.data[4];
    const parts: Buffer[] = [h.data.subarray(0, HEADER)];
    let got = HEADER;
    while (got < total) {
      const n = Math.min(chunk, total - got);
      requests++;
      const p = await call(req, getSdr, { reservationId: reservation, recordId: id, offset: got, bytes: n }, ro);
      if (p.data.length === 0) throw new FieldKitError('IPMICMD_SHORT_RESPONSE', { command: 'Get SDR', length: 0, expected: n });
      parts.push(p.data.subarray(0, n));
      got += Math.min(n, p.data.length);
    }
    return { next: h.nextRecordId, bytes: Buffer.concat(parts) };
  }

  if (o.cache) await o.cache.set(cacheKey, raw);
  return { ...decodeAll(raw), raw, fromCache: false, cacheKey, info, reservationsLost, requests };
}

function decodeAll(raw: string[]): { records: SdrRecord[]; skipped: SdrReadResult['skipped'] } {
  const records: SdrRecord[] = [];
  const skipped: SdrReadResult['skipped'] = [];
  for (const hex of raw) {
    const b = Buffer.from(hex, 'hex');
    try {
      records.push(...expandShared(parseSdrRecord(b)));
    } catch (e) {
      const err = e instanceof FieldKitError ? e : new FieldKitError('IPMICMD_BAD_RECORD', { what: 'SDR record', detail: String(e) });
      skipped.push({ recordId: b.length >= 2 ? b.readUInt16LE(0) : -1, errorId: err.id, errorParams: err.params, detail: err.message });
    }
  }
  return { records, skipped };
}
