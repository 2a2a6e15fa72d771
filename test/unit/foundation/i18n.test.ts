import { describe, expect, it } from 'vitest';
import { buildMessages, initialLanguage } from '../../../src-renderer/src/i18n/messages';

/** Every leaf key path of a nested message object. */
function keyPaths(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(o: unknown): string[] {
  if (typeof o === 'string') return [o];
  if (typeof o !== 'object' || o === null) return [];
  return Object.values(o).flatMap(leaves);
}

describe('UI texts', () => {
  const { en, ja } = buildMessages();

  it('Japanese and English have the same keys', () => {
    expect(keyPaths(ja).sort()).toEqual(keyPaths(en).sort());
  });

  it('no text is empty', () => {
    for (const s of [...leaves(en), ...leaves(ja)]) expect(s.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const ph = (s: unknown) => (typeof s === 'string' ? [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : []);
    const get = (o: unknown, p: string) => p.split('.').reduce<unknown>((a, k) => (a as Record<string, unknown>)?.[k], o);
    for (const p of keyPaths(en)) expect(ph(get(ja, p)), p).toEqual(ph(get(en, p)));
  });

  it('the default follows the OS or browser locale until the user chooses', () => {
    expect(initialLanguage(null, ['ja-JP', 'en-US'])).toBe('ja');
    expect(initialLanguage(null, ['en-GB'])).toBe('en');
    expect(initialLanguage(null, ['de-DE', 'ja'])).toBe('ja');
    expect(initialLanguage('en', ['ja-JP'])).toBe('en');
    expect(initialLanguage('xx', ['ja-JP'])).toBe('ja');
  });
});
