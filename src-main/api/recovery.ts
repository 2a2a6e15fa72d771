import type { ConfirmAction } from '../../shared/contract/confirm';
import { recoveryChannels, type RecoveryProgressEvent } from '../../shared/contract/recovery';
import { confirmDetail } from '../services/confirmations';
import { recoveryHub } from '../services/recovery/wire';
import { caseReportHtml, caseReportJson } from '../services/recovery/report';
import { requireConfirmation } from './confirm';
import type { HandlerContext } from './types';
import { defineHandlers } from './types';

// The recovery wizard's API: each channel is one transition of the state
// machine in src-main/services/recovery; progress goes out as events.
const svc = (ctx: HandlerContext) => recoveryHub(ctx.services).service(ctx.who, ctx.via, ctx.recoveryTimings);
const progress = (ctx: HandlerContext) => (p: RecoveryProgressEvent) => ctx.emit('recovery.progress', p);

/**
 * The steps that change the server consume their one-time confirmation
 * (confirm.prepare for this action, the case's server and this case) before
 * the state machine runs them.
 */
async function confirmStep(ctx: HandlerContext, caseId: string, id: string | undefined, action: ConfirmAction, clearSel?: boolean): Promise<void> {
  const c = await svc(ctx).get(caseId);
  requireConfirmation(ctx, id, action, { server: c.server, detail: confirmDetail.recoveryCase(c.id, clearSel) }, { action, caseId: c.id });
}

export const recoveryHandlers = defineHandlers(recoveryChannels, {
  'recovery.servers': async (_req, ctx) => recoveryHub(ctx.services).servers(),
  'recovery.list': async (_req, ctx) => svc(ctx).list(),
  'recovery.openCases': async (_req, ctx) => svc(ctx).openCases(),
  'recovery.get': async (req, ctx) => svc(ctx).get(req.caseId),
  'recovery.start': async (req, ctx) => svc(ctx).start(req.server, ctx.signal),
  'recovery.resume': async (req, ctx) => svc(ctx).resume(req.caseId, ctx.signal),
  'recovery.checklist': async (req, ctx) => svc(ctx).confirmChecklist(req.caseId, req.answers),
  'recovery.clearFaults': async (req, ctx) => {
    await confirmStep(ctx, req.caseId, req.confirmationId, 'recovery.clearFaults', req.clearSel);
    return svc(ctx).clearFaults(req.caseId, { clearSel: req.clearSel, faultsCleared: req.faultsCleared }, ctx.signal);
  },
  'recovery.powerOff': async (req, ctx) => {
    await confirmStep(ctx, req.caseId, req.confirmationId, 'recovery.powerOff');
    return svc(ctx).powerOff(req.caseId, { confirmName: req.confirmName }, progress(ctx), ctx.signal);
  },
  'recovery.powerOn': async (req, ctx) => {
    await confirmStep(ctx, req.caseId, req.confirmationId, 'recovery.powerOn');
    return svc(ctx).powerOn(req.caseId, progress(ctx), ctx.signal);
  },
  'recovery.verify': async (req, ctx) => svc(ctx).verify(req.caseId, progress(ctx), ctx.signal, req.timeoutMs),
  'recovery.abort': async (req, ctx) => svc(ctx).abort(req.caseId, req.reason),
  'recovery.report': async (req, ctx) => {
    const c = await svc(ctx).get(req.caseId);
    return req.format === 'html'
      ? { fileName: `${c.id}.html`, mime: 'text/html' as const, content: caseReportHtml(c, req.lang) }
      : { fileName: `${c.id}.json`, mime: 'application/json' as const, content: caseReportJson(c) };
  },
  'recovery.webConsoleUrl': async (req, ctx) => ({ url: await recoveryHub(ctx.services).webConsoleUrl(req.caseId) }),
});
