/**
 * The dashboard's sweeps and the keychain (src-main/services/monitor/secret-cache.ts):
 * the password is read once, not per sweep; a password FieldKit stores is used
 * at the next sweep; a password changed outside FieldKit costs one refused
 * login, then the keychain is read again. Real ipmi_sim; the real keychain
 * (gnome-keyring on a private bus) under scripts/with-keyring.sh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BmcAddress, Inventory } from '../../../shared/model/inventory';
import { keychainAccount, KEYCHAIN_SERVICE } from '../../../src-main/services/credentials';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { monitorOf } from '../../../src-main/services/monitor/wire';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { clone, sampleInventory } from '../../support/inventory';
import { tempServices } from '../../support/temp-services';

const canRun = hasIpmiSim && hasIpmitool;
if (!canRun) console.warn(`[monitor secrets] skipping: ${skipReason({ sim: true, ipmitool: true })}`);
const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
if (canRun && !inKeyring) console.warn('[monitor secrets] not under scripts/with-keyring.sh: the change made outside FieldKit (in the keychain itself) is not tried');

describe.skipIf(!canRun)('the monitor reads the keychain once, not per sweep', () => {
  let sim: IpmiSim;
  let ep: BmcAddress;
  const env = tempServices();
  const link = async () => (await monitorOf(env.services).status())[0].links[0];

  beforeAll(async () => {
    sim = await startIpmiSim({ name: 'mon-secrets', power: true });
    ep = { host: '127.0.0.1', port: sim.port };
    const inv: Inventory = sampleInventory();
    const server = clone(inv.clusters[0].servers[0]);
    server.name = 'node';
    server.account = sim.username;
    server.ipmi.kgStored = false;
    server.bmc = { primary: ep };
    inv.clusters = [{ ...inv.clusters[0], servers: [server] }];
    fs.writeFileSync(path.join(env.home, 'inventory.json'), JSON.stringify(inv, null, 2));
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
    await stopAllSims();
  });

  it('a wrong password is refused; the one FieldKit stores next is used at the next sweep; later sweeps read nothing', async () => {
    const creds = credentialsOf(env.services);
    const gets = vi.spyOn(creds, 'get');
    try {
      creds.setSessionOnly(ep, sim.username, `${sim.password}-not`);
      expect(await link()).toMatchObject({ link: 'NG', reason: 'password refused' });
      creds.setSessionOnly(ep, sim.username, sim.password);
      for (let sweep = 0; sweep < 4; sweep++) expect((await link()).link).toBe('OK');
      // One read for the refused sweep, one after FieldKit's own write; none for the three sweeps after.
      expect(gets).toHaveBeenCalledTimes(2);
    } finally {
      gets.mockRestore();
    }
  });

  it.skipIf(!inKeyring)('a password changed outside FieldKit (on the BMC and in the keychain): one refused login, then the keychain is read again', async () => {
    const creds = credentialsOf(env.services);
    // Into the real keychain through FieldKit, and the session-only one of the test above gone.
    await creds.delete(ep, sim.username);
    await creds.set(ep, sim.username, sim.password);
    expect((await link()).link).toBe('OK');
    const changed = 'changed-pw-42';
    const set = await sim.ipmitool(['user', 'set', 'password', '2', changed]);
    expect(set.code, set.stderr).toBe(0);
    // As another process (the fieldkit CLI, the desktop's keyring manager) would: not through this service.
    const keytar = (await import('keytar')).default;
    await keytar.setPassword(KEYCHAIN_SERVICE, keychainAccount(ep, sim.username), changed);
    try {
      // The kept password is tried once and refused; that refusal sends the next sweep to the keychain.
      expect(await link()).toMatchObject({ link: 'NG', reason: 'password refused' });
      expect((await link()).link).toBe('OK');
      expect((await link()).link).toBe('OK');
    } finally {
      await creds.delete(ep, sim.username);
    }
  });
});
