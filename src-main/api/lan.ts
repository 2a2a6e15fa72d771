import { lanChannels } from '../../shared/contract/lan';
import { bmcServiceOf } from '../services/bmc';
import { checkLanAlerts, inventoryFacts } from '../services/lan-alerts';
import type { HandlerContext } from './types';
import { defineHandlers } from './types';

/**
 * lan.alerts: opens the server's BMC session (password from the keychain,
 * or the CLI's own sources), reads its LAN alert destinations and compares
 * them with the cluster's BMCNOTICE keyword and this laptop's listener. A
 * read only: no confirmation, no operation-log record.
 */
async function lanAlerts(server: string, ctx: HandlerContext) {
  const bmc = bmcServiceOf(ctx.services);
  const conn = await bmc.connect({
    server,
    ...(ctx.bmcAccess?.password !== undefined ? { password: ctx.bmcAccess.password } : {}),
    ...(ctx.bmcAccess?.askPassword ? { askPassword: ctx.bmcAccess.askPassword } : {}),
    ...(ctx.bmcAccess?.timeoutMs ? { timeoutMs: ctx.bmcAccess.timeoutMs } : {}),
  });
  const facts = await inventoryFacts(ctx.services, server);
  const check = await checkLanAlerts(conn.requester, facts, { ...(ctx.signal ? { signal: ctx.signal } : {}) });
  const answeredBy = conn.answeredBy();
  return { ...check, ...(answeredBy ? { answeredBy } : {}) };
}

export const lanHandlers = defineHandlers(lanChannels, {
  'lan.alerts': (req, ctx) => lanAlerts(req.server, ctx),
});
