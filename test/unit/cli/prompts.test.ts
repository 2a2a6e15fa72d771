import { describe, expect, it } from 'vitest';
import { CLI_TEXTS, cliText } from '../../../src-main/cli/prompts';

/** The CLI's own questions and progress lines exist in English and Japanese, and the Japanese is Japanese. */
describe('CLI prompts', () => {
  const sample = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'node1' : i === 1 ? 2 : 'x'));

  it('every text has both languages, says something different in each, and keeps its arguments', () => {
    for (const [key, t] of Object.entries(CLI_TEXTS)) {
      const args = sample(t.en.length);
      const en = (t.en as (...a: unknown[]) => string)(...args);
      const ja = (t.ja as (...a: unknown[]) => string)(...args);
      expect(en, key).not.toBe(ja);
      expect(ja, key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      if (t.en.length > 0) expect(ja, key).toContain('node1');
    }
  });

  it('Japanese uses the manuals\' terms (サーバ, クラスタ), never サーバー or クラスター', () => {
    const all = Object.values(CLI_TEXTS).map((t) => (t.ja as (...a: unknown[]) => string)(...sample(t.ja.length))).join('\n');
    expect(all).toContain('サーバ');
    expect(all).not.toMatch(/サーバー|クラスター/);
  });

  it('the recovery questions end where the terminal test answers them', () => {
    expect(cliText('en', 'typeNameToPowerOff', 'node1')).toBe("Type the server's name (node1) to power it OFF:");
    expect(cliText('ja', 'powerOnServer', 'node1')).toBe('node1 の電源を ON にしますか?');
  });
});
