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
      // Another process (a new cache over the same folder) reads the file.
      expect(await new FileSdrCache(dir).get('k1')).toEqual(['0100', 'abcd']);
      for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), '{"key":"k1","records":["zz"]}');
      expect(await new FileSdrCache(dir).get('k1')).toBeUndefined();
      for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), 'not json');
      expect(await new FileSdrCache(dir).get('k1')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a known repository from memory without the file; a caller changing its copy changes nothing kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-sdrc-'));
    try {
      const c = new FileSdrCache(dir);
      await c.set('k1', ['0100', 'abcd']);
      const fromFile = new FileSdrCache(dir);
      expect(await fromFile.get('k1')).toEqual(['0100', 'abcd']);
      // Once read, the file is not needed again by this process.
      fs.rmSync(dir, { recursive: true, force: true });
      const copy = await fromFile.get('k1');
      expect(copy).toEqual(['0100', 'abcd']);
      copy?.push('ffff');
      expect(await fromFile.get('k1')).toEqual(['0100', 'abcd']);
      expect(await c.get('k1')).toEqual(['0100', 'abcd']);
      expect(await new FileSdrCache(dir).get('k1')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the 512 most recently used repositories in memory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-sdrc-'));
    try {
      const c = new FileSdrCache(dir);
      for (let i = 0; i < 512; i++) await c.set(`k${i}`, [i.toString(16).padStart(4, '0')]);
      await c.get('k0'); // used again: k1 is now the oldest
      await c.set('k512', ['0200']); // the 513th: k1 goes
      fs.rmSync(dir, { recursive: true, force: true });
      expect(await c.get('k0')).toEqual(['0000']);
      expect(await c.get('k1')).toBeUndefined();
      expect(await c.get('k2')).toEqual(['0002']);
      expect(await c.get('k512')).toEqual(['0200']);
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
