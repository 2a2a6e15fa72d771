import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePet } from '../../../src-main/engines/snmp/pet';
import { encodePetAck, sendPetAck } from '../../../src-main/engines/snmp/pet-ack';
import { hasIpmiSim, startIpmiSim, type IpmiSim } from '../../support/ipmi-sim';
import { loadPetCorpus, spacedHex } from '../../support/pet-corpus';
import { hasSnmptrap, petV1Args, snmptrap, waitFor } from '../../support/snmp-tools';
import { makeTrapService } from '../../support/trap-service';

const hasIpmiPet = spawnSync('sh', ['-c', 'command -v ipmi-pet'], { encoding: 'utf8' }).status === 0;
const skip = !hasIpmiPet || !hasIpmiSim;
if (skip) console.warn('pet-ack skipped: needs ipmi-pet (freeipmi-tools) and ipmi_sim (openipmi)');

const corpus = loadPetCorpus();
const entry = corpus.find((c) => c.name === 'threshold-upper-critical')!; // event data 2/3 are not 0xFF: byte order shows

/** The "[ value h] = field" lines of ipmi-pet --debug's PET Acknowledge request. */
function ipmiPetAckFields(stderrAndOut: string): Record<string, number> {
  const block = stderrAndOut.split('PET Acknowledge Request')[1]?.split('IPMI Trailer')[0]?.split('IPMI Command Data:')[1] ?? '';
  const out: Record<string, number> = {};
  for (const m of block.matchAll(/\[\s*([0-9A-F]+)h\] = (\w+)\[/g)) out[m[2]] = parseInt(m[1], 16);
  return out;
}

describe.skipIf(skip)('PET Acknowledge (sessionless IPMI 1.5, like ipmi-pet --pet-acknowledge)', () => {
  let sim: IpmiSim;
  beforeAll(async () => {
    sim = await startIpmiSim();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('carries the same fields as ipmi-pet sends', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-petack-'));
    fs.chmodSync(dir, 0o700);
    try {
      const r = spawnSync('ipmi-pet', [...sim.freeipmiArgs(), '--sdr-cache-directory', dir, '--quiet-cache', '--pet-acknowledge', '--debug', String(entry.specific), ...spacedHex(entry.hex).split(' ')], { encoding: 'utf8', timeout: 30_000 });
      const ref = ipmiPetAckFields(r.stdout + r.stderr);
      expect(ref.cmd).toBe(0x17);
      const d = decodePet(entry.specific, Buffer.from(entry.hex, 'hex'));
      if (!d.ok) throw new Error('decode');
      const ours = encodePetAck(d.fields, 1);
      const data = ours.subarray(14 + 6, ours.length - 1);
      expect(ours[14 + 1] >> 2).toBe(0x04); // netFn Sensor/Event
      expect(ours[14 + 5]).toBe(0x17);
      expect(data.readUInt16LE(0)).toBe(ref.sequence_number);
      expect(data.readUInt32LE(2)).toBe(ref.local_timestamp);
      expect(data[6]).toBe(ref.event_source_type);
      expect(data[7]).toBe(ref.sensor_device);
      expect(data[8]).toBe(ref.sensor_number);
      expect(data[9] | (data[10] << 8) | (data[11] << 16)).toBe(ref.event_data);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gets an answer from a BMC (ipmi_sim answers 0xD5: not supported in this state)', async () => {
    const d = decodePet(entry.specific, Buffer.from(entry.hex, 'hex'));
    if (!d.ok) throw new Error('decode');
    const cc = await sendPetAck({ host: '127.0.0.1', port: sim.port, pet: d.fields, timeoutMs: 500 });
    expect(typeof cc).toBe('number');
    expect(cc).toBe(0xd5);
  });

  it('fails with a catalogued error when nobody answers, and honours AbortSignal', async () => {
    const d = decodePet(entry.specific, Buffer.from(entry.hex, 'hex'));
    if (!d.ok) throw new Error('decode');
    const dgram = await import('node:dgram');
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    try {
      await expect(sendPetAck({ host: '127.0.0.1', port: silent.address().port, pet: d.fields, timeoutMs: 100, retries: 1 })).rejects.toMatchObject({ id: 'TRAPS_ACK_FAILED' });
      const ac = new AbortController();
      const p = sendPetAck({ host: '127.0.0.1', port: silent.address().port, pet: d.fields, timeoutMs: 5000, signal: ac.signal });
      ac.abort();
      await expect(p).rejects.toMatchObject({ id: 'TRAPS_ACK_FAILED', params: { detail: 'cancelled' } });
    } finally {
      silent.close();
    }
  });

  it.skipIf(!hasSnmptrap)('the service acknowledges PETs from known BMCs when configured', async () => {
    const acks: number[] = [];
    const { svc, dir } = makeTrapService({
      resolveSource: (a) => (a === '127.0.0.1' ? { server: 'server1', ipmiPort: sim.port } : undefined),
      acknowledge: async (event, signal, match) => {
        acks.push(await sendPetAck({ host: event.source.address, port: match!.ipmiPort!, pet: event.pet!, signal, timeoutMs: 500 }));
      },
    });
    try {
      const events: string[] = [];
      svc.onEvent((e) => events.push(e.ack ?? 'none'));
      const st = await svc.start({ address: '127.0.0.1', port: 0, communities: ['public'], acknowledge: true });
      await snmptrap(petV1Args(`127.0.0.1:${st.port}`, 'public', entry.specific, entry.hex));
      expect(await waitFor(() => acks.length === 1)).toBe(true);
      expect(events).toEqual(['sent']);
      expect(acks).toEqual([0xd5]);
    } finally {
      await svc.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
