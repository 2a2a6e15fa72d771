import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMessageId } from '../../../shared/messages';
import { dumpStamp, redactFile, redactValue, SecretScrubber } from '../../../src-main/services/dump';
import { repoRoot, sampleInventory } from '../../support/inventory';
import dumpTexts from '../../../src-renderer/src/i18n/dump';

describe('dump redaction', () => {
  it('empties secret-looking keys at any depth, keeps flags and ordinary fields', () => {
    const v = redactValue({ name: 'n', password: 'x1', nested: [{ token: 't', kgStored: true, community: 'public', keep: 3 }], apiKey: 'k' }) as Record<string, unknown>;
    expect(v).toEqual({ name: 'n', password: '[redacted]', nested: [{ token: '[redacted]', kgStored: true, community: '[redacted]', keep: 3 }], apiKey: '[redacted]' });
  });

  it('leaves the (secret-free) inventory as it is', () => {
    const inv = sampleInventory();
    expect(redactValue(inv)).toEqual(inv);
  });

  it('cuts known secrets out of text, also in their JSON-escaped form, longest first', () => {
    const s = new SecretScrubber();
    s.add('ab"cd\\ef');
    s.add('abc-secret');
    s.add('abc-secret-longer');
    s.add('');
    s.add('xy'); // too short to scrub safely
    const text = `a abc-secret-longer b abc-secret c ${JSON.stringify({ p: 'ab"cd\\ef' })} xy`;
    const out = s.scrub(text);
    expect(out).toBe('a [redacted] b [redacted] c {"p":"[redacted]"} xy');
    expect(s.scrubBuffer(Buffer.from('zz abc-secret zz')).toString()).toBe('zz [redacted] zz');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x01]);
    expect(s.scrubBuffer(binary)).toBe(binary);
  });

  it('redacts JSON and JSON-lines files (with rotated generations) by key, keeps torn lines', () => {
    const lines = `${JSON.stringify({ message: 'm', data: { password: 'p' } })}\n{torn\n`;
    expect(redactFile('logs/events.jsonl.3', Buffer.from(lines)).toString()).toBe(`${JSON.stringify({ message: 'm', data: { password: '[redacted]' } })}\n{torn\n`);
    expect(JSON.parse(redactFile('cases/x.json', Buffer.from('{"secret":"s"}')).toString())).toEqual({ secret: '[redacted]' });
    expect(redactFile('cases/x.txt', Buffer.from('password=p')).toString()).toBe('password=p');
  });

  it('names the archive with a UTC yyyymmddHHMMSS stamp', () => {
    expect(dumpStamp(new Date(Date.UTC(2026, 10, 2, 3, 4, 5)))).toBe('20261102030405');
  });

  it('every error id the dump service throws is catalogued', () => {
    const src = ['service.ts', 'bmc-collect.ts'].map((f) => fs.readFileSync(path.join(repoRoot, 'src-main/services/dump', f), 'utf8')).join('\n');
    const ids = new Set([...src.matchAll(/new FieldKitError\('([A-Z_]+)'/g)].map((m) => m[1]));
    // Its own (DUMP_*) and the shared ones (an unknown server is SERVER_UNKNOWN for every job).
    expect([...ids].filter((id) => id.startsWith('DUMP_')).length).toBeGreaterThanOrEqual(3);
    expect(ids.has('SERVER_UNKNOWN')).toBe(true);
    for (const id of ids) expect(isMessageId(id), id).toBe(true);
  });

  it('the view texts have the same keys in English and Japanese', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`])).sort();
    expect(keys(dumpTexts.en)).toEqual(keys(dumpTexts.ja));
    expect(keys(dumpTexts.en).length).toBeGreaterThan(5);
  });
});
