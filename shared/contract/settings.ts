import { z } from 'zod';
import type { SettingsView } from '../model/settings';
import { defineChannel } from './channel';

// Values as typed: the main process judges them, so a refusal is the catalogue's message (SETTINGS_*), not a schema's.
const typed = z.union([z.number(), z.string().max(32)]);

export const settingsChannels = {
  'settings.get': defineChannel({ request: z.object({}).strict(), response: {} as SettingsView }),
  /** Changes only what is given; the rest of settings.json stays as it is. */
  'settings.save': defineChannel({
    request: z.object({
      language: typed.optional(),
      monitorIntervalSeconds: typed.optional(),
      ipmiNewServerCipherSuite: typed.optional(),
      ipmiNewServerPrivilege: typed.optional(),
      ipmiTimeoutMs: typed.optional(),
      ipmiRetries: typed.optional(),
    }).strict(),
    response: {} as SettingsView,
  }),
};
