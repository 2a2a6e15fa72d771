import { z } from 'zod';
import { defineChannel, defineEvent } from './channel';
import {
  TRAP_CLASSES,
  TRAP_SEVERITIES,
  type PetDecodeView,
  type TrapBatch,
  type TrapEvent,
  type TrapListenerStatus,
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
    /** Omitted fields come from <home>/traps.json, then the defaults (0.0.0.0, 162, "public"). */
    address: z.string().min(1).max(64).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    communities: z.array(z.string().min(1).max(64)).max(32).optional(),
    rateLimit: z.object({ perSecond: z.number().min(0).max(1e6), burst: z.number().min(0).max(1e6) }).strict().optional(),
    duplicateWindowMs: z.number().int().min(0).max(3_600_000).optional(),
    queueLimit: z.number().int().min(1).max(1_000_000).optional(),
    acknowledge: z.boolean().optional(),
    acceptUnknownSources: z.boolean().optional(),
  })
  .strict();

// Channels of the traps domain.
export const trapsChannels = {
  'traps.status': defineChannel({ request: z.object({}).strict(), response: {} as TrapListenerStatus }),
  'traps.start': defineChannel({ request: trapStartSchema, response: {} as TrapListenerStatus }),
  'traps.stop': defineChannel({ request: z.object({}).strict(), response: {} as TrapListenerStatus }),
  'traps.search': defineChannel({ request: trapFilterSchema, response: {} as TrapEvent[] }),
  'traps.decode': defineChannel({
    request: z.object({ specific: z.string().min(1).max(20), hex: z.string().min(1).max(1000) }).strict(),
    response: {} as PetDecodeView,
  }),
  'traps.profiles': defineChannel({
    request: z.object({ reload: z.boolean().default(false) }).strict(),
    response: {} as { profiles: VendorProfileView[]; problems: Array<{ id: string; text: string }> },
  }),
};

export const trapsEvents = {
  /** Decoded traps, batched to about 10 pushes a second whatever the trap rate. */
  'traps.batch': defineEvent<TrapBatch>(),
};
