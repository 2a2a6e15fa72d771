import { solChannels } from '../../shared/contract/sol';
import { isFieldKitError } from '../../shared/errors';
import { solOf } from '../services/sol/wire';
import { requireConfirmation } from './confirm';
import { defineHandlers } from './types';

/**
 * Serial over LAN consoles of the window. `sol.open` holds its call for as
 * long as the console lives, so the call's signal (its window or WebSocket
 * gone, app quit) deactivates the payload. A takeover ends another user's
 * console: it needs the confirmation the main process issued for exactly
 * that (confirm.prepare {action: 'sol.takeover', server}).
 */
export const solHandlers = defineHandlers(solChannels, {
  'sol.open': async (req, ctx) => {
    if (req.takeover) requireConfirmation(ctx, req.confirmationId, 'sol.takeover', { server: req.server }, { action: 'sol.takeover' });
    return solOf(ctx.services).open(req.server, { takeover: req.takeover, ...(ctx.signal ? { signal: ctx.signal } : {}), who: ctx.who, via: ctx.via });
  },
  'sol.write': async (req, ctx) => ({ accepted: await solOf(ctx.services).write(req.server, Buffer.from(req.data, 'base64')) }),
  'sol.break': async (req, ctx) => {
    await solOf(ctx.services).sendBreak(req.server);
    ctx.services.logs.operations.append({ who: ctx.who, via: ctx.via, target: req.server, action: 'sol.break', result: 'ok' });
    return { sent: true as const };
  },
  'sol.close': async (req, ctx) => ({ closed: await solOf(ctx.services).close(req.server) }),
  'sol.config': (req, ctx) => solOf(ctx.services).config(req.server, ctx.signal),
  'sol.transcript': async (req, ctx) => solOf(ctx.services).transcript(req.server),
  'sol.save': async (req, ctx) => {
    try {
      const saved = await solOf(ctx.services).save(req.server);
      ctx.services.logs.operations.append({ who: ctx.who, via: ctx.via, target: req.server, action: 'sol.save', result: 'ok', caseId: saved.caseId, details: { file: saved.name, bytes: saved.bytes } });
      return saved;
    } catch (e) {
      ctx.services.logs.operations.append({ who: ctx.who, via: ctx.via, target: req.server, action: 'sol.save', result: 'failed', ...(isFieldKitError(e) ? { errorId: e.id } : {}) });
      throw e;
    }
  },
});
