import { confirmChannels, type ConfirmAction } from '../../shared/contract/confirm';
import { FieldKitError, isFieldKitError } from '../../shared/errors';
import { formatBmcAddress } from '../../shared/model/inventory';
import { confirmDetail, confirmationSummary, confirmationsOf, type ConfirmationTarget, type SummaryFacts } from '../services/confirmations';
import { inventoryOf } from '../services/inventory/wire';
import { recoveryHub } from '../services/recovery/wire';
import type { HandlerContext } from './types';
import { defineHandlers } from './types';

/**
 * Consumes the confirmation of a change before its handler touches the BMC.
 * A refusal is written to the operation log (who tried what, where) and
 * thrown as its catalogued CONFIRM_* error.
 */
export function requireConfirmation(
  ctx: HandlerContext,
  id: string | undefined,
  action: ConfirmAction,
  target: ConfirmationTarget,
  audit: { action: string; caseId?: string },
): void {
  try {
    confirmationsOf(ctx.services).consume(id, action, target);
  } catch (e) {
    ctx.services.logs.operations.append({
      who: ctx.who,
      via: ctx.via,
      target: target.server,
      action: audit.action,
      result: 'refused',
      ...(isFieldKitError(e) ? { errorId: e.id } : {}),
      ...(audit.caseId ? { caseId: audit.caseId } : {}),
    });
    throw e;
  }
}

/** The BMC addresses of exactly one inventory server; an unknown or ambiguous name is refused (rule 5). */
async function bmcsOf(ctx: HandlerContext, server: string): Promise<string[]> {
  const { inventory } = await inventoryOf(ctx.services).get();
  const matches = inventory.clusters.flatMap((c) => c.servers.filter((s) => s.name === server));
  if (matches.length !== 1) throw new FieldKitError('SERVER_UNKNOWN', { server });
  const { primary, secondary } = matches[0].bmc;
  return [formatBmcAddress(primary), ...(secondary ? [formatBmcAddress(secondary)] : [])];
}

export const confirmHandlers = defineHandlers(confirmChannels, {
  'confirm.prepare': async (req, ctx) => {
    const bmcs = await bmcsOf(ctx, req.server);
    let detail: string | undefined;
    const facts: SummaryFacts = { action: req.action, server: req.server, bmcs };
    switch (req.action) {
      case 'sensor.rearm':
        detail = confirmDetail.sensor(req.detail.sensor);
        facts.sensor = req.detail.sensor;
        break;
      case 'raw':
        detail = confirmDetail.raw(req.detail.netFn, req.detail.cmd, req.detail.data);
        facts.raw = detail;
        break;
      case 'recovery.clearFaults':
      case 'recovery.powerOff':
      case 'recovery.powerOn': {
        const c = await recoveryHub(ctx.services).service(ctx.who, ctx.via).get(req.detail.caseId);
        if (c.server !== req.server) throw new FieldKitError('CONFIRM_CASE_MISMATCH', { caseId: c.id, caseServer: c.server, server: req.server });
        const clearSel = req.action === 'recovery.clearFaults' ? req.detail.clearSel : undefined;
        detail = confirmDetail.recoveryCase(c.id, clearSel);
        Object.assign(facts, { caseId: c.id, clearSel });
        break;
      }
      default:
        break;
    }
    const issued = confirmationsOf(ctx.services).prepare({ action: req.action, server: req.server, ...(detail ? { detail } : {}), who: ctx.who, via: ctx.via });
    return { confirmationId: issued.id, expiresAt: new Date(issued.expiresAt).toISOString(), summary: confirmationSummary(facts) };
  },
});
