import dgram from 'node:dgram';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrapEvent } from '../../../shared/model/trap';
import { decodePet } from '../../../src-main/engines/snmp/pet';
import { FieldKitError } from '../../../shared/errors';
import { loadPetCorpus } from '../../support/pet-corpus';
import { hasSnmptrap, petV1Args, petV2Args, petV3Args, snmptrap, waitFor, type V3Creds } from '../../support/snmp-tools';
import { makeTrapService } from '../../support/trap-service';
import type { TrapService } from '../../../src-main/services/traps';

if (!hasSnmptrap) console.warn('traps listener tests skipped: snmptrap (apt snmp) not installed');

const corpus = loadPetCorpus();
const V3: V3Creds = { user: 'fkuser', auth: 'SHA', authPass: 'auth-pass-123', priv: 'AES', privPass: 'priv-pass-456' };
const V3_USER = { name: 'fkuser', level: 'authPriv' as const, authProtocol: 'sha' as const, authKey: 'auth-pass-123', privProtocol: 'aes' as const, privKey: 'priv-pass-456' };

let running: { svc: TrapService; dir: string }[] = [];
afterEach(async () => {
  for (const r of running) {
    await r.svc.stop();
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
  running = [];
});

async function listen(address = '127.0.0.1', extra: Parameters<TrapService['start']>[0] = {}) {
  const r = makeTrapService();
  running.push(r);
  const events: TrapEvent[] = [];
  r.svc.onEvent((e) => events.push(e));
  const st = await r.svc.start({ address, port: 0, communities: ['public'], users: [V3_USER], rateLimit: { perSecond: 0, burst: 0 }, ...extra });
  return { ...r, events, port: st.port!, target: `127.0.0.1:${st.port}` };
}

if (!hasSnmptrap) console.warn('trap listener tests with snmptrap skipped: snmptrap (apt snmp) is not installed');
describe.skipIf(!hasSnmptrap)('trap listener with Net-SNMP snmptrap', () => {
  it('receives the whole corpus as v1 PETs and decodes and classifies each', async () => {
    const l = await listen();
    for (const e of corpus) {
      const r = await snmptrap(petV1Args(l.target, 'public', e.specific, e.hex));
      expect(r.code, r.stderr).toBe(0);
    }
    expect(await waitFor(() => l.events.length === corpus.length)).toBe(true);
    for (const [i, entry] of corpus.entries()) {
      const ev = l.events[i];
      expect(ev.version).toBe('v1');
      expect(ev.pet?.raw).toBe(entry.hex);
      expect(ev.specificTrap).toBe(entry.specific);
      const direct = decodePet(entry.specific, Buffer.from(entry.hex, 'hex'));
      expect(direct.ok && direct.fields.guid).toBe(ev.pet?.guid);
      expect(ev.class, entry.name).toBe(entry.expectClass);
      expect(ev.server).toBe('server1');
      expect(ev.cluster).toBe('cluster-a');
    }
    const fencing = l.events.find((e) => e.class === 'fencing')!;
    expect(fencing.nextStep.action).toBe('start-recovery');
    expect(fencing.nextStep.en).toBe('Start recovery for server1');
    expect(fencing.severity).toBe('critical');
    expect(fencing.petTexts?.eventText).toBe('Fault Status asserted');
    // The persistent log has every event, newest first, and filters work.
    const logged = l.svc.search({ class: 'fencing' });
    expect(logged.length).toBe(corpus.filter((c) => c.expectClass === 'fencing').length);
    expect(l.svc.search({ server: 'nope' })).toEqual([]);
  });

  it('receives v2c traps, v2c informs and v3 authPriv traps', async () => {
    const l = await listen();
    const [a, b, c] = corpus;
    expect((await snmptrap(petV2Args(l.target, 'public', a.specific, a.hex))).code).toBe(0);
    expect((await snmptrap(petV2Args(l.target, 'public', b.specific, b.hex), 'snmpinform')).code).toBe(0); // waits for our response
    const v3 = await snmptrap(petV3Args(l.target, V3, c.specific, c.hex));
    expect(v3.code, v3.stderr).toBe(0);
    expect(await waitFor(() => l.events.length === 3)).toBe(true);
    expect(l.events.map((e) => [e.version, e.pdu, e.pet?.raw])).toEqual([
      ['v2c', 'trap', a.hex],
      ['v2c', 'inform', b.hex],
      ['v3', 'trap', c.hex],
    ]);
    expect(l.events[2].user).toBe('fkuser');
    expect(l.events[0].class).toBe(a.expectClass);
  });

  it('counts wrong community, unknown v3 user and wrong v3 keys as unauthorised', async () => {
    const l = await listen();
    const e = corpus[0];
    await snmptrap(petV1Args(l.target, 'wrong', e.specific, e.hex));
    await snmptrap(petV2Args(l.target, 'private', e.specific, e.hex));
    await snmptrap(petV3Args(l.target, { ...V3, user: 'nobody' }, e.specific, e.hex));
    await snmptrap(petV3Args(l.target, { ...V3, authPass: 'wrong-auth-pass' }, e.specific, e.hex));
    await snmptrap(petV3Args(l.target, { ...V3, privPass: 'wrong-priv-pass' }, e.specific, e.hex));
    expect(await waitFor(() => l.svc.status().counters.unauthorised === 5)).toBe(true);
    expect(l.events).toEqual([]);
    // And the listener still takes a good one.
    await snmptrap(petV1Args(l.target, 'public', e.specific, e.hex));
    expect(await waitFor(() => l.events.length === 1)).toBe(true);
    l.svc.log.flush(); // the log is written in batches
    const secretsInLog = fs.readFileSync(l.svc.log.path, 'utf8');
    for (const s of ['auth-pass-123', 'priv-pass-456', 'public']) expect(secretsInLog.includes(s)).toBe(false);
  });

  it('listens on a udp6 socket and matches IPv4 senders through IPv4-mapped addresses', async (ctx) => {
    let l;
    try {
      // A v4-mapped loopback address: an IPv6 socket that sees IPv4 senders as ::ffff:a.b.c.d (as on ::), loopback only.
      l = await listen('::ffff:127.0.0.1');
    } catch (e) {
      console.warn(`skipped: no IPv6 on this machine (${(e as Error).message})`);
      ctx.skip();
      return;
    }
    const e = corpus[0];
    await snmptrap(petV1Args(l.target, 'public', e.specific, e.hex));
    expect(await waitFor(() => l.events.length === 1)).toBe(true);
    expect(l.events[0].source.address).toBe('127.0.0.1');
    expect(l.events[0].server).toBe('server1');
  });

  it('keeps traps from unknown sources in their own list', async () => {
    const r = makeTrapService({ resolveSource: () => undefined });
    running.push(r);
    const events: TrapEvent[] = [];
    r.svc.onEvent((e) => events.push(e));
    const st = await r.svc.start({ address: '127.0.0.1', port: 0, communities: ['public'] });
    const e = corpus[0];
    await snmptrap(petV1Args(`127.0.0.1:${st.port}`, 'public', e.specific, e.hex));
    expect(await waitFor(() => events.length === 1)).toBe(true);
    const s = r.svc.status();
    expect(s.counters.unknownSource).toBe(1);
    expect(s.unknownSources.map((u) => [u.address, u.count])).toEqual([['127.0.0.1', 1]]);
    expect(events[0].known).toBe(false);
    expect(events[0].nextStep.action).toBe('review');
    expect(r.svc.search({ unknownOnly: true }).length).toBe(1);
  });

  it('suppresses duplicates (BMC doubles and retransmissions) within the window', async () => {
    const l = await listen('127.0.0.1', { duplicateWindowMs: 60_000 });
    const e = corpus[0];
    for (let i = 0; i < 3; i++) await snmptrap(petV1Args(l.target, 'public', e.specific, e.hex));
    const other = corpus[1];
    await snmptrap(petV1Args(l.target, 'public', other.specific, other.hex));
    expect(await waitFor(() => l.svc.status().counters.received === 4)).toBe(true);
    await waitFor(() => l.events.length === 2);
    expect(l.events.length).toBe(2);
    expect(l.svc.status().counters.duplicate).toBe(2);
  });

  it('survives a handler that throws and goes on decoding', async () => {
    const l = await listen();
    let calls = 0;
    l.svc.onEvent(() => {
      calls++;
      throw new Error('handler bug');
    });
    l.svc.onBatch(() => {
      throw new Error('batch handler bug');
    });
    for (const e of corpus.slice(0, 3)) await snmptrap(petV1Args(l.target, 'public', e.specific, e.hex));
    expect(await waitFor(() => l.events.length === 3 && calls === 3)).toBe(true);
    expect(l.svc.status().counters.handlerErrors).toBeGreaterThanOrEqual(3);
    expect(l.svc.listening).toBe(true);
  });
});

describe('bind errors are catalogued and leave the service usable', () => {
  it('EADDRINUSE names the port and how to fix it', async () => {
    const holder = dgram.createSocket('udp4');
    await new Promise<void>((r) => holder.bind(0, '127.0.0.1', () => r()));
    const port = holder.address().port;
    const r = makeTrapService();
    running.push(r);
    try {
      const err = await r.svc.start({ address: '127.0.0.1', port, communities: ['public'] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(FieldKitError);
      expect((err as FieldKitError).id).toBe('TRAPS_BIND_IN_USE');
      const text = (err as FieldKitError).render('en');
      expect(text.text).toContain(String(port));
      expect(text.remedy).toMatch(/snmptrapd/);
      expect(text.remedy).toMatch(/trap destination/);
      expect(r.svc.listening).toBe(false);
      expect(r.svc.status().lastError?.id).toBe('TRAPS_BIND_IN_USE');
    } finally {
      holder.close();
    }
    // The same service starts once the port is free (the app kept running).
    const st = await r.svc.start({ address: '127.0.0.1', port: 0, communities: ['public'] });
    expect(st.listening).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)('EACCES on a privileged port says setcap or another port', async () => {
    const r = makeTrapService();
    running.push(r);
    const err = await r.svc.start({ address: '127.0.0.1', port: 162, communities: ['public'] }).catch((e: unknown) => e);
    expect((err as FieldKitError).id).toBe('TRAPS_BIND_EACCES');
    expect((err as FieldKitError).render('en').remedy).toMatch(/setcap cap_net_bind_service/);
  });
  if (process.getuid?.() === 0) console.warn('EACCES test skipped: running as root, port 162 would bind (unit test covers the mapping)');
});
