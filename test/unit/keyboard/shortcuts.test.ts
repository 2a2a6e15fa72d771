import { describe, expect, it } from 'vitest';
import { buildMessages } from '../../../src-renderer/src/i18n/messages';
import { createMatcher, isTypingTarget, SEQUENCE_TIMEOUT_MS, SHORTCUTS } from '../../../src-renderer/src/keyboard/shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('"g" then a letter completes a sequence; the first key alone does nothing', () => {
    const m = createMatcher();
    expect(m.press(key('g'), 0)).toBeNull();
    expect(m.waiting).toBe(true);
    expect(m.press(key('r'), 100)?.id).toBe('recovery');
    expect(m.waiting).toBe(false);
    expect(m.press(key('d'), 200)).toBeNull();
  });

  it('a second key too late, or another key between, starts afresh', () => {
    const m = createMatcher();
    m.press(key('g'), 0);
    expect(m.press(key('t'), SEQUENCE_TIMEOUT_MS + 1)).toBeNull();
    m.press(key('g'), 5000);
    expect(m.press(key('x'), 5100)).toBeNull();
    expect(m.press(key('d'), 5200)).toBeNull();
    // "g g d": the second g starts the sequence again.
    m.press(key('g'), 6000);
    m.press(key('g'), 6100);
    expect(m.press(key('d'), 6200)?.id).toBe('dashboard');
  });

  it('single keys: ? opens the list, / the search box; never with Ctrl, Cmd or Alt', () => {
    const m = createMatcher();
    expect(m.press(key('?'), 0)?.action).toEqual({ kind: 'help' });
    expect(m.press(key('/'), 0)?.action).toEqual({ kind: 'search' });
    expect(m.press(key('/', { ctrlKey: true }), 0)).toBeNull();
    m.press(key('g'), 0);
    expect(m.press(key('d', { metaKey: true }), 10)).toBeNull();
    expect(m.press(key('d'), 20)).toBeNull();
  });

  it('no shortcut is typed into a field', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', getAttribute: (n) => (n === 'role' ? 'combobox' : null) })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'LI', getAttribute: () => 'menuitem' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('the table is unambiguous and every entry is described in both languages', () => {
    const seqs = SHORTCUTS.map((s) => s.keys.join(' '));
    expect(new Set(seqs).size).toBe(seqs.length);
    // No sequence is the start of another one (it would fire before the longer one could).
    for (const a of SHORTCUTS) for (const b of SHORTCUTS) if (a !== b) expect(b.keys.slice(0, a.keys.length).join(' ') === a.keys.join(' ') && b.keys.length > a.keys.length).toBe(false);
    const { en, ja } = buildMessages() as unknown as Record<'en' | 'ja', { keyboard: { actions: Record<string, string> }; nav: Record<string, string> }>;
    for (const s of SHORTCUTS) {
      expect(en.keyboard.actions[s.id], s.id).toBeTruthy();
      expect(ja.keyboard.actions[s.id], s.id).toBeTruthy();
      // A "go" shortcut names a page of the menu.
      if (s.action.kind === 'go') expect(en.nav[s.id], s.id).toBeTruthy();
    }
  });
});
