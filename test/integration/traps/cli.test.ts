import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIELDKIT_BIN } from '../../support/headless-host';
import { findFreeUdpPort } from '../../support/ipmi-sim';
import { loadPetCorpus, spacedHex } from '../../support/pet-corpus';
import { hasSnmptrap, petV1Args, petV2Args, petV3Args, snmptrap, waitFor } from '../../support/snmp-tools';

const corpus = loadPetCorpus();
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-traps-cli-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

function fieldkit(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [FIELDKIT_BIN, '--home', home, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
}

describe('fieldkit traps decode (offline, like ipmi-pet)', () => {
  it('decodes corpus entries; --json carries the ipmi-pet texts and the class', () => {
    // A sample (each spawn costs ~0.6 s); the whole corpus is decoded in the unit and reference tests.
    const sample = ['slot-fault-assert', 'threshold-upper-critical', 'oem-fields-typed', 'os-runtime-stop'].map((n) => corpus.find((c) => c.name === n)!);
    for (const e of sample) {
      const r = fieldkit(['traps', 'decode', String(e.specific), ...spacedHex(e.hex).split(' '), '--json']);
      expect(r.status, r.stderr).toBe(0);
      const d = JSON.parse(r.stdout);
      expect(d.pet.raw).toBe(e.hex);
      expect(d.class, e.name).toBe(e.expectClass);
      expect(typeof d.petTexts.eventText).toBe('string');
    }
  });

  it('accepts hex specific traps and one run of hex; prints ipmi-pet style lines', () => {
    const e = corpus[0];
    const r = fieldkit(['traps', 'decode', `0x${e.specific.toString(16)}`, e.hex]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Type: +Slot\/Connector$/m);
    expect(r.stdout).toMatch(/^Event: +Fault Status asserted$/m);
    expect(r.stdout).toMatch(/^Class: +fencing \(critical\)/m);
  });

  it('refuses bad input with a catalogued error and exit 1', () => {
    const bad = fieldkit(['traps', 'decode', '2191104', 'zz']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/TRAPS_DECODE_BAD_HEX/);
    const short = fieldkit(['traps', 'decode', '2191104', 'a1b2c3', '--json']);
    expect(short.status).toBe(1);
    expect(JSON.parse(short.stdout).error.id).toBe('TRAPS_PET_BAD_LENGTH');
    expect(fieldkit(['traps', 'decode', '99999999999', corpus[0].hex]).stderr).toMatch(/TRAPS_PET_BAD_SPECIFIC/);
  });
});

describe.skipIf(!hasSnmptrap)('fieldkit traps listen and log', () => {
  it('prints one JSON object per trap, then `traps log` finds them', async () => {
    const port = await findFreeUdpPort();
    // The community comes on stdin, never on the command line (the process list shows argv).
    const child = spawn(process.execPath, [FIELDKIT_BIN, '--home', home, 'traps', 'listen', '--address', '127.0.0.1', '--port', String(port), '--json', '--count', '2', '--community-stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end('public\n');
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    try {
      expect(await waitFor(() => /Listening for traps on/.test(err), 10_000)).toBe(true);
      const [a, b] = [corpus[0], corpus.find((c) => c.expectClass === 'predictive-failure')!];
      await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', a.specific, a.hex));
      await snmptrap(petV2Args(`127.0.0.1:${port}`, 'public', b.specific, b.hex));
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.class)).toEqual(['fencing', 'predictive-failure']);
    expect(lines[0].petTexts.eventText).toBe('Fault Status asserted');
    expect(lines[0].petTexts.sensorTypeName).toBe('Slot/Connector');
    expect(err).toMatch(/received 2, accepted 2/);

    const log = fieldkit(['traps', 'log', '--class', 'fencing', '--json']);
    expect(log.status).toBe(0);
    const found = JSON.parse(log.stdout);
    expect(found.length).toBe(1);
    expect(found[0].pet.raw).toBe(corpus[0].hex);
    const text = fieldkit(['traps', 'log']);
    expect(text.stdout.trim().split('\n').length).toBe(2);
    expect(fieldkit(['traps', 'log', '--since', 'yesterday']).status).toBe(1);
  });

  it('takes communities and SNMPv3 users from traps.json, keys from the environment', async () => {
    const home2 = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-traps-cli-v3-'));
    try {
      const port = await findFreeUdpPort();
      fs.writeFileSync(path.join(home2, 'traps.json'), JSON.stringify({ address: '127.0.0.1', port, communities: ['bmc-community'], users: [{ name: 'bmcuser', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' }] }));
      const child = spawn(process.execPath, [FIELDKIT_BIN, '--home', home2, 'traps', 'listen', '--json', '--count', '2'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, FIELDKIT_SNMP_AUTH_KEY: 'auth-key-12345', FIELDKIT_SNMP_PRIV_KEY: 'priv-key-67890' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      try {
        expect(await waitFor(() => /Listening for traps on 127\.0\.0\.1:/.test(err), 10_000)).toBe(true);
        const e = corpus[0];
        await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', e.specific, e.hex)); // not configured: refused
        await snmptrap(petV1Args(`127.0.0.1:${port}`, 'bmc-community', e.specific, e.hex));
        await snmptrap(petV3Args(`127.0.0.1:${port}`, { user: 'bmcuser', auth: 'SHA', authPass: 'auth-key-12345', priv: 'AES', privPass: 'priv-key-67890' }, corpus[1].specific, corpus[1].hex));
        expect(await exited).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGTERM');
      }
      const lines = out.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.version)).toEqual(['v1', 'v3']);
      expect(err).toMatch(/unauthorised 1/);
    } finally {
      fs.rmSync(home2, { recursive: true, force: true });
    }
  });

  it('has no default community, says how to set one, and refuses --community on argv', async () => {
    const port = await findFreeUdpPort();
    const none = fieldkit(['traps', 'listen', '--address', '127.0.0.1', '--port', String(port), '--duration', '1'], { FIELDKIT_SNMP_COMMUNITY: '' });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/TRAPS_NO_CREDENTIALS/);
    expect(none.stderr).toMatch(/FIELDKIT_SNMP_COMMUNITY/);
    expect(none.stderr).toMatch(/--community-stdin/);
    const argv = fieldkit(['traps', 'listen', '--address', '127.0.0.1', '--port', String(port), '--community', 'secret-on-argv', '--duration', '1']);
    expect(argv.status).toBe(2); // usage error
    expect(argv.stderr).toMatch(/CLI_USAGE/);
    expect(argv.stderr).toMatch(/process list/);
    expect(fieldkit(['traps', 'listen', '--help']).stdout).toMatch(/--community-stdin/);
  });

  it('a port in use gives the catalogued bind error and exit 1', async () => {
    const dgram = await import('node:dgram');
    const holder = dgram.createSocket('udp4');
    await new Promise<void>((r) => holder.bind(0, '127.0.0.1', () => r()));
    try {
      const r = fieldkit(['traps', 'listen', '--address', '127.0.0.1', '--port', String(holder.address().port), '--duration', '1'], { FIELDKIT_SNMP_COMMUNITY: 'from-env' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/TRAPS_BIND_IN_USE/);
      expect(r.stderr).toMatch(/snmptrapd/);
    } finally {
      holder.close();
    }
  });
});
