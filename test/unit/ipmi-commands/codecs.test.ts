import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import {
  call,
  chassisControl,
  clearSel,
  completionCodeOf,
  getChassisStatus,
  getDeviceId,
  getSdr,
  getSdrRepositoryInfo,
  getSensorReading,
  parseRawArgs,
  rearmSensorEvents,
} from '../../../src-main/engines/ipmi/commands';
import { recorded, ReplayRequester } from './recorded';

const answer = (req: string) => Buffer.from(recorded.find((e) => e.req === req)!.data, 'hex');

describe('command codecs on bytes recorded from ipmi_sim', () => {
  it('Get Device ID: firmware 9 8 reads 9.08, manufacturer and product', () => {
    const d = getDeviceId.decode(answer('0601'));
    expect(d.firmware).toBe('9.08');
    expect(d.ipmiVersion).toBe('2.0');
    expect(d.manufacturerId).toBe(0x1291);
    expect(d.productId).toBe(0x0f02);
    expect(d.deviceRevision).toBe(3);
  });

  it('Get Chassis Status: power bit', () => {
    expect(getChassisStatus.decode(answer('0001')).powerOn).toBe(true);
    expect(getChassisStatus.decode(Buffer.from([0x60, 0, 0])).powerOn).toBe(false);
    expect(getChassisStatus.decode(Buffer.from([0x60, 0, 0])).restorePolicy).toBe('unknown');
  });

  it('Get SDR Repository Info: count and timestamps', () => {
    const i = getSdrRepositoryInfo.decode(answer('0a20'));
    expect(i.recordCount).toBe(14);
    expect(i.version).toBe(0x51);
  });

  it('Get Sensor Reading: second state byte (states 8-14)', () => {
    const r = getSensorReading.decode(Buffer.from([0x00, 0xc0, 0x05, 0x01]));
    expect(r.states).toBe(0x0105);
    expect(r.hasSecondStateByte).toBe(true);
    expect(r.unavailable).toBe(false);
    const u = getSensorReading.decode(Buffer.from([0x00, 0x20]));
    expect(u.unavailable).toBe(true);
    expect(u.states).toBe(0);
  });

  it('encodes requests as the spec lays them out', () => {
    expect(Array.from(getSdr.encode({ reservationId: 0x1234, recordId: 0x0005, offset: 5, bytes: 16 }))).toEqual([0x34, 0x12, 0x05, 0x00, 5, 16]);
    expect(Array.from(chassisControl.encode('soft'))).toEqual([0x05]);
    expect(Array.from(clearSel.encode({ reservationId: 2, action: 'initiate' }))).toEqual([2, 0, 0x43, 0x4c, 0x52, 0xaa]);
    expect(Array.from(rearmSensorEvents.encode({ sensorNumber: 0x35 }))).toEqual([0x35, 0x00]);
    expect(Array.from(rearmSensorEvents.encode({ sensorNumber: 0x35, assertions: 0x0101 }))).toEqual([0x35, 0x80, 0x01, 0x01, 0, 0]);
  });

  it('turns a completion code into a catalogued error carrying the code', async () => {
    const req = new ReplayRequester();
    req.intercept = () => ({ completionCode: 0xd4, data: Buffer.alloc(0) });
    const err = await call(req, getDeviceId, undefined).catch((e) => e);
    expect(err).toBeInstanceOf(FieldKitError);
    expect(err.id).toBe('IPMICMD_COMPLETION_CODE');
    expect(completionCodeOf(err)).toBe(0xd4);
    expect(err.message).toContain('Insufficient privilege level');
  });

  it('short responses give IPMICMD_SHORT_RESPONSE', () => {
    expect(() => getDeviceId.decode(Buffer.from([0, 1, 2]))).toThrowError(FieldKitError);
    try {
      getSdrRepositoryInfo.decode(Buffer.alloc(3));
    } catch (e) {
      expect((e as FieldKitError).id).toBe('IPMICMD_SHORT_RESPONSE');
    }
  });

  it('parses raw arguments like ipmitool', () => {
    expect(parseRawArgs(['0x04', '0x2d', '0x05'])).toEqual({ netFn: 4, cmd: 0x2d, data: [5] });
    expect(parseRawArgs(['06', '01'])).toEqual({ netFn: 6, cmd: 1, data: [] });
    expect(() => parseRawArgs(['0x04'])).toThrowError(FieldKitError);
    expect(() => parseRawArgs(['0x04', '0x2d', '0x100'])).toThrowError(FieldKitError);
    expect(() => parseRawArgs(['0x40', '0x01'])).toThrowError(FieldKitError);
  });

  it('parses a repeated raw line once, never caches a refusal, and stays right past the cache size', () => {
    const a = parseRawArgs(['0x04', '0x2d', '0x07']);
    expect(parseRawArgs(['0x04', '0x2d', '0x07'])).toBe(a);
    for (let i = 0; i < 2; i++) expect(() => parseRawArgs(['0x04', '0x2d', 'zz'])).toThrowError(FieldKitError);
    // More distinct lines than the cache holds: every answer still matches its input.
    for (let n = 0; n < 600; n++) {
      const hex = [n & 0xff, n >> 8].map((b) => `0x${b.toString(16)}`);
      expect(parseRawArgs(['0x06', '0x01', ...hex])).toEqual({ netFn: 6, cmd: 1, data: [n & 0xff, n >> 8] });
    }
  });
});
