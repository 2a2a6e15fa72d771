import { settingsChannels } from '../../shared/contract/settings';
import { settingsOf } from '../services/settings';
import { defineHandlers } from './types';

export const settingsHandlers = defineHandlers(settingsChannels, {
  'settings.get': async (_req, ctx) => settingsOf(ctx.services, ctx.who, ctx.via).view(),
  'settings.save': async (req, ctx) => settingsOf(ctx.services, ctx.who, ctx.via).save(req),
});
