import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTrapConfig, trapConfigFile } from '../../../src-main/services/traps/config';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-trapcfg-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('traps.json', () => {
  it('missing file = empty configuration', () => {
    expect(loadTrapConfig(home)).toEqual({});
  });
  it('reads communities, v3 users (without keys) and settings', () => {
    const cfg = { port: 10162, communities: ['public', 'bmc'], users: [{ name: 'bmcuser', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' }], acknowledge: true };
    fs.writeFileSync(trapConfigFile(home), JSON.stringify(cfg));
    expect(loadTrapConfig(home)).toEqual(cfg);
  });
  it('refuses a key put in the file, without echoing it', () => {
    fs.writeFileSync(trapConfigFile(home), JSON.stringify({ users: [{ name: 'u', level: 'authNoPriv', authKey: 'super-secret-key-1' }] }));
    let err: unknown;
    try {
      loadTrapConfig(home);
    } catch (e) {
      err = e;
    }
    expect((err as { id: string }).id).toBe('TRAPS_CONFIG_INVALID');
    expect((err as Error).message).not.toContain('super-secret-key-1');
  });
  it('refuses broken JSON and wrong types', () => {
    fs.writeFileSync(trapConfigFile(home), '{');
    expect(() => loadTrapConfig(home)).toThrow(/not valid/);
    fs.writeFileSync(trapConfigFile(home), JSON.stringify({ port: 'x' }));
    expect(() => loadTrapConfig(home)).toThrow(/port/);
  });
});
