import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldKitError, toErrorPayload } from '../../../shared/errors';
import { catalogue, messageTables, renderMessage, type MessageDef } from '../../../shared/messages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  const entries = Object.entries(catalogue);

  it('has entries', () => {
    expect(entries.length).toBeGreaterThan(10);
  });

  it.each(entries)('%s has English, Japanese and a remedy in both', (_id, def) => {
    for (const text of [def.en, def.ja, def.remedy.en, def.remedy.ja]) {
      expect(typeof text).toBe('string');
      expect(text.trim().length).toBeGreaterThan(3);
    }
    // Japanese text must actually be Japanese (kana or kanji), not a copy of the English.
    expect(def.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(def.remedy.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(def.ja).not.toBe(def.en);
  });

  it.each(entries)('%s uses the same placeholders in both languages', (_id, def) => {
    expect(placeholders(def.ja)).toEqual(placeholders(def.en));
    expect(placeholders(def.remedy.ja)).toEqual(placeholders(def.remedy.en));
  });

  it('ids are unique across the domain tables', () => {
    const seen = new Map<string, string>();
    for (const [table, defs] of Object.entries(messageTables)) {
      for (const id of Object.keys(defs)) {
        expect(seen.get(id), `${id} is in both ${seen.get(id)} and ${table}`).toBeUndefined();
        seen.set(id, table);
      }
    }
  });

  it('one meaning, one id: no two ids say the same thing in English', () => {
    const byText = new Map<string, string[]>();
    for (const [id, def] of entries) byText.set(def.en, [...(byText.get(def.en) ?? []), id]);
    expect([...byText.values()].filter((ids) => ids.length > 1)).toEqual([]);
  });

  it('every id is used by the code (an id nothing throws or shows is dead)', () => {
    const repo = path.resolve(__dirname, '..', '..', '..');
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|vue)$/.test(e.name) && !p.includes(`${path.sep}shared${path.sep}messages${path.sep}`)) sources.push(fs.readFileSync(p, 'utf8'));
      }
    };
    for (const d of ['shared', 'src-main', path.join('src-renderer', 'src')]) walk(path.join(repo, d));
    const code = sources.join('\n');
    expect(entries.map(([id]) => id).filter((id) => !new RegExp(`\\b${id}\\b`).test(code))).toEqual([]);
  });

  it('window remedies name pages and buttons, never a CLI command, in both languages, with only the message\'s own values', () => {
    const withWindow = (entries as Array<[string, MessageDef]>).filter(([, def]) => def.remedyWindow);
    expect(withWindow.length).toBeGreaterThan(15);
    for (const [id, def] of withWindow) {
      for (const lang of ['en', 'ja'] as const) {
        const r = renderMessage(id, {}, lang, 'window').remedy;
        expect(r, `${id} ${lang}`).not.toMatch(/fieldkit |(^|[\s(])--[a-z]/);
        expect(r).toBe(def.remedyWindow![lang]);
      }
      expect(def.remedyWindow!.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      const known = new Set([...placeholders(def.en), ...placeholders(def.remedy.en)]);
      for (const p of [...placeholders(def.remedyWindow!.en), ...placeholders(def.remedyWindow!.ja)]) expect(known.has(p), `${id}: {${p}}`).toBe(true);
    }
    // The ones the window walkthrough met with CLI advice (issue 16): now the window's own.
    for (const id of ['RECOVERY_CASE_OPEN', 'TRAPS_BIND_IN_USE', 'TRAPS_BIND_EACCES', 'FIRMWARE_CHECK_SLOT_FAULT'] as const) {
      expect(renderMessage(id, {}, 'en', 'window').remedy).not.toBe(renderMessage(id, {}, 'en').remedy);
    }
    // The command line keeps its commands.
    expect(renderMessage('RECOVERY_CASE_OPEN', { caseId: 'c-1' }, 'en').remedy).toContain('fieldkit recover --resume c-1');
  });

  it('ids are upper snake case', () => {
    for (const [id] of entries) expect(id).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it('renders params and the remedy in the chosen language', () => {
    const en = renderMessage('HOST_PORT_IN_USE', { port: 8123, address: '127.0.0.1' }, 'en');
    const ja = renderMessage('HOST_PORT_IN_USE', { port: 8123, address: '127.0.0.1' }, 'ja');
    expect(en.text).toContain('8123');
    expect(ja.text).toContain('8123');
    expect(ja.text).not.toBe(en.text);
    expect(en.remedy).toMatch(/--port/);
  });

  it('turns unknown errors into INTERNAL and keeps catalogued ones', () => {
    expect(toErrorPayload(new Error('boom')).id).toBe('INTERNAL');
    expect(toErrorPayload(new Error('boom')).params.detail).toBe('boom');
    const e = new FieldKitError('CLI_USAGE', { detail: 'x' });
    expect(toErrorPayload(e)).toEqual({ id: 'CLI_USAGE', params: { detail: 'x' }, message: e.message });
  });
});
