/**
 * Every Japanese text follows docs/glossary.md: the manuals' spelling of each
 * term. The table is read from the glossary itself, so adding a row there is
 * enough for the check to cover it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../shared/messages';

const REPO = path.resolve(__dirname, '..', '..', '..');
const GLOSSARY = fs.readFileSync(path.join(REPO, 'docs', 'glossary.md'), 'utf8');

/** The "not" column of the glossary's table: comma-separated variants of Japanese words. */
function forbiddenVariants(): Array<{ variant: string; use: string }> {
  const out: Array<{ variant: string; use: string }> = [];
  for (const line of GLOSSARY.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || cells[1] === 'use' || /^-+$/.test(cells[1])) continue;
    for (const v of cells[2].split(',').map((x) => x.trim())) {
      // Only Japanese variants are checked: a Latin or full-width spelling is a different concern.
      if (/[\u3040-\u30ff]/.test(v)) out.push({ variant: v, use: cells[1] });
    }
  }
  return out;
}

/** A variant that is only the prefix of an allowed word is not a hit (フェンシング inside "I/O Fencing" never occurs; サーバー is never a prefix of サーバ). */
function hits(text: string, variant: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((l, i) => {
    if (l.includes(variant)) lines.push(i + 1);
  });
  return lines;
}

function filesUnder(dir: string, exts: RegExp, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') filesUnder(p, exts, out);
    } else if (exts.test(e.name)) out.push(p);
  }
  return out;
}

describe('Japanese glossary (docs/glossary.md)', () => {
  const variants = forbiddenVariants();

  it('the glossary lists the manuals\' spellings and their variants', () => {
    const uses = new Set(variants.map((v) => v.use));
    for (const term of ['サーバ', 'クラスタ', 'I/O Fencing', 'インタフェース', 'ユーザ']) expect(uses.has(term), term).toBe(true);
    expect(variants.some((v) => v.variant === 'サーバー')).toBe(true);
  });

  it('the check finds a variant where it is (the rule can fail)', () => {
    expect(hits('一行目\n対象サーバーを停止', 'サーバー')).toEqual([2]);
    expect(hits('対象サーバを停止', 'サーバー')).toEqual([]);
  });

  it('no catalogue message uses a variant', () => {
    const bad: string[] = [];
    for (const [id, def] of Object.entries(catalogue)) {
      const ja = `${def.ja}\n${def.remedy.ja}`;
      for (const v of variants) if (ja.includes(v.variant)) bad.push(`${id}: "${v.variant}" (use "${v.use}")`);
    }
    expect(bad).toEqual([]);
  });

  it('no source, window text, notice or document uses a variant', () => {
    const files = [
      ...filesUnder(path.join(REPO, 'shared'), /\.ts$/),
      ...filesUnder(path.join(REPO, 'src-main'), /\.(ts|html)$/),
      ...filesUnder(path.join(REPO, 'src-renderer', 'src'), /\.(ts|vue)$/),
      ...filesUnder(path.join(REPO, 'resources'), /\.(json|txt|md)$/),
      ...filesUnder(path.join(REPO, 'docs'), /\.md$/).filter((f) => !f.endsWith('glossary.md')),
      path.join(REPO, 'README.md'),
    ];
    const bad: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const v of variants) for (const line of hits(text, v.variant)) bad.push(`${path.relative(REPO, f)}:${line}: "${v.variant}" (use "${v.use}")`);
    }
    expect(bad).toEqual([]);
  });
});
