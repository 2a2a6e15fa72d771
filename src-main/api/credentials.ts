import { credentialsChannels } from '../../shared/contract/credentials';
import { credentialsOf } from '../services/credentials/wire';
import { defineHandlers } from './types';

// The renderer learns only whether a secret is stored and where; no handler returns one.
export const credentialsHandlers = defineHandlers(credentialsChannels, {
  'credentials.availability': async (_req, ctx) => credentialsOf(ctx.services).availability(),
  'credentials.status': async (req, ctx) => credentialsOf(ctx.services).status({ host: req.host, port: req.port }, req.user, req.kind),
  'credentials.set': async (req, ctx) => {
    const r = await credentialsOf(ctx.services).set({ host: req.host, port: req.port }, req.user, req.secret, {
      kind: req.kind,
      sessionFallback: req.sessionFallback,
      signal: ctx.signal,
    });
    ctx.services.logs.operations.append({
      who: ctx.who, via: ctx.via, target: `${req.user}@${req.host}`, action: `credentials.set.${req.kind}`, result: 'ok', details: { source: r.source },
    });
    return r;
  },
  'credentials.delete': async (req, ctx) => ({ deleted: await credentialsOf(ctx.services).delete({ host: req.host, port: req.port }, req.user, req.kind) }),
});
