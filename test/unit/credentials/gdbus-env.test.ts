import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { minimalChildEnv, probeSecretServiceLock } from '../../../src-main/services/credentials/backend';

/*
 * Issue 13, finding 9: gdbus (the keyring lock probe) used to be run from
 * PATH with the whole environment, FIELDKIT_PASSWORD included. Now: an
 * absolute path and a minimal environment.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-gdbus-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform !== 'linux')('gdbus child process', () => {
  it('is never looked up in PATH', async () => {
    const marker = path.join(dir, 'ran');
    const fake = path.join(dir, 'gdbus');
    // A gdbus planted early in PATH that records its environment.
    fs.writeFileSync(fake, `#!/bin/sh\nenv > '${marker}'\necho '(<true>,)'\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, FIELDKIT_PASSWORD: 'Gdbus-Leak-Pw-1' };
    await probeSecretServiceLock(3000, env);
    expect(fs.existsSync(marker)).toBe(false);
    // Even when pointed at that very file (the absolute path list), it gets no secret in its environment.
    await probeSecretServiceLock(3000, env, [fake]);
    expect(fs.readFileSync(marker, 'utf8')).not.toContain('Gdbus-Leak-Pw-1');
    expect(fs.readFileSync(marker, 'utf8')).not.toContain('FIELDKIT_');
  });

  it('keeps only what finding the session bus needs', () => {
    const env = minimalChildEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x', HOME: '/h', FIELDKIT_PASSWORD: 'p', FIELDKIT_SNMP_AUTH_KEY: 'k', PATH: '/evil' });
    expect(env).toEqual({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x', HOME: '/h', PATH: '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' });
  });
});
