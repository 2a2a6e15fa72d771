import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classify, nextStepFor } from '../../../src-main/engines/snmp/classify';
import { tableSeverity } from '../../../src-main/engines/snmp/interpret';
import { decodePetText } from '../../../src-main/engines/snmp/offline';
import { decodePet } from '../../../src-main/engines/snmp/pet';
import { loadProfiles } from '../../../src-main/engines/snmp/profiles';
import { loadPetCorpus } from '../../support/pet-corpus';
import { BUILTIN_PROFILES } from '../../support/trap-service';

const corpus = loadPetCorpus();
const builtIn = loadProfiles({ builtInDir: BUILTIN_PROFILES });
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-profiles-'));
afterAll(() => fs.rmSync(userDir, { recursive: true, force: true }));

describe('built-in PET profile', () => {
  it('loads without problems and cites its source', () => {
    expect(builtIn.problems).toEqual([]);
    expect(builtIn.profiles.map((p) => p.name)).toEqual(['ipmi-pet-standard']);
    expect(builtIn.profiles[0].source).toMatch(/PET/);
  });

  it.each(corpus.map((e) => [e.name, e] as const))('%s', (_n, e) => {
    const d = decodePetText(String(e.specific), [e.hex], builtIn.profiles);
    expect(d.class).toBe(e.expectClass);
  });

  it('a fencing event is critical and its next step is recovery of the server', () => {
    const d = decodePetText('0x216F00', [corpus[0].hex], builtIn.profiles);
    expect(d.severity).toBe('critical');
    expect(nextStepFor(d.class, 'server1', true)).toMatchObject({ action: 'start-recovery', en: 'Start recovery for server1', ja: 'server1 のリカバリを開始してください' });
  });

  it('a deasserted fault is not fencing and the table rating of the fault does not apply', () => {
    const e = corpus.find((c) => c.name === 'slot-fault-deassert')!;
    const r = decodePet(e.specific, Buffer.from(e.hex, 'hex'));
    if (!r.ok) throw new Error('decode');
    const c = classify({ trapOid: 'x', pet: r.fields, tableSeverity: tableSeverity(r.fields) }, builtIn.profiles);
    expect(c.class).toBe('other');
    expect(c.severity).toBe('info');
  });

  it('unknown sources get a review step whatever the class', () => {
    expect(nextStepFor('fencing', '192.0.2.9', false).action).toBe('review');
  });
});

describe('vendor profiles (user editable)', () => {
  it('a user profile maps a non-PET enterprise trap and wins over the built-in one', () => {
    fs.writeFileSync(
      path.join(userDir, 'example-vendor.json'),
      JSON.stringify({
        name: 'example-vendor',
        description: 'test profile with the documentation OID arc',
        rules: [
          { match: { enterprise: '1.3.6.1.4.1.32473.1', genericTrap: 6, specificTrap: 12 }, class: 'fencing', severity: 'critical' },
          { match: { trapOidPrefix: '1.3.6.1.4.1.32473.2' }, class: 'performance' },
          { match: { pet: { sensorType: 0xc0, eventType: 0x70, offset: 3, manufacturerId: 119 } }, class: 'fencing' },
        ],
      }),
    );
    fs.writeFileSync(path.join(userDir, 'broken.json'), '{ "name": "broken", "rules": [ { "match": {}, "class": "fencing" } ] }');
    fs.writeFileSync(path.join(userDir, 'not-json.json'), '{');
    const loaded = loadProfiles({ userDir, builtInDir: BUILTIN_PROFILES });
    expect(loaded.profiles.map((p) => [p.name, p.builtIn])).toEqual([
      ['example-vendor', false],
      ['ipmi-pet-standard', true],
    ]);
    expect(loaded.problems.map((p) => p.id)).toEqual(['TRAPS_PROFILE_INVALID', 'TRAPS_PROFILE_INVALID']);
    expect(loaded.problems[0].message).toMatch(/broken\.json/);

    const v1 = classify({ enterprise: '1.3.6.1.4.1.32473.1', genericTrap: 6, specificTrap: 12, trapOid: '1.3.6.1.4.1.32473.1.0.12' }, loaded.profiles);
    expect(v1).toMatchObject({ class: 'fencing', severity: 'critical', profile: 'example-vendor' });
    expect(classify({ trapOid: '1.3.6.1.4.1.32473.2.5' }, loaded.profiles).class).toBe('performance');
    expect(classify({ trapOid: '1.3.6.1.4.1.32473.20' }, loaded.profiles).class).toBe('other');
    const oem = corpus.find((c) => c.name === 'oem-sensor-type')!;
    expect(decodePetText(String(oem.specific), [oem.hex], loaded.profiles)).toMatchObject({ class: 'fencing', profile: 'example-vendor' });
    expect(decodePetText(String(oem.specific), [oem.hex], builtIn.profiles).class).toBe('other');
  });

  it('a missing user folder is not an error', () => {
    expect(loadProfiles({ userDir: path.join(userDir, 'nope'), builtInDir: BUILTIN_PROFILES }).problems).toEqual([]);
  });
});
