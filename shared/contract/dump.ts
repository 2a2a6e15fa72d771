import { z } from 'zod';
import type { DumpProgress, DumpResult } from '../model/dump';
import { defineChannel, defineEvent } from './channel';

export const dumpChannels = {
  /**
   * Collects FieldKitDump.<yyyymmddHHMMSS>.tar.gz and returns its path.
   * The caller never names the folder (a WebSocket client could otherwise
   * write anywhere): it is the dumps folder of the FieldKit home, or, with
   * chooseFolder in the desktop window, the folder the user picks in the main
   * process's own dialog. Reads BMCs only; progress comes as dump.progress events.
   */
  'dump.create': defineChannel({
    request: z
      .object({
        chooseFolder: z.boolean().default(false),
        servers: z.array(z.string().min(1).max(64)).max(256).optional(),
        noBmc: z.boolean().default(false),
      })
      .strict(),
    response: {} as DumpResult,
  }),
  /** The folder dumps go to when none is chosen. */
  'dump.defaultDir': defineChannel({
    request: z.object({}).strict(),
    response: {} as { dir: string },
  }),
};

export const dumpEvents = {
  'dump.progress': defineEvent<DumpProgress>(),
};
