import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import * as C from '../../../src-main/engines/ipmi/commands';
import { decodeFru, parseSdrRecord, parseSelRecord } from '../../../src-main/engines/ipmi/interpret';
import { recorded } from './recorded';

// Deterministic PRNG so a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function mutate(src: Buffer, r: () => number): Buffer {
  const b = Buffer.from(src);
  switch (Math.floor(r() * 4)) {
    case 0: return b.subarray(0, Math.floor(r() * b.length));
    case 1: { for (let i = 0; i < 1 + r() * 4; i++) if (b.length) b[Math.floor(r() * b.length)] = Math.floor(r() * 256); return b; }
    case 2: return Buffer.concat([b, Buffer.from(Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 256)))]);
    default: return Buffer.from(Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256)));
  }
}

const decoders: Array<(b: Buffer) => unknown> = [
  (b) => C.getDeviceId.decode(b),
  (b) => C.getChassisStatus.decode(b),
  (b) => C.getSdrRepositoryInfo.decode(b),
  (b) => C.getSdr.decode(b),
  (b) => C.getSensorReading.decode(b),
  (b) => C.getSelInfo.decode(b),
  (b) => C.getSelEntry.decode(b),
  (b) => C.readFruData.decode(b),
  (b) => C.getFruInventoryAreaInfo.decode(b),
  (b) => parseSdrRecord(b),
  (b) => parseSelRecord(b),
  (b) => decodeFru(b),
];

describe('decoders on truncated and garbage input', () => {
  it('never throw anything but a catalogued FieldKitError (5,000 mutations)', () => {
    const r = rng(0x1f2e3d4c);
    const seeds = recorded.map((e) => Buffer.from(e.data, 'hex'));
    const fru = Buffer.concat(recorded.filter((x) => x.req.startsWith('0a11')).map((x) => Buffer.from(x.data, 'hex').subarray(1)));
    seeds.push(fru);
    let thrown = 0;
    for (let i = 0; i < 5000; i++) {
      const input = mutate(seeds[Math.floor(r() * seeds.length)], r);
      for (const d of decoders) {
        try {
          d(input);
        } catch (e) {
          thrown++;
          if (!(e instanceof FieldKitError)) throw new Error(`uncatalogued ${String(e)} on ${input.toString('hex')}`);
          expect(['IPMICMD_SHORT_RESPONSE', 'IPMICMD_BAD_RECORD']).toContain(e.id);
        }
      }
    }
    expect(thrown).toBeGreaterThan(0);
  });
});

describe('operations over a BMC that answers garbage', () => {
  it('end with a result or a catalogued error, never hang or throw anything else (300 runs)', async () => {
    const { listSel, mcInfo, power, readFru, readSdrRepository, readSensors } = await import('../../../src-main/engines/ipmi/ops');
    const r = rng(0xfeedbeef);
    let ok = 0;
    let failed = 0;
    for (let run = 0; run < 300; run++) {
      let budget = 5000; // requests; a looping operation would exhaust it
      const req = {
        async request() {
          if (--budget < 0) throw new Error('operation did not stop');
          const cc = r() < 0.15 ? [0xc5, 0xca, 0xcb, 0xc1, 0xff][Math.floor(r() * 5)] : 0;
          const data = Buffer.from(Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 256)));
          return { completionCode: cc, data };
        },
      };
      const op = [() => readSdrRepository(req), () => listSel(req), () => readFru(req), () => readSensors(req), () => mcInfo(req), () => power(req, 'status')][run % 6];
      try {
        await op();
        ok++;
      } catch (e) {
        failed++;
        if (!(e instanceof FieldKitError)) throw new Error(`run ${run}: uncatalogued ${String(e)}`);
      }
    }
    expect(ok + failed).toBe(300);
    expect(failed).toBeGreaterThan(0);
  });
});
