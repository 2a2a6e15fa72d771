import { z } from 'zod';
import type { DumpProgress, DumpResult } from '../model/dump';
import { defineChannel, defineEvent } from './channel';

export const dumpChannels = {
  /**
   * Collects FieldKitDump.<yyyymmddHHMMSS>.tar.gz into the chosen folder
   * (default: the dumps folder of the FieldKit home) and returns its path.
   * Reads BMCs only; progress comes as dump.progress events.
   */
  'dump.create': defineChannel({
    request: z
      .object({
        outputDir: z.string().min(1).max(4096).optional(),
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
