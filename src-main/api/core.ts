import os from 'node:os';
import { coreChannels } from '../../shared/contract/core';
import { defineHandlers } from './types';

export const coreHandlers = defineHandlers(coreChannels, {
  'app.info': async (_req, ctx) => ({
    name: ctx.services.app.name,
    version: ctx.services.app.version,
    transport: ctx.via === 'ui' ? ('ipc' as const) : ('websocket' as const),
    node: process.versions.node,
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    platform: `${os.platform()} ${os.arch()}`,
    home: ctx.services.home,
    systemLocale: ctx.services.app.systemLocale,
  }),
  'logs.operations': async (req, ctx) => ctx.services.logs.operations.readRecent(req.limit),
});
