import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DumpManifest, DumpResult } from '../../../shared/model/dump';
import { isMessageId, renderMessage } from '../../../shared/messages';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { dumpOf } from '../../../src-main/services/dump/wire';
import { bmcServiceOf } from '../../../src-main/services/bmc';
import { buildEmu } from '../../fixtures/ipmi/emu';
import { allFiles } from '../../support/inventory';
import { findFreeUdpPort, hasIpmiSim, hasIpmitool, releasePort, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { tempServices } from '../../support/temp-services';
import { runCli, serverAt, writeInventory } from '../firmware/helpers';

const canRun = hasIpmiSim && hasIpmitool;
if (!canRun) console.warn(`[dump] skipping dump tests: ${skipReason({ sim: true, ipmitool: true })}`);

// Distinctive secrets: none of them may appear in any file of a dump.
const ALIVE_PW = 'Alive-S3cr3t-91';
const BRAVO_PW = 'Bravo-S3cr3t-77';
const DEAD_PW = 'Dead-S3cr3t-42x';
const PLANTED = 'Planted-Tok3n-55';
const BRAVO_KG = 'Kg-Bravo-S3cr3t';
const KEYRING_PW = 'Keyr1ng-S3cr3t-08';
const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
if (canRun && !inKeyring) console.warn('[dump] real-keychain dump test skipped: not running under scripts/with-keyring.sh (no FIELDKIT_KEYRING_READY)');

function extract(archive: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-dump-x-'));
  const r = spawnSync('tar', ['-xzf', archive, '-C', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar -x failed: ${r.stderr}`);
  return dir;
}

function rootOf(dir: string): string {
  const [name] = fs.readdirSync(dir);
  return path.join(dir, name);
}

describe.skipIf(!canRun)('fieldkit dump against ipmi_sim', () => {
  let alive: IpmiSim;
  let bravo: IpmiSim;
  let deadPort: number;
  const env = tempServices('4.5.6-dump');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-dump-out-'));
  const cleanup: string[] = [out];
  let result: DumpResult;
  let root: string;

  beforeAll(async () => {
    [alive, bravo] = await Promise.all([
      startIpmiSim({ emu: buildEmu(), secondary: true, name: 'dump-alive', password: ALIVE_PW }),
      startIpmiSim({ name: 'dump-bravo', password: BRAVO_PW, kg: BRAVO_KG }),
    ]);
    // A few more SEL entries: a deassertion and a threshold crossing.
    await alive.consoleCommand('sensor_set_bit 0x20 0 0x32 0 1 1');
    await alive.consoleCommand('sensor_set_bit 0x20 0 0x32 0 0 1');
    deadPort = await findFreeUdpPort();
    const servers = [serverAt('alive', alive.port, alive.secondaryPort), serverAt('halfdead', deadPort, bravo.port)];
    // The live BMC of the half-dead server wants a Kg: it comes from the keychain and must be scrubbed too.
    servers[1].ipmi.kgStored = true;
    writeInventory(env.home, servers);
    const creds = credentialsOf(env.services);
    creds.setSessionOnly(servers[0].bmc.primary, 'admin', ALIVE_PW);
    creds.setSessionOnly(servers[0].bmc.secondary!, 'admin', ALIVE_PW);
    creds.setSessionOnly(servers[1].bmc.primary, 'admin', DEAD_PW);
    creds.setSessionOnly(servers[1].bmc.secondary!, 'admin', BRAVO_PW);
    creds.setSessionOnly(servers[1].bmc.secondary!, 'admin', BRAVO_KG, 'kg');
    // FieldKit state that must come along: a rotated log generation, a case, a firmware record,
    // and leaks the redaction step must catch (a secret key in a case, a used password in a log line).
    env.services.logs.events.write('info', 'test event', { note: 'dump test' });
    fs.writeFileSync(path.join(env.home, 'logs', 'events.jsonl.1'), `${JSON.stringify({ when: '2026-01-01T00:00:00Z', level: 'warn', message: `older generation; oops ${ALIVE_PW}` })}\n`);
    fs.mkdirSync(path.join(env.home, 'cases'), { recursive: true });
    fs.writeFileSync(path.join(env.home, 'cases', 'case-1.json'), JSON.stringify({ id: 'case-1', server: 'alive', password: PLANTED, nested: [{ token: PLANTED }] }));
    fs.mkdirSync(path.join(env.home, 'firmware'), { recursive: true });
    fs.writeFileSync(path.join(env.home, 'firmware', 'alive-20260101-000000-000.json'), JSON.stringify({ kind: 'preflight', server: 'alive' }));

    const steps: string[] = [];
    result = await dumpOf(env.services).run({ outputDir: out, onProgress: (p) => steps.push(`${p.server ?? ''}:${p.step}`) });
    expect(steps).toEqual(expect.arrayContaining(['alive:sel', 'halfdead:bmc', ':archive']));
    root = rootOf(extract(result.file));
    cleanup.push(path.dirname(root));
  }, 90_000);

  afterAll(async () => {
    await env.cleanup();
    await stopAllSims();
    releasePort(deadPort);
    for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
  });

  it('writes FieldKitDump.<yyyymmddHHMMSS>.tar.gz whose manifest lists every file with a matching size and sha256', () => {
    expect(path.basename(result.file)).toMatch(/^FieldKitDump\.\d{14}\.tar\.gz$/);
    expect(path.basename(root)).toBe(path.basename(result.file, '.tar.gz'));
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as DumpManifest;
    const onDisk = allFiles(root).map((f) => path.relative(root, f).split(path.sep).join('/')).filter((f) => f !== 'manifest.json').sort();
    expect(manifest.files.map((f) => f.path).sort()).toEqual(onDisk);
    for (const f of manifest.files) {
      const data = fs.readFileSync(path.join(root, f.path));
      expect(data.length, f.path).toBe(f.size);
      expect(createHash('sha256').update(data).digest('hex'), f.path).toBe(f.sha256);
    }
    expect(manifest.fieldkit.version).toBe('4.5.6-dump');
    expect(onDisk).toEqual(expect.arrayContaining([
      'inventory.json', 'versions.json', 'logs/events.jsonl', 'logs/events.jsonl.1', 'cases/case-1.json', 'firmware/alive-20260101-000000-000.json',
      'servers/alive/device.json', 'servers/alive/chassis.json', 'servers/alive/sdr.json', 'servers/alive/sdr-raw.txt', 'servers/alive/sensors.json',
      'servers/alive/slots.json', 'servers/alive/sensors-raw.txt', 'servers/alive/sel.json', 'servers/alive/sel-raw.txt', 'servers/alive/fru.json', 'servers/alive/bmc.json',
    ]));
    // No temp staging left next to the archive.
    expect(fs.readdirSync(out)).toEqual([path.basename(result.file)]);
  });

  it('raw sensor readings are the bytes ipmitool raw 0x04 0x2d returns', async () => {
    const lines = fs.readFileSync(path.join(root, 'servers/alive/sensors-raw.txt'), 'utf8').trim().split('\n');
    const cpu = lines.find((l) => l.includes('CPU Temp'))!;
    expect(cpu).toMatch(/^01 lun 0 CPU Temp: cc=00 /);
    const ref = (await alive.ipmitool(['raw', '0x04', '0x2d', '0x01'])).stdout.trim().split(/\s+/).join(' ');
    expect(cpu.replace(/^.*cc=00 /, '')).toBe(ref);
    const sensors = JSON.parse(fs.readFileSync(path.join(root, 'servers/alive/sensors.json'), 'utf8')) as { name: string; kind: string }[];
    expect(lines.length).toBe(sensors.filter((x) => x.kind !== 'event-only').length);
  });

  it('the SEL in the dump equals what ipmitool sel elist lists (count and texts)', async () => {
    const sel = JSON.parse(fs.readFileSync(path.join(root, 'servers/alive/sel.json'), 'utf8')) as { entries: { recordId: number; sensorName?: string; event?: string; assertion?: boolean; raw: string }[] };
    const elist = (await alive.ipmitool(['sel', 'elist'])).stdout.trim().split('\n').filter(Boolean);
    expect(sel.entries.length).toBeGreaterThanOrEqual(3);
    expect(sel.entries.length).toBe(elist.length);
    for (const [i, e] of sel.entries.entries()) {
      const cols = elist[i].split('|').map((c) => c.trim());
      expect(parseInt(cols[0], 16), elist[i]).toBe(e.recordId);
      expect(cols[3], elist[i]).toContain(e.sensorName!);
      // FieldKit words events like FreeIPMI ("Fault Status asserted"); ipmitool's text is the same without the state word.
      expect(e.event!.toLowerCase().startsWith(cols[4].toLowerCase()), `${elist[i]} vs ${e.event}`).toBe(true);
      expect(cols[4].length).toBeGreaterThan(3);
      expect(cols[5] === 'Asserted', elist[i]).toBe(e.assertion);
    }
    const raw = fs.readFileSync(path.join(root, 'servers/alive/sel-raw.txt'), 'utf8').trim().split('\n');
    expect(raw).toEqual(sel.entries.map((e) => e.raw));
  });

  it('records the dead BMC address and goes on with the live one of the same server', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as DumpManifest;
    const half = manifest.servers.find((s) => s.server === 'halfdead')!;
    expect(half.errors.some((e) => e.step === 'connect' && e.bmc === `primary 127.0.0.1:${deadPort}`)).toBe(true);
    expect(half.answeredBy).toBe(`secondary 127.0.0.1:${bravo.port}`);
    expect(half.collected).toEqual(expect.arrayContaining(['device', 'sel']));
    const bmc = JSON.parse(fs.readFileSync(path.join(root, 'servers/halfdead/bmc.json'), 'utf8')) as { role: string; ping: boolean; session: boolean }[];
    expect(bmc.map((b) => [b.role, b.ping, b.session])).toEqual([['primary', false, false], ['secondary', true, true]]);
    const aliveSummary = manifest.servers.find((s) => s.server === 'alive')!;
    expect(aliveSummary.errors).toEqual([]);
  });

  it('keeps each recorded error as an id and its values, so a reader renders it in its own language', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as DumpManifest;
    const dead = manifest.servers.find((s) => s.server === 'halfdead')!.errors.find((e) => e.step === 'connect')!;
    expect(isMessageId(dead.errorId)).toBe(true);
    expect(dead.params).toBeDefined();
    // The English kept for support equals the catalogue's rendering of the stored id and values, and the Japanese differs from it.
    expect(renderMessage(dead.errorId, dead.params, 'en').text).toBe(dead.message.replace(/ \(RMCP presence ping\)$/, ''));
    const ja = renderMessage(dead.errorId, dead.params, 'ja').text;
    expect(ja).not.toBe(renderMessage(dead.errorId, dead.params, 'en').text);
    expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('contains no secret anywhere, and the case file lost its password by key', () => {
    for (const f of allFiles(root)) {
      const text = fs.readFileSync(f, 'latin1');
      for (const s of [ALIVE_PW, BRAVO_PW, DEAD_PW, PLANTED, BRAVO_KG]) expect(text.includes(s), `${s} in ${path.relative(root, f)}`).toBe(false);
    }
    const c = JSON.parse(fs.readFileSync(path.join(root, 'cases/case-1.json'), 'utf8'));
    expect(c.password).toBe('[redacted]');
    expect(c.server).toBe('alive');
    expect(fs.readFileSync(path.join(root, 'logs/events.jsonl.1'), 'utf8')).toContain('older generation; oops [redacted]');
  });

  it('CLI: dump --server with FIELDKIT_PASSWORD, --no-bmc, unknown server refused', async () => {
    await bmcServiceOf(env.services).close();
    const cliOut = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-dump-cli-'));
    cleanup.push(cliOut);
    const cliEnv = { ...process.env, FIELDKIT_PASSWORD: ALIVE_PW, FIELDKIT_LANG: 'en' };
    const r = await runCli(['--home', env.home, '--json', 'dump', '--server', 'alive', '--output', cliOut], cliEnv);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const res = JSON.parse(r.stdout) as DumpResult;
    expect(res.servers.map((s) => [s.server, s.errors.length])).toEqual([['alive', 0]]);
    const x = extract(res.file);
    cleanup.push(x);
    for (const f of allFiles(x)) expect(fs.readFileSync(f, 'latin1').includes(ALIVE_PW), f).toBe(false);
    const noBmc = await runCli(['--home', env.home, 'dump', '--no-bmc', '--output', cliOut], cliEnv);
    expect(noBmc.code, noBmc.stderr).toBe(0);
    expect(noBmc.stderr).toMatch(/\[\d+\/\d+\] archive/);
    // Two dumps in the same folder never overwrite each other, even within one second.
    expect(fs.readdirSync(cliOut).filter((f) => f.endsWith('.tar.gz')).length).toBe(2);
    const unknown = await runCli(['--home', env.home, 'dump', '--server', 'nosuch', '--output', cliOut], cliEnv);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('SERVER_UNKNOWN');
  });

  it.skipIf(!inKeyring)('CLI with the password in the real keychain (gnome-keyring): the dump reads the BMC and holds no trace of it', async () => {
    await bmcServiceOf(env.services).close();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-dump-kr-'));
    cleanup.push(home);
    const [server] = [serverAt('alive', alive.port, alive.secondaryPort)];
    writeInventory(home, [server]);
    const keychain = tempServices('kr');
    try {
      // Each address gets its own distinctive password; the simulator accepts only ALIVE_PW, so the keychain one fails
      // authentication on the secondary while the primary's real password is also kept only in the keychain.
      await credentialsOf(keychain.services).set(server.bmc.primary, 'admin', ALIVE_PW);
      await credentialsOf(keychain.services).set(server.bmc.secondary!, 'admin', KEYRING_PW);
      const { FIELDKIT_PASSWORD: _omit, ...base } = process.env;
      void _omit;
      const r = await runCli(['--home', home, '--json', 'dump', '--output', home], { ...base, FIELDKIT_LANG: 'en' });
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const res = JSON.parse(r.stdout) as DumpResult;
      expect(res.servers[0].collected).toEqual(expect.arrayContaining(['device', 'sel']));
      expect(res.servers[0].errors.some((e) => e.bmc === `secondary 127.0.0.1:${alive.secondaryPort}`)).toBe(true);
      const x = extract(res.file);
      cleanup.push(x);
      for (const f of allFiles(x)) {
        const text = fs.readFileSync(f, 'latin1');
        for (const s of [ALIVE_PW, KEYRING_PW]) expect(text.includes(s), `${s} in ${f}`).toBe(false);
      }
    } finally {
      await credentialsOf(keychain.services).delete(server.bmc.primary, 'admin').catch(() => undefined);
      await credentialsOf(keychain.services).delete(server.bmc.secondary!, 'admin').catch(() => undefined);
      await keychain.cleanup();
    }
  });
});
