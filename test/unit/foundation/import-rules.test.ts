import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: REPO });

async function restrictedImportErrors(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').length;
}

describe('import directions of docs/architecture.md are enforced by lint', () => {
  it('engines and services may not import electron; the app may', async () => {
    expect(await restrictedImportErrors('src-main/services/probe.ts', "import { app } from 'electron'; export const a = app;\n")).toBe(1);
    expect(await restrictedImportErrors('src-main/engines/ipmi/probe.ts', "import { app } from 'electron'; export const a = app;\n")).toBe(1);
    expect(await restrictedImportErrors('src-main/cli/probe.ts', "import { app } from 'electron'; export const a = app;\n")).toBe(1);
    expect(await restrictedImportErrors('src-main/app/probe.ts', "import { app } from 'electron'; export const a = app;\n")).toBe(0);
  });

  it('shared/ imports nothing from Node or Electron and uses no host globals', async () => {
    expect(await restrictedImportErrors('shared/probe.ts', "import fs from 'node:fs'; export const a = fs;\n")).toBe(1);
    expect(await restrictedImportErrors('shared/probe.ts', "import path from 'path'; export const a = path;\n")).toBe(1);
    expect(await restrictedImportErrors('shared/probe.ts', 'export const a = window.location;\n')).toBe(1);
    expect(await restrictedImportErrors('shared/probe.ts', "import { z } from 'zod'; export const a = z;\n")).toBe(0);
  });

  it('the renderer never imports src-main', async () => {
    expect(await restrictedImportErrors('src-renderer/src/probe.ts', "import { dispatch } from '../../src-main/api'; export const a = dispatch;\n")).toBe(1);
    expect(await restrictedImportErrors('src-renderer/src/probe.ts', "import { x } from '../../shared/errors'; export const a = x;\n")).toBe(0);
  });
});
