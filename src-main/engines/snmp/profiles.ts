import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FieldKitError } from '../../../shared/errors';
import { TRAP_CLASSES, TRAP_SEVERITIES } from '../../../shared/model/trap';

const oid = z.string().regex(/^\d+(\.\d+)+$/, 'dotted numeric OID');
const byte = z.number().int().min(0).max(255);

const ruleSchema = z
  .object({
    match: z
      .object({
        /** Fields of a decoded PET; every given field must equal. */
        pet: z
          .object({
            sensorType: byte.optional(),
            eventType: byte.optional(),
            offset: z.number().int().min(0).max(15).optional(),
            deassertion: z.boolean().optional(),
            sensorNumber: byte.optional(),
            manufacturerId: z.number().int().min(0).max(0xffffffff).optional(),
          })
          .strict()
          .optional(),
        /** SNMPv1 enterprise OID (exact). */
        enterprise: oid.optional(),
        genericTrap: z.number().int().min(0).max(6).optional(),
        specificTrap: z.number().int().min(0).optional(),
        /** snmpTrapOID (v2c/v3) or the RFC 2576 form of a v1 trap (exact). */
        trapOid: oid.optional(),
        /** snmpTrapOID starting with this OID. */
        trapOidPrefix: oid.optional(),
      })
      .strict()
      .refine((m) => Object.keys(m).length > 0, 'a rule must match on something'),
    class: z.enum(TRAP_CLASSES as [string, ...string[]]),
    severity: z.enum(TRAP_SEVERITIES as [string, ...string[]]).optional(),
    note: z.string().max(400).optional(),
  })
  .strict();

const profileSchema = z
  .object({
    name: z.string().min(1).max(80),
    description: z.string().max(2000).optional(),
    source: z.string().max(400).optional(),
    rules: z.array(ruleSchema).max(5000),
  })
  .strict();

export type VendorProfile = z.infer<typeof profileSchema> & { file: string; builtIn: boolean };
export type ProfileRule = z.infer<typeof ruleSchema>;

export interface LoadedProfiles {
  /** User profiles first (they win), then the built-in ones. */
  profiles: VendorProfile[];
  /** Files that were skipped, as catalogued errors; the rest still load. */
  problems: FieldKitError[];
}

function describe(e: z.ZodError): string {
  return e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
    .join('; ');
}

export function parseProfile(text: string, file: string, builtIn: boolean): VendorProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FieldKitError('TRAPS_PROFILE_INVALID', { file, detail: e instanceof Error ? e.message : String(e) });
  }
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) throw new FieldKitError('TRAPS_PROFILE_INVALID', { file, detail: describe(parsed.error) });
  return { ...parsed.data, file, builtIn };
}

function loadDir(dir: string, builtIn: boolean, out: LoadedProfiles): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return; // a user folder that does not exist yet is normal
  }
  for (const n of names) {
    const file = path.join(dir, n);
    try {
      out.profiles.push(parseProfile(fs.readFileSync(file, 'utf8'), file, builtIn));
    } catch (e) {
      out.problems.push(e instanceof FieldKitError ? e : new FieldKitError('TRAPS_PROFILE_INVALID', { file, detail: String(e) }));
    }
  }
}

/** Loads the user's profile folder (editable) and the built-in one shipped in resources/. */
export function loadProfiles(opts: { userDir?: string; builtInDir: string }): LoadedProfiles {
  const out: LoadedProfiles = { profiles: [], problems: [] };
  if (opts.userDir) loadDir(opts.userDir, false, out);
  loadDir(opts.builtInDir, true, out);
  return out;
}

/** Where resources/vendor-profiles is, from source (tsx, vitest) and from the bundled CLI (out/cli). */
export function defaultBuiltInProfileDir(): string {
  const candidates = [
    process.env.FIELDKIT_RESOURCES ? path.join(process.env.FIELDKIT_RESOURCES, 'vendor-profiles') : '',
    path.resolve(__dirname, '../../../resources/vendor-profiles'),
    path.resolve(__dirname, '../../resources/vendor-profiles'),
    path.resolve(__dirname, '../resources/vendor-profiles'),
    path.resolve(process.cwd(), 'resources/vendor-profiles'),
  ].filter(Boolean);
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[candidates.length - 1];
}
