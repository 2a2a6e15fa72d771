import type { ConfirmAction } from '../../shared/contract/confirm';
import { ipmiChannels, type IpmiAnswer } from '../../shared/contract/ipmi';
import { isCancellation, isFieldKitError } from '../../shared/errors';
import { bmcServiceOf, runCommand, type CommandContext } from '../services/bmc';
import { confirmDetail } from '../services/confirmations';
import { requireConfirmation } from './confirm';
import type { HandlerContext } from './types';
import { defineHandlers } from './types';

/** A change: the confirmation it must carry, and its name in the operation log. */
interface Change {
  action: ConfirmAction;
  confirmationId: string | undefined;
  detail?: string;
  audit: string;
}

/**
 * IPMI handlers: each resolves the inventory server (password from the
 * keychain), runs one command through the shared runner and answers with
 * which BMC address answered. A change first consumes its one-time
 * confirmation (issued by confirm.prepare for exactly this action and
 * server); only then is the command run as confirmed. Changes are written to
 * the operation log.
 */
async function onServer<T>(
  ctx: HandlerContext,
  server: string,
  words: string[],
  extra: Partial<CommandContext> = {},
  change?: Change,
): Promise<IpmiAnswer<T>> {
  if (change) requireConfirmation(ctx, change.confirmationId, change.action, { server, ...(change.detail ? { detail: change.detail } : {}) }, { action: change.audit });
  const audit = change?.audit;
  const bmc = bmcServiceOf(ctx.services);
  let answeredBy: string | undefined;
  try {
    const conn = await bmc.connect({
      server,
      ...(ctx.bmcAccess?.password !== undefined ? { password: ctx.bmcAccess.password } : {}),
      ...(ctx.bmcAccess?.askPassword ? { askPassword: ctx.bmcAccess.askPassword } : {}),
      ...(ctx.bmcAccess?.timeoutMs ? { timeoutMs: ctx.bmcAccess.timeoutMs } : {}),
    });
    const r = await runCommand(words, {
      requester: conn.requester,
      cache: bmc.sdrCache,
      signal: ctx.signal,
      progress: (text) => ctx.emit('ipmi.progress', { server, operation: words.join(' '), text }),
      ...extra,
      confirmed: change !== undefined, // only after requireConfirmation() accepted its id
    });
    answeredBy = conn.answeredBy();
    if (audit) {
      ctx.services.logs.operations.append({ who: ctx.who, via: ctx.via, target: server, ...(answeredBy ? { bmc: answeredBy } : {}), action: audit, result: r.failed ? 'failed' : 'ok' });
    }
    const session = conn.sessionInfo();
    return { server, ...(answeredBy ? { answeredBy } : {}), ...(session ? { session } : {}), result: r.value as T };
  } catch (e) {
    if (audit) {
      ctx.services.logs.operations.append({
        who: ctx.who, via: ctx.via, target: server, action: audit,
        // A cancel (jobs.cancel, the window gone) is recorded as cancelled with the one id CANCELLED.
        ...(isCancellation(e) || ctx.signal?.aborted ? { result: 'cancelled' as const, errorId: 'CANCELLED' } : { result: 'failed' as const, ...(isFieldKitError(e) ? { errorId: e.id } : {}) }),
      });
    }
    throw e;
  }
}

const hex = (b: number) => '0x' + b.toString(16).padStart(2, '0');

/** refresh: the SDR repository is read again rather than taken from the cache. */
const fresh = (req: { refresh?: boolean }): Partial<CommandContext> => (req.refresh ? { cache: undefined } : {});

export const ipmiHandlers = defineHandlers(ipmiChannels, {
  'ipmi.mcInfo': (req, ctx) => onServer(ctx, req.server, ['mc', 'info']),
  'ipmi.power': (req, ctx) =>
    onServer(
      ctx,
      req.server,
      ['power', req.action],
      { wait: req.wait, ...(req.waitTimeoutS ? { waitTimeoutMs: req.waitTimeoutS * 1000 } : {}) },
      req.action === 'status' ? undefined : { action: `power.${req.action}`, confirmationId: req.confirmationId, audit: `ipmi.power.${req.action}` },
    ),
  'ipmi.sensors': (req, ctx) => onServer(ctx, req.server, ['sensors'], fresh(req)),
  'ipmi.slots': (req, ctx) => onServer(ctx, req.server, ['slots'], fresh(req)),
  'ipmi.sdr': (req, ctx) => onServer(ctx, req.server, ['sdr'], { ...fresh(req), ...(req.chunkSize ? { chunkSize: req.chunkSize } : {}) }),
  'ipmi.selList': (req, ctx) => onServer(ctx, req.server, ['sel', 'list'], fresh(req)),
  'ipmi.selClear': (req, ctx) => onServer(ctx, req.server, ['sel', 'clear'], {}, { action: 'sel.clear', confirmationId: req.confirmationId, audit: 'ipmi.sel.clear' }),
  'ipmi.fru': (req, ctx) => onServer(ctx, req.server, ['fru', String(req.fruId)]),
  'ipmi.rearm': (req, ctx) =>
    onServer(ctx, req.server, ['rearm', req.sensor], fresh(req), { action: 'sensor.rearm', confirmationId: req.confirmationId, detail: confirmDetail.sensor(req.sensor), audit: 'ipmi.rearm' }),
  'ipmi.raw': (req, ctx) =>
    onServer(ctx, req.server, ['raw', hex(req.netFn), hex(req.cmd), ...req.data.map(hex)], { rawReadOnly: req.readOnly === true }, {
      action: 'raw',
      confirmationId: req.confirmationId,
      detail: confirmDetail.raw(req.netFn, req.cmd, req.data),
      audit: `ipmi.raw.${hex(req.netFn)}.${hex(req.cmd)}`,
    }),
});
