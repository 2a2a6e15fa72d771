import { z } from 'zod';
import { defineChannel, defineEvent } from './channel';
import type { OperationRecord } from '../model/operation';

export interface AppInfo {
  name: string;
  version: string;
  /** Which front-end transport answered: Electron IPC or the headless host's WebSocket. */
  transport: 'ipc' | 'websocket';
  node: string;
  electron?: string;
  chrome?: string;
  platform: string;
  home: string;
  /** Preferred language of the operating system, when the main process knows it. */
  systemLocale?: string;
}

export const coreChannels = {
  'app.info': defineChannel({ request: z.object({}).strict(), response: {} as AppInfo }),
  'logs.operations': defineChannel({
    request: z.object({ limit: z.number().int().min(1).max(5000).default(200) }).strict(),
    response: {} as OperationRecord[],
  }),
};

export const coreEvents = {
  /** A new line in the operation (audit) log. */
  'logs.operation': defineEvent<OperationRecord>(),
};
