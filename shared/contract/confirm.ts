import { z } from 'zod';
import { defineChannel } from './channel';

/**
 * Server-side confirmation of changes (prepare -> confirm). After the user
 * confirmed a change in the UI, the front end asks `confirm.prepare` for
 * exactly that action on exactly that server; the main process answers with
 * a one-time id, valid for CONFIRMATION_TTL_MS, which the changing channel
 * must carry as `confirmationId`. No channel decides for its caller that the
 * user confirmed.
 */
export const CONFIRM_ACTIONS = [
  'power.on',
  'power.off',
  'power.cycle',
  'power.reset',
  'power.soft',
  'sel.clear',
  'sensor.rearm',
  'raw',
  'recovery.clearFaults',
  'recovery.powerOff',
  'recovery.powerOn',
  'sol.takeover',
] as const;
export type ConfirmAction = (typeof CONFIRM_ACTIONS)[number];

/** How long an issued confirmation stays valid (at most a minute). */
export const CONFIRMATION_TTL_MS = 60_000;

/**
 * The `confirmationId` field of every changing channel. Optional in the
 * schema so that a request without one is refused by the handler with its
 * own catalogued error (CONFIRM_MISSING) rather than a generic bad payload.
 */
export const confirmationIdField = z.string().max(128).optional();

const server = z.string().min(1).max(128);
const byte = z.number().int().min(0).max(255);
// The same rule as the recovery channels' caseId.
const caseId = z.string().min(1).max(160).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

export interface ConfirmPrepared {
  /** One-time id for the changing channel's `confirmationId`. */
  confirmationId: string;
  /** ISO 8601 time after which the id is refused. */
  expiresAt: string;
  /** What will happen, in words, for the confirmation dialog. */
  summary: { en: string; ja: string };
}

export const confirmChannels = {
  /** Issues a one-time confirmation for one action on one server (and the exact command, sensor or case). */
  'confirm.prepare': defineChannel({
    request: z.discriminatedUnion('action', [
      z.object({ action: z.enum(['power.on', 'power.off', 'power.cycle', 'power.reset', 'power.soft', 'sel.clear']), server }).strict(),
      z.object({ action: z.literal('sensor.rearm'), server, detail: z.object({ sensor: z.string().min(1).max(32) }).strict() }).strict(),
      z
        .object({
          action: z.literal('raw'),
          server,
          detail: z.object({ netFn: z.number().int().min(0).max(0x3f), cmd: byte, data: z.array(byte).max(64).default([]) }).strict(),
        })
        .strict(),
      z.object({ action: z.literal('recovery.clearFaults'), server, detail: z.object({ caseId, clearSel: z.boolean().default(false) }).strict() }).strict(),
      z.object({ action: z.enum(['recovery.powerOff', 'recovery.powerOn']), server, detail: z.object({ caseId }).strict() }).strict(),
      // Ends another user's Serial over LAN console on that server (Deactivate Payload, then ours).
      z.object({ action: z.literal('sol.takeover'), server }).strict(),
    ]),
    response: {} as ConfirmPrepared,
  }),
};

export const confirmEvents = {};
