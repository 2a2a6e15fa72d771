/**
 * Text from a BMC or a trap (FRU strings, SEL text, sensor names, OEM fields,
 * varbinds) shown on a terminal: control characters are escaped so that a
 * BMC cannot move the cursor, erase a line or hide a "Fault" line. Pure TS.
 *
 * Escaped: C0 controls except LF and TAB (ESC → \x1b, CR → \r, BS → \x08),
 * DEL, C1 controls (U+0080–U+009F, e.g. the one-byte CSI U+009B), and the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069).
 * Escapes are for display, not a round trip (a backslash is left as it is).
 * Only for text mode: JSON output carries the exact values.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\r') return '\\r';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Like escapeTerminal, and a line break inside one value becomes \n (for one-line fields). */
export function escapeTerminalLine(text: string): string {
  return escapeTerminal(text).replace(/\n/g, '\\n');
}
