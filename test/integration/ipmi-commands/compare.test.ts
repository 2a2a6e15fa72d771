import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpmiEngine } from '../../../src-main/engines/ipmi';
import type { IpmiRequester } from '../../../src-main/engines/ipmi/requester';
import * as ops from '../../../src-main/engines/ipmi/ops';
import { call, getSdrRepositoryInfo } from '../../../src-main/engines/ipmi/commands';
import { formatValue } from '../../../src-main/services/bmc/commands';
import { readingSummary, selDateTime } from '../../../src-main/engines/ipmi/interpret';
import { buildEmu } from '../../fixtures/ipmi/emu';
import { hasFreeipmi, hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { csvRows, freeipmi, keyValues, privateDir, quotedList, run } from './reference';

const ready = hasIpmiSim && hasIpmitool && hasFreeipmi;
if (!ready) console.warn(`ipmi-commands compare tests ${skipReason({ sim: true, ipmitool: true, freeipmi: true })}`);

describe.skipIf(!ready)('IPMI commands against ipmi_sim, compared with ipmitool and FreeIPMI', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  let req: IpmiRequester;
  let cacheDir: string;

  beforeAll(async () => {
    sim = await startIpmiSim({ emu: buildEmu(), name: 'cmd-compare' });
    engine = new IpmiEngine();
    req = engine.session({ host: sim.host, port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 });
    cacheDir = privateDir('fk-sdrcache-');
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  it('mc info equals ipmitool mc info and bmc-info', async () => {
    const mine = await ops.mcInfo(req);
    const it1 = keyValues((await sim.ipmitool(['mc', 'info'])).stdout);
    expect(mine.firmware).toBe(it1.get('Firmware Revision'));
    expect(String(mine.deviceId)).toBe(it1.get('Device ID'));
    expect(String(mine.manufacturerId)).toBe(it1.get('Manufacturer ID'));
    expect(mine.ipmiVersion).toBe(it1.get('IPMI Version'));
    const fi = keyValues((await freeipmi(sim, 'bmc-info', [])).stdout);
    expect(mine.firmware).toBe(fi.get('Firmware Revision'));
    expect(String(mine.deviceRevision)).toBe(fi.get('Device Revision'));
  });

  it('power status equals ipmitool and ipmipower', async () => {
    const mine = await ops.power(req, 'status');
    const it1 = (await sim.ipmitool(['chassis', 'power', 'status'])).stdout;
    expect(it1).toContain(`Chassis Power is ${mine.after ? 'on' : 'off'}`);
    const fi = (await freeipmi(sim, 'ipmipower', ['--stat'])).stdout;
    expect(fi.trim()).toBe(`127.0.0.1: ${mine.after ? 'on' : 'off'}`);
  });

  it('sensors: names, types, readings, units and states equal ipmi-sensors', async () => {
    const mine = await ops.readSensors(req);
    const ref = csvRows((await freeipmi(sim, 'ipmi-sensors', ['--comma-separated-output', '--no-header-output'], cacheDir)).stdout);
    expect(ref.length).toBeGreaterThan(5);
    expect(mine.map((s) => s.name)).toEqual(ref.map((r) => r[1]));
    for (const [i, r] of ref.entries()) {
      const s = mine[i];
      expect(s.typeName, s.name).toBe(r[2]);
      expect(s.value !== undefined ? formatValue(s.value) : 'N/A', s.name).toBe(r[3]);
      expect(s.unitAbbrev ?? 'N/A', s.name).toBe(r[4]);
      const events = quotedList(r.slice(5).join(','));
      expect(s.asserted.length ? s.asserted.map((a) => a.text) : ['OK'], s.name).toEqual(events);
      expect(readingSummary(s)).toBe(events.join(', '));
    }
  });

  it('severities equal the sensor states of ipmi-sensors --output-sensor-state', async () => {
    // CPU Temp above upper non-critical, 12V above upper critical, for the duration of this test.
    await sim.consoleCommand('sensor_set_value 0x20 0 0x01 85 0');
    await sim.consoleCommand('sensor_set_value 0x20 0 0x02 222 0');
    const mine = await ops.readSensors(req);
    expect(mine.find((x) => x.name === 'CPU Temp')?.asserted[0]?.text).toBe('At or Above (>=) Upper Non-Critical Threshold');
    const ref = csvRows((await freeipmi(sim, 'ipmi-sensors', ['--comma-separated-output', '--no-header-output', '--output-sensor-state'], cacheDir)).stdout);
    const word = { nominal: 'Nominal', warning: 'Warning', critical: 'Critical' } as const;
    expect(ref.some((r) => r[3] === 'Critical')).toBe(true);
    for (const r of ref) {
      const s = mine.find((x) => x.name === r[1])!;
      expect(word[s.severity], s.name).toBe(r[3]);
      expect(readingSummary(s), s.name).toBe(quotedList(r.slice(6).join(',')).join(', '));
    }
    await sim.consoleCommand('sensor_set_value 0x20 0 0x01 45 0');
    await sim.consoleCommand('sensor_set_value 0x20 0 0x02 200 0');
  });

  it('threshold values equal ipmitool sensor', async () => {
    const mine = (await ops.readSensors(req)).filter((s) => s.kind === 'threshold');
    const lines = (await sim.ipmitool(['sensor'])).stdout.split('\n').map((l) => l.split('|').map((x) => x.trim()));
    for (const s of mine) {
      const row = lines.find((l) => l[0] === s.name)!;
      expect(row, s.name).toBeDefined();
      expect(s.value).toBeCloseTo(Number(row[1]), 3);
      // lnr lc lnc unc uc unr
      const t = s.thresholds!;
      expect([t.lowerNonRecoverable, t.lowerCritical, t.lowerNonCritical, t.upperNonCritical, t.upperCritical, t.upperNonRecoverable].map((v) => v!.toFixed(3))).toEqual(row.slice(4, 10));
    }
  });

  it('slots name each Slot/Connector sensor with its states, like ipmitool sdr elist', async () => {
    const slots = await ops.readSlots(req);
    const elist = (await sim.ipmitool(['sdr', 'elist', 'all'])).stdout.split('\n').filter((l) => l.includes('PCI Slot')).map((l) => l.split('|').map((x) => x.trim()));
    expect(slots.map((s) => s.name)).toEqual(elist.map((e) => e[0]));
    for (const s of slots) {
      const e = elist.find((x) => x[0] === s.name)!;
      expect(s.fault, s.name).toBe(e[4].includes('Fault Status'));
      expect(s.installed, s.name).toBe(e[4].includes('Device Installed'));
    }
    expect(slots.some((s) => s.text === 'PCI Slot 5: Fault Status asserted, Device installed/attached')).toBe(true);
    // ipmitool's entity column reads "11.5" for add-in card, instance 5.
    for (const s of slots) expect(`11.${s.entityInstance}`, s.name).toBe(elist.find((x) => x[0] === s.name)![3]);
  });

  it('SEL entries and their text equal ipmi-sel, count equals ipmitool sel elist', async () => {
    // One more event so the SEL has an assertion and a deassertion.
    await sim.consoleCommand('sensor_set_bit 0x20 0 0x32 0 1 1');
    await sim.consoleCommand('sensor_set_bit 0x20 0 0x32 0 0 1');
    // And an upper critical crossing of CPU Temp with trigger reading and threshold in event data 2/3.
    const ts = Date.UTC(2026, 0, 1, 12, 34, 56) / 1000;
    const tb = [ts & 0xff, (ts >> 8) & 0xff, (ts >> 16) & 0xff, (ts >>> 24) & 0xff].map((b) => '0x' + b.toString(16)).join(' ');
    await sim.consoleCommand(`sel_add 0x20 0x02 ${tb} 0x20 0x00 0x04 0x01 0x01 0x01 0x59 0x5f 0x5a`);
    // A slot fault with OEM codes in event data 2 and 3, and one with only byte 2 given.
    await sim.consoleCommand(`sel_add 0x20 0x02 ${tb} 0x20 0x00 0x04 0x21 0x35 0x6f 0xa0 0x12 0x34`);
    await sim.consoleCommand(`sel_add 0x20 0x02 ${tb} 0x20 0x00 0x04 0x21 0x33 0x6f 0x80 0x56 0xff`);
    // A slot fault saying which slot: extension codes, PCI Express slot #5.
    await sim.consoleCommand(`sel_add 0x20 0x02 ${tb} 0x20 0x00 0x04 0x21 0x35 0x6f 0xf0 0x09 0x05`);
    const sdr = await ops.readSdrRepository(req);
    const mine = (await ops.listSel(req, { sdr: sdr.records })).entries;
    const ref = csvRows((await freeipmi(sim, 'ipmi-sel', ['--comma-separated-output', '--no-header-output'], cacheDir)).stdout);
    expect(mine.length).toBe(ref.length);
    for (const [i, r] of ref.entries()) {
      expect(String(mine[i].recordId)).toBe(r[0]);
      expect(mine[i].sensorName).toBe(r[3]);
      expect(mine[i].sensorTypeName).toBe(r[4]);
      expect(mine[i].description).toBe(r.slice(5).join(','));
      const dt = selDateTime(mine[i]);
      expect([dt.date, dt.time]).toEqual([r[1], r[2]]);
    }
    // ipmi_sim stamps added records with its own clock; the threshold detail is what matters here.
    expect(mine.some((e) => e.description === 'Upper Critical - going high ; Sensor Reading = 95.00 C ; Threshold = 90.00 C')).toBe(true);
    expect(mine.some((e) => e.description === 'Fault Status asserted ; Slot/Connector Type = PCI Express ; Slot/Connector #5')).toBe(true);
    const elist = (await sim.ipmitool(['sel', 'elist'])).stdout.trim().split('\n').filter(Boolean);
    expect(mine.length).toBe(elist.length);
    expect(mine.map((e) => e.assertion)).toEqual(elist.map((l) => /\| Asserted\b/.test(l)));
  });

  it('FRU fields equal ipmi-fru and ipmitool fru', async () => {
    const f = await ops.readFru(req);
    const fi = keyValues((await freeipmi(sim, 'ipmi-fru', [], cacheDir)).stdout);
    expect(f.chassis?.typeName).toBe(fi.get('FRU Chassis Type'));
    expect(f.chassis?.partNumber).toBe(fi.get('FRU Chassis Part Number'));
    expect(f.board?.manufacturer).toBe(fi.get('FRU Board Manufacturer'));
    expect(f.board?.productName).toBe(fi.get('FRU Board Product Name'));
    expect(f.board?.serialNumber).toBe(fi.get('FRU Board Serial Number'));
    expect(f.product?.name).toBe(fi.get('FRU Product Name'));
    expect(f.product?.partNumber).toBe(fi.get('FRU Product Part/Model Number'));
    expect(f.product?.version).toBe(fi.get('FRU Product Version'));
    expect(f.product?.assetTag).toBe(fi.get('FRU Product Asset Tag'));
    const it1 = keyValues((await sim.ipmitool(['fru'])).stdout);
    expect(f.product?.serialNumber).toBe(it1.get('Product Serial'));
    expect(f.chassis?.serialNumber).toBe(it1.get('Chassis Serial'));
    expect(f.board?.partNumber).toBe(it1.get('Board Part Number'));
    const missing = await ops.readFru(req, { fruId: 9 }).catch((e) => e);
    expect(missing.id).toBe('IPMICMD_FRU_NOT_PRESENT');
  });

  it('SDR: a reservation lost mid-read is taken again and every record is read', async () => {
    let n = 0;
    // Another client reserving the repository cancels ours on the real BMC.
    const meddler: IpmiRequester = {
      async request(netFn, cmd, data, o) {
        if (netFn === 0x0a && cmd === 0x23 && ++n === 6) await run('ipmitool', [...sim.ipmitoolArgs(3), 'raw', '0x0a', '0x22']);
        return req.request(netFn, cmd, data, o);
      },
    };
    const r = await ops.readSdrRepository(meddler, { chunkSize: 8 });
    expect(r.reservationsLost).toBeGreaterThanOrEqual(1);
    const clean = await ops.readSdrRepository(req);
    expect(r.raw).toEqual(clean.raw);
  });

  it('SDR: chunked reads of 4, 8 and 16 bytes give the same records', async () => {
    const whole = await ops.readSdrRepository(req);
    for (const chunkSize of [4, 8, 16]) {
      const r = await ops.readSdrRepository(req, { chunkSize });
      expect(r.raw, `chunk ${chunkSize}`).toEqual(whole.raw);
      expect(r.requests).toBeGreaterThan(whole.raw.length);
    }
  });

  it('SDR cache key: the GUID comes from RAKP 2, the bytes Get System GUID answers (ipmitool mc guid agrees), one exchange less', async () => {
    const session = req as ReturnType<IpmiEngine['session']>;
    const info = await call(req, getSdrRepositoryInfo, undefined);
    const proven = session.systemGuid();
    expect(proven?.length).toBe(16);
    const before = session.info().requests;
    const key = await ops.sdrCacheKey(req, info);
    const viaRakp2 = session.info().requests - before;
    // The same session without the RAKP 2 GUID: Get System GUID is asked.
    const asking: IpmiRequester = { request: (...a) => req.request(...a) };
    const before2 = session.info().requests;
    const keyAsking = await ops.sdrCacheKey(asking, info);
    const viaCommand = session.info().requests - before2;
    expect(key).toBe(keyAsking);
    expect(viaCommand - viaRakp2).toBe(1);
    const printed = /System GUID\s*:\s*(\S+)/.exec((await sim.ipmitool(['mc', 'guid'])).stdout)?.[1];
    expect(printed).toBeDefined();
    expect(ops.formatGuid(proven!.toString('hex'))).toBe(printed!.toLowerCase());
  });

  it('SDR cache: hit while unchanged, miss after a record is added', async () => {
    const cache = new ops.MemorySdrCache();
    const a = await ops.readSdrRepository(req, { cache });
    const b = await ops.readSdrRepository(req, { cache });
    expect(a.fromCache).toBe(false);
    expect(b.fromCache).toBe(true);
    await new Promise((r) => setTimeout(r, 1100)); // the add timestamp has 1 s resolution
    await sim.consoleCommand('main_sdr_add 0x20 0x00 0x00 0x51 0x03 0x13 0x20 0x00 0x41 0x22 0x01 0x23 0x6f 0x00 0x00 0x00 0x00 0xc7 0x57 0x44 0x54 0x20 0x4e 0x65 0x77');
    const c = await ops.readSdrRepository(req, { cache });
    expect(c.fromCache).toBe(false);
    expect(c.records.length).toBe(a.records.length + 1);
    expect(c.records.some((r) => 'name' in r && r.name === 'WDT New')).toBe(true);
  });

  it('re-arm sensor events is accepted', async () => {
    const r = await ops.rearm(req, 'PCI Slot 5');
    expect(r.number).toBe(0x35);
  });

  it('SEL clear with progress polling empties the SEL (ipmitool agrees)', async () => {
    const phases: string[] = [];
    await ops.clearSel(req, { onProgress: (p) => phases.push(p.phase) });
    expect(phases).toContain('done');
    const after = await ops.listSel(req);
    // ipmi_sim logs "Log Area Reset/Cleared" as the first entry of the new log, or nothing.
    expect(after.entries.length).toBeLessThanOrEqual(1);
    const info = keyValues((await sim.ipmitool(['sel', 'info'])).stdout);
    expect(Number(info.get('Entries'))).toBe(after.entries.length);
  });
});

describe.skipIf(!ready)('sensor with scanning disabled, compared with ipmi-sensors', () => {
  it('reads N/A like ipmi-sensors', async () => {
    const sim = await startIpmiSim({ emu: buildEmu().replace('mc_enable 0x20', 'sensor_set_event_support 0x20 0 0x03 enable no-scanning per-state 111111111111111 111111111111111 111111111111111 111111111111111\nmc_enable 0x20'), name: 'cmd-noscan' });
    const engine = new IpmiEngine();
    try {
      const req = engine.session({ host: sim.host, port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 });
      const fan = (await ops.readSensors(req)).find((s) => s.name === 'Fan 1')!;
      const ref = csvRows((await freeipmi(sim, 'ipmi-sensors', ['--comma-separated-output', '--no-header-output'], privateDir('fk-sdrc2-'))).stdout).find((r) => r[1] === 'Fan 1')!;
      expect(ref[3]).toBe('N/A');
      expect(fan.available).toBe(false);
      expect(fan.value !== undefined ? formatValue(fan.value) : 'N/A').toBe(ref[3]);
      expect(readingSummary(fan)).toBe(ref.slice(5).join(',').replace(/'/g, ''));
    } finally {
      await engine.close();
      await sim.stop();
    }
  });
});

describe.skipIf(!ready)('SEL event data 2/3 texts (sensor-specific extension codes) equal ipmi-sel, code by code', () => {
  // Every code of the decoded tables, plus codes just past their ends (which
  // both tools print as raw bytes), in records ipmi_sim holds from the start.
  // [sensor type, sensor number, event dir|type, event data 1, 2, 3]
  const rows: number[][] = [];
  for (let c = 0; c < 16; c++) rows.push([0x0f, 0x43, 0x6f, 0xc0, c, 0xff]); // firmware error
  for (let c = 0; c < 32; c++) rows.push([0x0f, 0x43, 0x6f, 0xc2, c, 0xff]); // firmware progress
  rows.push([0x0f, 0x43, 0x6f, 0xc1, 0x11, 0xff]); // firmware hang
  for (let c = 0; c < 32; c++) rows.push([0x2b, 0x44, 0x6f, 0xc7, c, 0xff]); // version change type
  rows.push([0x2b, 0x44, 0x6f, 0xc1, 0x02, 0xff]);
  for (let c = 0; c < 16; c++) rows.push([0x1d, 0x4c, 0x6f, 0xc7, c, 0xff]); // restart cause
  for (let c = 0; c < 16; c++) rows.push([0x23, 0x41, 0x6f, 0xc1, (c << 4) | 1, 0xff]); // watchdog interrupt type
  for (let c = 0; c < 16; c++) rows.push([0x23, 0x41, 0x6f, 0xc8, c, 0xff]); // watchdog timer use
  for (let c = 0; c < 16; c++) rows.push([0x2c, 0x45, 0x6f, 0xf0, (c << 4) | 2, 0xff]); // FRU state cause
  for (let c = 0; c < 16; c++) rows.push([0x2c, 0x45, 0x6f, 0xf0, 0x10 | c, 0xff]); // FRU previous state
  for (let c = 0; c < 4; c++) rows.push([0x2a, 0x46, 0x6f, 0xf1, 0x05, (c << 4) | 2]); // session deactivated: causes
  rows.push([0x2a, 0x46, 0x6f, 0xf0, 0x3f, 0x21], [0x2a, 0x46, 0x6f, 0xf2, 0x05, 0x21]); // activated, bad password
  for (const d of [0x00, 0x01, 0x80, 0x81, 0x02]) rows.push([0x12, 0x4b, 0x6f, 0xc5, d, 0xff]); // timestamp clock sync
  rows.push([0x12, 0x4b, 0x6f, 0xc4, 0x21, 0xff]); // PEF action: not decoded by either
  for (const d of [0x00, 0x10, 0x25, 0x35, 0x0f]) rows.push([0x10, 0x42, 0x6f, 0xf1, 0x6f, d]); // event type logging disabled
  rows.push([0x10, 0x42, 0x6f, 0xc0, 0x05, 0xff]); // correctable memory logging disabled
  rows.push([0x0c, 0x40, 0x6f, 0x30, 0xff, 0x03], [0x0c, 0x40, 0x6f, 0xf0, 0x05, 0x03]); // memory: bytes stay raw
  rows.push([0x21, 0x4e, 0x6f, 0xf2, 0x09, 0x05], [0x07, 0x47, 0x6f, 0xc5, 0x01, 0xff], [0x2d, 0x50, 0x6f, 0x00, 0xff, 0xff]);
  let sim: IpmiSim;
  let engine: IpmiEngine;

  beforeAll(async () => {
    const adds = rows.map((r) => `sel_add 0x20 0x02 0x00 0x00 0x00 0x00 0x20 0x00 0x04 ${r.map((b) => `0x${b.toString(16)}`).join(' ')}`);
    sim = await startIpmiSim({ emu: buildEmu().replace('mc_enable 0x20', [...adds, 'mc_enable 0x20'].join('\n')), name: 'sel-event-data' });
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  it(`${rows.length} records: description and sensor type equal ipmi-sel's`, async () => {
    const req = engine.session({ host: sim.host, port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 });
    const sdr = await ops.readSdrRepository(req);
    const mine = (await ops.listSel(req, { sdr: sdr.records })).entries;
    const ref = csvRows((await freeipmi(sim, 'ipmi-sel', ['--comma-separated-output', '--no-header-output'], privateDir('fk-sdrcache-'))).stdout);
    expect(ref.length).toBeGreaterThanOrEqual(rows.length);
    expect(mine.length).toBe(ref.length);
    const differing = ref
      .map((r, i) => ({ i, want: `${r[4]} | ${r.slice(5).join(',')}`, got: `${mine[i].sensorTypeName} | ${mine[i].description}` }))
      .filter((x) => x.want !== x.got);
    expect(differing).toEqual([]);
    // Decoded, not raw: a sample of what the tables add.
    const texts = mine.map((e) => e.description);
    expect(texts).toContain('Hard Reset ; Timer use at expiration = BIOS FRB2 ; Interrupt type = SMI');
    expect(texts).toContain('System Restart ; reset via pushbutton');
    expect(texts).toContain('System Firmware Error ; No system memory is physically installed in the system');
  });
});
