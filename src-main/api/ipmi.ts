import { ipmiChannels, type IpmiAnswer } from '../../shared/contract/ipmi';
import { isFieldKitError } from '../../shared/errors';
import { bmcServiceOf, runCommand, type CommandContext } from '../services/bmc';
import type { HandlerContext } from './types';
import { defineHandlers } from './types';

/**
 * IPMI handlers: each resolves the inventory server (password from the
 * keychain), runs one command through the shared runner and answers with
 * which BMC address answered. Changes are written to the operation log.
 */
async function onServer<T>(
  ctx: HandlerContext,
  server: string,
  words: string[],
  extra: Partial<CommandContext> = {},
  audit?: string,
): Promise<IpmiAnswer<T>> {
  const bmc = bmcServiceOf(ctx.services);
  let answeredBy: string | undefined;
  try {
    const conn = await bmc.connect({ server });
    const r = await runCommand(words, {
      requester: conn.requester,
      cache: bmc.sdrCache,
      signal: ctx.signal,
      confirmed: true, // the window asked the user before calling a mutating channel
      progress: (text) => ctx.emit('ipmi.progress', { server, operation: words.join(' '), text }),
      ...extra,
    });
    answeredBy = conn.answeredBy();
    if (audit) {
      ctx.services.logs.operations.append({ who: ctx.who, via: ctx.via, target: server, ...(answeredBy ? { bmc: answeredBy } : {}), action: audit, result: r.failed ? 'failed' : 'ok' });
    }
    return { server, ...(answeredBy ? { answeredBy } : {}), result: r.value as T };
  } catch (e) {
    if (audit) {
      ctx.services.logs.operations.append({
        who: ctx.who, via: ctx.via, target: server, action: audit,
        result: isFieldKitError(e) && e.id === 'IPMICMD_CANCELLED' ? 'cancelled' : 'failed',
        ...(isFieldKitError(e) ? { errorId: e.id } : {}),
      });
    }
    throw e;
  }
}

const hex = (b: number) => '0x' + b.toString(16).padStart(2, '0');

export const ipmiHandlers = defineHandlers(ipmiChannels, {
  'ipmi.mcInfo': (req, ctx) => onServer(ctx, req.server, ['mc', 'info']),
  'ipmi.power': (req, ctx) =>
    onServer(ctx, req.server, ['power', req.action], { wait: req.wait, ...(req.waitTimeoutS ? { waitTimeoutMs: req.waitTimeoutS * 1000 } : {}) }, req.action === 'status' ? undefined : `ipmi.power.${req.action}`),
  'ipmi.sensors': (req, ctx) => onServer(ctx, req.server, ['sensors']),
  'ipmi.slots': (req, ctx) => onServer(ctx, req.server, ['slots']),
  'ipmi.sdr': (req, ctx) => onServer(ctx, req.server, ['sdr'], req.refresh ? { cache: undefined } : {}),
  'ipmi.selList': (req, ctx) => onServer(ctx, req.server, ['sel', 'list']),
  'ipmi.selClear': (req, ctx) => onServer(ctx, req.server, ['sel', 'clear'], {}, 'ipmi.sel.clear'),
  'ipmi.fru': (req, ctx) => onServer(ctx, req.server, ['fru', String(req.fruId)]),
  'ipmi.rearm': (req, ctx) => onServer(ctx, req.server, ['rearm', req.sensor], {}, 'ipmi.rearm'),
  'ipmi.raw': (req, ctx) => onServer(ctx, req.server, ['raw', hex(req.netFn), hex(req.cmd), ...req.data.map(hex)], {}, `ipmi.raw.${hex(req.netFn)}.${hex(req.cmd)}`),
});
