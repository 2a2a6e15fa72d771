import { recoveryChannels, type RecoveryProgressEvent } from '../../shared/contract/recovery';
import { recoveryHub } from '../services/recovery/wire';
import { caseReportHtml, caseReportJson } from '../services/recovery/report';
import type { HandlerContext } from './types';
import { defineHandlers } from './types';

// The recovery wizard's API: each channel is one transition of the state
// machine in src-main/services/recovery; progress goes out as events.
const svc = (ctx: HandlerContext) => recoveryHub(ctx.services).service(ctx.who, ctx.via);
const progress = (ctx: HandlerContext) => (p: RecoveryProgressEvent) => ctx.emit('recovery.progress', p);

export const recoveryHandlers = defineHandlers(recoveryChannels, {
  'recovery.servers': async (_req, ctx) => recoveryHub(ctx.services).servers(),
  'recovery.list': async (_req, ctx) => svc(ctx).list(),
  'recovery.openCases': async (_req, ctx) => svc(ctx).openCases(),
  'recovery.get': async (req, ctx) => svc(ctx).get(req.caseId),
  'recovery.start': async (req, ctx) => svc(ctx).start(req.server, ctx.signal),
  'recovery.resume': async (req, ctx) => svc(ctx).resume(req.caseId, ctx.signal),
  'recovery.checklist': async (req, ctx) => svc(ctx).confirmChecklist(req.caseId, req.answers),
  'recovery.clearFaults': async (req, ctx) => svc(ctx).clearFaults(req.caseId, { clearSel: req.clearSel }, ctx.signal),
  'recovery.powerOff': async (req, ctx) => svc(ctx).powerOff(req.caseId, { confirmName: req.confirmName }, progress(ctx), ctx.signal),
  'recovery.powerOn': async (req, ctx) => svc(ctx).powerOn(req.caseId, { confirmed: req.confirmed }, progress(ctx), ctx.signal),
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
