import { z } from 'zod';
import { defineChannel, defineEvent } from './channel';
import {
  TRAP_CLASSES,
  TRAP_SEVERITIES,
  type PetDecodeView,
  type TrapBatch,
  type TrapEvent,
  type TrapListenerStatus,
  type TrapSettingsView,
  type VendorProfileView,
} from '../model/trap';

const isoTime = z.string().max(40).refine((v) => !Number.isNaN(new Date(v).getTime()), 'ISO 8601 time');

export const trapFilterSchema = z
  .object({
    server: z.string().max(64).optional(),
    cluster: z.string().max(64).optional(),
    class: z.enum(TRAP_CLASSES as [string, ...string[]]).optional(),
    severity: z.enum(TRAP_SEVERITIES as [string, ...string[]]).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    text: z.string().max(200).optional(),
    unknownOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(100_000).default(500),
  })
  .strict();

export const trapStartSchema = z
  .object({
    /** Omitted fields come from <home>/traps.json, then the defaults (0.0.0.0, 162; no community: set one in traps.json / the settings panel). */
    address: z.string().min(1).max(64).optional(),
    /** 0: any free port (the CLI's `--port 0`, for scripts and tests). */
    port: z.number().int().min(0).max(65535).optional(),
    communities: z.array(z.string().min(1).max(64)).max(32).optional(),
    /** SNMPv3 users accepted for this run besides traps.json's (the CLI's --v3-user); keys are looked up as for those. */
    v3Users: z.array(z.lazy(() => v3UserSchema)).max(8).optional(),
    rateLimit: z.object({ perSecond: z.number().min(0).max(1e6), burst: z.number().min(0).max(1e6) }).strict().optional(),
    duplicateWindowMs: z.number().int().min(0).max(3_600_000).optional(),
    queueLimit: z.number().int().min(1).max(1_000_000).optional(),
    acknowledge: z.boolean().optional(),
    acceptUnknownSources: z.boolean().optional(),
  })
  .strict();

const v3Level = z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']);
const authProtocol = z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']);
const privProtocol = z.enum(['des', 'aes', 'aes256b', 'aes256r']);
const v3UserSchema = z
  .object({ name: z.string().min(1).max(64), level: v3Level, authProtocol: authProtocol.optional(), privProtocol: privProtocol.optional() })
  .strict();

/**
 * Listener settings from the panel. Port and address are checked by the
 * service so a wrong one gets its own catalogued message (TRAPS_PORT_INVALID,
 * TRAPS_ADDRESS_INVALID) rather than a generic payload error.
 */
export const trapSettingsSchema = z
  .object({
    address: z.union([z.string().max(200), z.number()]).optional(),
    port: z.union([z.number(), z.string().max(20), z.null()]).optional(),
    communities: z.array(z.string().max(200)).max(64).optional(),
    rateLimit: z.object({ perSecond: z.number(), burst: z.number() }).strict().optional(),
    duplicateWindowMs: z.number().optional(),
    queueLimit: z.number().optional(),
    acknowledge: z.boolean().optional(),
    acceptUnknownSources: z.boolean().optional(),
  })
  .strict();

export const trapUserSetSchema = z
  .object({
    name: z.string().min(1).max(64),
    level: v3Level,
    authProtocol: authProtocol.optional(),
    privProtocol: privProtocol.optional(),
    /** Keys go in, to the keychain; no channel sends one back out. Left out: keep the stored one. */
    authKey: z.string().max(200).optional(),
    privKey: z.string().max(200).optional(),
    sessionFallback: z.boolean().default(true),
  })
  .strict();

// Channels of the traps domain.
export const trapsChannels = {
  'traps.status': defineChannel({ request: z.object({}).strict(), response: {} as TrapListenerStatus }),
  'traps.start': defineChannel({ request: trapStartSchema, response: {} as TrapListenerStatus }),
  'traps.settings.get': defineChannel({ request: z.object({}).strict(), response: {} as TrapSettingsView }),
  // With the listener running, the saved settings apply at once: `listener` is its status after, `restarted` whether a new socket was needed.
  'traps.settings.save': defineChannel({ request: trapSettingsSchema, response: {} as TrapSettingsView & { listener?: TrapListenerStatus; restarted?: boolean } }),
  'traps.user.set': defineChannel({
    request: trapUserSetSchema,
    response: {} as { view: TrapSettingsView; keySource?: 'keychain' | 'session' },
  }),
  'traps.user.delete': defineChannel({
    request: z.object({ name: z.string().min(1).max(64) }).strict(),
    response: {} as { deleted: boolean; view: TrapSettingsView },
  }),
  'traps.stop': defineChannel({ request: z.object({}).strict(), response: {} as TrapListenerStatus }),
  'traps.search': defineChannel({ request: trapFilterSchema, response: {} as TrapEvent[] }),
  'traps.decode': defineChannel({
    request: z.object({ specific: z.string().min(1).max(20), hex: z.string().min(1).max(1000) }).strict(),
    response: {} as PetDecodeView,
  }),
  'traps.profiles': defineChannel({
    request: z.object({ reload: z.boolean().default(false) }).strict(),
    response: {} as { profiles: VendorProfileView[]; problems: Array<{ id: string; text: string; params?: Record<string, string | number | boolean | undefined> }> },
  }),
};

export const trapsEvents = {
  /** Decoded traps, batched to about 10 pushes a second whatever the trap rate. */
  'traps.batch': defineEvent<TrapBatch>(),
};
