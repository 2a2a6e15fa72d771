import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FieldKitError } from '../../../shared/errors';
import type { TrapConfig } from '../../../shared/model/trap';

const userSchema = z
  .object({
    name: z.string().min(1).max(32),
    level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']),
    authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
    privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).optional(),
  })
  .strict();

// Strict: a key or password put here by mistake is refused rather than kept in a plain file.
const configSchema = z
  .object({
    address: z.string().min(1).max(64).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    communities: z.array(z.string().min(1).max(64)).max(32).optional(),
    users: z.array(userSchema).max(16).optional(),
    rateLimit: z.object({ perSecond: z.number().min(0), burst: z.number().min(0) }).strict().optional(),
    duplicateWindowMs: z.number().int().min(0).max(3_600_000).optional(),
    queueLimit: z.number().int().min(1).max(1_000_000).optional(),
    acknowledge: z.boolean().optional(),
    acceptUnknownSources: z.boolean().optional(),
  })
  .strict();

export function trapConfigFile(home: string): string {
  return path.join(home, 'traps.json');
}

/** Reads `<home>/traps.json`; a missing file is an empty configuration. */
export function loadTrapConfig(home: string): TrapConfig {
  const file = trapConfigFile(home);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new FieldKitError('TRAPS_CONFIG_INVALID', { file, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FieldKitError('TRAPS_CONFIG_INVALID', { file, detail: e instanceof Error ? e.message : String(e) });
  }
  const r = checkTrapConfig(json);
  if (!r.ok) throw new FieldKitError('TRAPS_CONFIG_INVALID', { file, detail: r.detail });
  return r.config;
}

/** Schema check; the detail names paths and rules only, never values (a misplaced key must not reach a log). */
export function checkTrapConfig(json: unknown): { ok: true; config: TrapConfig } | { ok: false; detail: string } {
  const r = configSchema.safeParse(json);
  if (r.success) return { ok: true, config: r.data as TrapConfig };
  return { ok: false, detail: r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ') };
}

/** Like checkTrapConfig, but input from a form or command: a refusal is TRAPS_SETTINGS_INVALID. */
export function parseTrapConfig(json: unknown): TrapConfig {
  const r = checkTrapConfig(json);
  if (!r.ok) throw new FieldKitError('TRAPS_SETTINGS_INVALID', { detail: r.detail });
  return r.config;
}
