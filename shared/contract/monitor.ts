import { z } from 'zod';
import type { ServerStatus } from '../model/monitor';
import { defineChannel, defineEvent } from './channel';

export const monitorChannels = {
  /** One sweep over every BMC of the inventory (or of one cluster): link, power, dump. */
  'monitor.status': defineChannel({
    request: z
      .object({
        cluster: z.string().max(64).optional(),
        /** How far back an OS stop / dump trap counts as "dump detected". */
        dumpWindowMinutes: z.number().int().min(1).max(7 * 24 * 60).default(24 * 60),
      })
      .strict(),
    response: {} as ServerStatus[],
  }),
};

export const monitorEvents = {
  'monitor.updated': defineEvent<ServerStatus[]>(),
};
