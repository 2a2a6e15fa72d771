import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { FileSdrCache, runCommand, splitLine } from '../../../src-main/services/bmc';
import { ReplayRequester } from './recorded';

describe('FileSdrCache', () => {
  it('stores and returns records by key; a corrupt file is a miss', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-sdrc-'));
    try {
      const c = new FileSdrCache(dir);
      expect(await c.get('k1')).toBeUndefined();
      await c.set('k1', ['0100', 'abcd']);
      expect(await c.get('k1')).toEqual(['0100', 'abcd']);
      expect(await c.get('k2')).toBeUndefined();
      for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), '{"key":"k1","records":["zz"]}');
      expect(await c.get('k1')).toBeUndefined();
      for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), 'not json');
      expect(await c.get('k1')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('command runner', () => {
  it('splits exec lines with quotes and comments', () => {
    expect(splitLine('rearm "PCI Slot 5"  # fault')).toEqual(['rearm', 'PCI Slot 5']);
    expect(splitLine('   # only a comment')).toEqual([]);
    expect(splitLine('raw 0x04 0x2d 0x35')).toEqual(['raw', '0x04', '0x2d', '0x35']);
  });

  it('refuses power changes and SEL clear unless confirmed', async () => {
    const req = new ReplayRequester();
    for (const words of [['power', 'off'], ['sel', 'clear']]) {
      const e = await runCommand(words, { requester: req }).catch((x) => x);
      expect(e).toBeInstanceOf(FieldKitError);
      expect(e.id).toBe('CLI_CONFIRMATION_REQUIRED');
    }
    expect(req.sent.some((h) => h.startsWith('0002') || h.startsWith('0a47'))).toBe(false);
  });

  it('rejects unknown words with a catalogued error', async () => {
    const e = await runCommand(['fly', 'away'], { requester: new ReplayRequester() }).catch((x) => x);
    expect(e.id).toBe('IPMICMD_BAD_ARGUMENT');
  });

  it('slots text on recorded answers', async () => {
    const r = await runCommand(['slots'], { requester: new ReplayRequester() });
    expect(r.text).toContain('PCI Slot 5: Fault Status asserted, Device installed/attached');
  });
});
