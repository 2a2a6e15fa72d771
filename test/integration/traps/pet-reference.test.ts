import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePet } from '../../../src-main/engines/snmp/pet';
import { interpretPet } from '../../../src-main/engines/snmp/interpret';
import { hasIpmiSim, startIpmiSim, type IpmiSim } from '../../support/ipmi-sim';
import { loadPetCorpus, spacedHex } from '../../support/pet-corpus';

/*
 * FreeIPMI's ipmi-pet is the reference decoder. It insists on loading an
 * SDR (this Debian build lacks --ignore-sdr-cache), so it is pointed at an
 * ipmi_sim whose only SDR record is a sensor no trap of the corpus uses:
 * every trap then reads "Sensor #N", as in our output.
 */
const hasIpmiPet = spawnSync('sh', ['-c', 'command -v ipmi-pet'], { encoding: 'utf8' }).status === 0;
const skip = !hasIpmiPet || !hasIpmiSim;
if (skip) console.warn(`pet-reference skipped: ${!hasIpmiPet ? 'ipmi-pet (apt freeipmi-tools)' : 'ipmi_sim (apt openipmi)'} not installed`);

const SDR_SENSOR = 0xee;
function compactSdr(sensor: number, name: string): string {
  const id = [...Buffer.from(name, 'latin1')];
  const body = [0x20, 0x00, sensor, 0x0b, 0x01, 0x67, 0x68, 0x21, 0x6f, 0xff, 0x03, 0xff, 0x03, 0xff, 0x03, 0xc0, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0xc0 | id.length, ...id];
  return [0, 0, 0x51, 0x02, body.length, ...body].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
}

const corpus = loadPetCorpus();
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface PetRow { date: string; time: string; name: string; type: string; guid: string; manufacturer: string; systemId: string; severity: string; direction: string; event: string }

describe.skipIf(skip)('PET decoding equals FreeIPMI ipmi-pet', () => {
  let sim: IpmiSim;
  let rows: PetRow[] = [];
  let dir: string;

  beforeAll(async () => {
    sim = await startIpmiSim({
      emu: `mc_setbmc 0x20
mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
main_sdr_add 0x20 ${compactSdr(SDR_SENSOR, 'Unused Slot')}
sensor_add 0x20 0 ${SDR_SENSOR} 0x21 0x6f
mc_enable 0x20
`,
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-ipmipet-'));
    fs.chmodSync(dir, 0o700);
    const cmdFile = path.join(dir, 'traps.txt');
    fs.writeFileSync(cmdFile, corpus.map((e) => `${e.specific} ${spacedHex(e.hex)}`).join('\n') + '\n');
    // One session for the whole corpus (--file); TZ=UTC because ipmi-pet converts with mktime().
    const r = spawnSync('ipmi-pet', [...sim.freeipmiArgs(), '--sdr-cache-directory', dir, '--quiet-cache', '-vv', '--output-event-severity', `--file=${cmdFile}`], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.trim());
    const header = lines[0].split(' | ').map((s) => s.trim());
    expect(header).toEqual(['Date', 'Time', 'Name', 'Type', 'GUID', 'Manufacturer ID', 'System ID', 'Severity', 'Event Direction', 'Event']);
    rows = lines.slice(1).map((l) => {
      const c = l.split(' | ');
      // The event column may itself contain " | " (threshold reading / threshold).
      const [date, time, name, type, guid, manufacturer, systemId, severity, direction] = c.slice(0, 9).map((s) => s.trim());
      return { date, time, name, type, guid, manufacturer, systemId, severity, direction, event: c.slice(9).join(' | ').trim() };
    });
  }, 60_000);

  afterAll(async () => {
    await sim?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads one row per corpus entry', () => {
    expect(rows.length).toBe(corpus.length);
  });

  it.each(corpus.map((e, i) => [e.name, i] as const))('%s', (_name, i) => {
    const entry = corpus[i];
    const row = rows[i];
    const r = decodePet(entry.specific, Buffer.from(entry.hex, 'hex'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.fields;
    const t = interpretPet(p);
    expect(t.sensorTypeName).toBe(row.type);
    expect(t.direction).toBe(row.direction);
    expect(t.severityName).toBe(row.severity);
    expect(p.guid).toBe(row.guid);
    expect(String(p.systemId)).toBe(row.systemId);
    expect(t.sensorName).toBe(row.name);
    // ipmi-pet appends event data and OEM fields with " | " and " ; ".
    expect(t.eventText).toBe(row.event.split(/ \| | ; /)[0].trim());
    if (p.oem.every((f) => f.kind === 'typed')) expect(t.eventDetail.trimEnd()).toBe(row.event.trimEnd());
    else expect(t.eventDetail.startsWith(row.event.split(' ; ')[0])).toBe(true);
    // Our table lists only numbers checked against the IANA registry; elsewhere we print the number.
    if (!/^\d+$/.test(t.manufacturer)) expect(t.manufacturer).toBe(row.manufacturer);
    else console.warn(`${entry.name}: manufacturer ${t.manufacturer} not in shared/ipmi/manufacturers (ipmi-pet: ${row.manufacturer})`);
    if (p.timestampRaw === 0) {
      expect(p.time).toBeUndefined();
      expect(row.date).toBe('N/A');
    } else {
      // ipmi-pet adds a specified UTC offset (signed minutes) to the local time; we keep the
      // local time and put the offset in the zone designator (decoders disagree on its sign).
      const shown = new Date((Date.UTC(1998, 0, 1) / 1000 + p.timestampRaw + (p.utcOffsetMinutes ?? 0) * 60) * 1000);
      const date = `${MONTHS[shown.getUTCMonth()]}-${String(shown.getUTCDate()).padStart(2, '0')}-${shown.getUTCFullYear()}`;
      const time = shown.toISOString().slice(11, 19);
      expect(`${date} ${time}`).toBe(`${row.date} ${row.time}`);
      expect(p.time?.slice(0, 19)).toBe(new Date((Date.UTC(1998, 0, 1) / 1000 + p.timestampRaw) * 1000).toISOString().slice(0, 19));
    }
  });
});
