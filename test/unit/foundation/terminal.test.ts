import { describe, expect, it } from 'vitest';
import { escapeTerminal, escapeTerminalLine } from '../../../shared/terminal';

/* Issue 13, finding 7: control characters from a BMC or a trap are shown escaped in text output. */
describe('escapeTerminal', () => {
  it('escapes ESC, CR, BS, BEL, DEL, C1 CSI and bidi overrides; keeps text, tabs and line breaks', () => {
    expect(escapeTerminal('OK\x1b[2K\r...Fake')).toBe('OK\\x1b[2K\\r...Fake');
    expect(escapeTerminal('a\bb\x07c\x7fd\u009b2Ke')).toBe('a\\x08b\\x07c\\x7fd\\x9b2Ke');
    expect(escapeTerminal('abc\u202Edef')).toBe('abc\\u202edef');
    expect(escapeTerminal('line 1\n\tline 2 富士通')).toBe('line 1\n\tline 2 富士通');
    expect(escapeTerminalLine('one\ntwo')).toBe('one\\ntwo');
  });
});
