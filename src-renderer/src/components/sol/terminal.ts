import type { Terminal } from '@xterm/xterm';
import { withCspSafeStyles } from './csp-styles';

/** What the console panel needs of a terminal: show bytes, hand back keystrokes, go away. */
export interface ConsoleTerminal {
  write(bytes: Uint8Array): void;
  clear(): void;
  focus(): void;
  /** The visible screen as text, one line per row (tests read this). */
  screenText(): string;
  dispose(): void;
}

/**
 * Opens an xterm.js terminal in `host`. The library and its CSS are loaded
 * here, on first use, so they stay out of the first screen's JavaScript and
 * are fetched only with a page that shows a console.
 */
export async function openTerminal(element: unknown, onKeys: (data: string) => void): Promise<ConsoleTerminal> {
  // Typed loosely so that a .vue file can pass its template ref without naming DOM types.
  const host = element as HTMLElement;
  const [{ Terminal: XTerm }] = await Promise.all([import('@xterm/xterm'), import('@xterm/xterm/css/xterm.css')]);
  const term: Terminal = new XTerm({
    convertEol: false,
    cursorBlink: true,
    rows: 24,
    cols: 100,
    scrollback: 5000,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 13,
    theme: { background: '#101418', foreground: '#d8dee9' },
  });
  withCspSafeStyles(host.ownerDocument, () => term.open(host));
  const sub = term.onData(onKeys);
  return {
    write: (bytes) => term.write(bytes),
    clear: () => term.reset(),
    focus: () => term.focus(),
    screenText: () => {
      const b = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n');
    },
    dispose: () => {
      sub.dispose();
      withCspSafeStyles(host.ownerDocument, () => term.dispose());
    },
  };
}

/** base64 (as the main process sends console bytes) to bytes. */
export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Keystrokes (a JS string) as UTF-8 bytes in base64, cut into pieces the sol.write channel accepts. */
export function keysToBase64(data: string, maxBytes = 3000): string[] {
  const bytes = new TextEncoder().encode(data);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += maxBytes) {
    let bin = '';
    for (const b of bytes.subarray(i, i + maxBytes)) bin += String.fromCharCode(b);
    out.push(btoa(bin));
  }
  return out;
}
