import { monitorChannels } from '../../shared/contract/monitor';
import { monitorOf } from '../services/monitor/wire';
import { defineHandlers } from './types';

export const monitorHandlers = defineHandlers(monitorChannels, {
  'monitor.status': async (req, ctx) => {
    const result = await monitorOf(ctx.services).status({
      ...(req.cluster !== undefined ? { cluster: req.cluster } : {}),
      dumpWindowMinutes: req.dumpWindowMinutes,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    ctx.emit('monitor.updated', result);
    return result;
  },
});
