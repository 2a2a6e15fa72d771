import { z } from 'zod';
import type { FirmwareProgress, PostflightResult, PreflightRecord } from '../model/firmware';
import { defineChannel, defineEvent } from './channel';

const serverName = z.string().min(1).max(64);

export const firmwareChannels = {
  /** Pre-flight before a BMC firmware update: reads only; saves a record and writes the operation log. */
  'firmware.preflight': defineChannel({
    request: z
      .object({
        server: serverName,
        checklist: z
          .object({
            haMonitorStopped: z.boolean(),
            resetPathMonitoringStopped: z.boolean(),
            maintenanceWindowAgreed: z.boolean(),
            firmwareFileChecked: z.boolean(),
          })
          .strict(),
      })
      .strict(),
    response: {} as PreflightRecord,
  }),
  /** Post-flight: waits for the BMC to answer again, compares with the newest pre-flight record. */
  'firmware.postflight': defineChannel({
    request: z
      .object({
        server: serverName,
        waitSeconds: z.number().int().min(1).max(3600).default(300),
      })
      .strict(),
    response: {} as PostflightResult,
  }),
  /** Saved pre-flight records of a server, newest first. */
  'firmware.preflights': defineChannel({
    request: z.object({ server: serverName }).strict(),
    response: {} as PreflightRecord[],
  }),
};

export const firmwareEvents = {
  'firmware.progress': defineEvent<FirmwareProgress>(),
};
