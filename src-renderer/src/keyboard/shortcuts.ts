/**
 * The window's keyboard shortcuts: one table (the shortcuts dialog lists it,
 * so what is shown is what works) and a small matcher for two-key sequences
 * such as "g d". Pure: no DOM, no Vue, so a unit test can drive it.
 */

export type ShortcutAction = { kind: 'go'; path: string } | { kind: 'help' } | { kind: 'search' };

export interface Shortcut {
  /** i18n key under keyboard.actions.<id>. */
  id: string;
  /** The keys in order, as KeyboardEvent.key gives them. */
  keys: readonly string[];
  action: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'dashboard', keys: ['g', 'd'], action: { kind: 'go', path: '/' } },
  { id: 'recovery', keys: ['g', 'r'], action: { kind: 'go', path: '/recovery' } },
  { id: 'traps', keys: ['g', 't'], action: { kind: 'go', path: '/traps' } },
  { id: 'inventory', keys: ['g', 'i'], action: { kind: 'go', path: '/inventory' } },
  { id: 'firmware', keys: ['g', 'f'], action: { kind: 'go', path: '/firmware' } },
  { id: 'dump', keys: ['g', 'u'], action: { kind: 'go', path: '/dump' } },
  { id: 'settings', keys: ['g', 's'], action: { kind: 'go', path: '/settings' } },
  { id: 'operations', keys: ['g', 'o'], action: { kind: 'go', path: '/operations' } },
  { id: 'search', keys: ['/'], action: { kind: 'search' } },
  { id: 'help', keys: ['?'], action: { kind: 'help' } },
];

/** A second key must follow the first within this time, as in other tools with "g" sequences. */
export const SEQUENCE_TIMEOUT_MS = 1500;

/** The parts of a key event the matcher needs (a KeyboardEvent has them all). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * Feeds keys one at a time; answers the shortcut a key completes, or null.
 * A key that starts a sequence is remembered until the timeout; any key that
 * fits nowhere starts afresh (so "g x d" is not "g d").
 */
export function createMatcher(table: readonly Shortcut[] = SHORTCUTS, timeoutMs = SEQUENCE_TIMEOUT_MS) {
  let pending: string[] = [];
  let since = 0;
  return {
    press(e: KeyLike, now: number): Shortcut | null {
      // Ctrl/Cmd/Alt combinations belong to the browser and the OS (copy, reload, menus).
      if (e.ctrlKey || e.metaKey || e.altKey) {
        pending = [];
        return null;
      }
      if (pending.length && now - since > timeoutMs) pending = [];
      const keys = [...pending, e.key];
      const done = table.find((s) => s.keys.length === keys.length && s.keys.every((k, i) => k === keys[i]));
      if (done) {
        pending = [];
        return done;
      }
      const prefix = table.some((s) => s.keys.length > keys.length && keys.every((k, i) => s.keys[i] === k));
      if (prefix) {
        pending = keys;
        since = now;
        return null;
      }
      // Not a continuation: maybe this key starts a sequence of its own.
      pending = table.some((s) => s.keys.length > 1 && s.keys[0] === e.key) ? [e.key] : [];
      since = now;
      return null;
    },
    /** True while the first key of a sequence waits for its second. */
    get waiting(): boolean {
      return pending.length > 0;
    },
    reset(): void {
      pending = [];
    },
  };
}

/** What an element is, as far as typing goes (an HTMLElement has these). */
export interface TargetLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
}

const NOT_TYPING_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/**
 * Shortcuts never fire while the engineer types: in a text field, a text
 * area, a select, or anything editable ("g" in a server name stays a "g").
 */
export function isTypingTarget(t: TargetLike | null | undefined): boolean {
  if (!t || !t.tagName) return false;
  const tag = t.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NOT_TYPING_INPUTS.has((t.type ?? 'text').toLowerCase());
  if (t.isContentEditable) return true;
  const role = t.getAttribute?.('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox';
}
