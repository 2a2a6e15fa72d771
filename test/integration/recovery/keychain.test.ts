import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialService } from '../../../src-main/services/credentials/service';
import { hasIpmiSim, skipReason, stopAllSims } from '../../support/ipmi-sim';
import { cliEnv, makeHome, powerLog, runCli, startFencedServer } from './setup';

// The BMC password from the real keychain (gnome-keyring on a private bus via
// scripts/with-keyring.sh); outside it, the keychain's own catalogued error.
const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
const why = skipReason({ sim: true });
if (why) console.warn(`recovery keychain test ${why}`);
if (!inKeyring) console.warn('recovery keychain test: not under scripts/with-keyring.sh; checking the catalogued keychain error instead of a stored password');

const homes: string[] = [];
afterAll(async () => {
  await stopAllSims();
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

describe.skipIf(!hasIpmiSim)('recover with the password from the keychain', () => {
  it('reads the password from the keychain, or fails with a catalogued error before any case step touches the BMC', async () => {
    const sim = await startFencedServer({ faulted: false });
    const h = makeHome(sim);
    homes.push(h);
    const env = cliEnv(sim);
    delete env.FIELDKIT_PASSWORD;
    if (inKeyring) {
      const creds = new CredentialService();
      // Nothing stored yet: a clear "no password" error, not a wrong-password handshake.
      await creds.delete({ host: '127.0.0.1', port: sim.port }, sim.username).catch(() => false);
      const none = await runCli(['--home', h, 'recover', 'node1', '--yes', '--json'], env);
      expect(none.code).toBe(1);
      expect(JSON.parse(none.stdout.trim().split('\n').pop()!).error.id).toBe('RECOVERY_NO_PASSWORD');
      await creds.set({ host: '127.0.0.1', port: sim.port }, sim.username, sim.password);
      await creds.set({ host: '127.0.0.1', port: sim.secondaryPort! }, sim.username, sim.password);
      // Nothing was asked of the BMC, so there is no case to resume or abort.
      expect(JSON.parse((await runCli(['--home', h, 'cases', 'list', '--json'], env)).stdout)).toEqual([]);
      const ok = await runCli(['--home', h, 'recover', 'node1', '--yes', '--json'], env);
      expect(ok.code, ok.stderr + ok.stdout).toBe(0);
      expect(JSON.parse(ok.stdout).phase).toBe('nothing-to-recover');
    } else {
      const r = await runCli(['--home', h, 'recover', 'node1', '--yes', '--json'], { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/fieldkit-test-bus' });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout.trim().split('\n').pop()!).error.id).toMatch(/^(CRED_[A-Z_]+|RECOVERY_NO_PASSWORD)$/);
      expect(JSON.parse((await runCli(['--home', h, 'cases', 'list', '--json'], env)).stdout)).toEqual([]);
    }
    expect(powerLog(sim)).toEqual([]);
    // Nothing FieldKit wrote holds the password.
    const written = fs.readdirSync(h, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    for (const f of written) expect(fs.readFileSync(`${f.parentPath}/${f.name}`, 'utf8'), f.name).not.toContain(sim.password);
    await sim.stop();
  });
});
