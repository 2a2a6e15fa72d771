import { firmwareChannels } from '../../shared/contract/firmware';
import type { FirmwareProgress } from '../../shared/model/firmware';
import { firmwareOf } from '../services/firmware/wire';
import { defineHandlers, type HandlerContext } from './types';

// Passwords: keychain, then FIELDKIT_PASSWORD for unattended hosts, then what the CLI's
// --password-stdin piped in (resolveBmcSecret in the targets).
const common = (ctx: HandlerContext) => ({
  who: ctx.who,
  via: ctx.via,
  ...(ctx.bmcAccess?.password !== undefined ? { password: ctx.bmcAccess.password } : {}),
  ...(ctx.signal ? { signal: ctx.signal } : {}),
  onProgress: (p: FirmwareProgress) => ctx.emit('firmware.progress', p),
});

export const firmwareHandlers = defineHandlers(firmwareChannels, {
  'firmware.preflight': async (req, ctx) => firmwareOf(ctx.services).preflight(req.server, { ...common(ctx), checklist: req.checklist }),
  'firmware.postflight': async (req, ctx) => firmwareOf(ctx.services).postflight(req.server, { ...common(ctx), waitMs: req.waitSeconds * 1000 }),
  'firmware.preflights': async (req, ctx) => (await firmwareOf(ctx.services).preflights(req.server)).slice(0, 20),
});
