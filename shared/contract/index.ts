import type { ChannelDef, Envelope, EventDef, RequestOf, ResponseOf } from './channel';
import { confirmChannels, confirmEvents } from './confirm';
import { coreChannels, coreEvents } from './core';
import { credentialsChannels, credentialsEvents } from './credentials';
import { dumpChannels, dumpEvents } from './dump';
import { firmwareChannels, firmwareEvents } from './firmware';
import { inventoryChannels, inventoryEvents } from './inventory';
import { ipmiChannels, ipmiEvents } from './ipmi';
import { jobsChannels, jobsEvents } from './jobs';
import { lanChannels } from './lan';
import { monitorChannels, monitorEvents } from './monitor';
import { recoveryChannels, recoveryEvents } from './recovery';
import { settingsChannels } from './settings';
import { solChannels, solEvents } from './sol';
import { trapsChannels, trapsEvents } from './traps';

export * from './channel';
export type { AppInfo } from './core';
export type { JobInfo } from './jobs';

/**
 * The whole API: one list of channels that the preload allow-list, the
 * handler table and the CLI/renderer clients are all derived from.
 */
export const channels = {
  ...coreChannels,
  ...ipmiChannels,
  ...lanChannels,
  ...trapsChannels,
  ...inventoryChannels,
  ...credentialsChannels,
  ...recoveryChannels,
  ...firmwareChannels,
  ...dumpChannels,
  ...monitorChannels,
  ...jobsChannels,
  ...confirmChannels,
  ...settingsChannels,
  ...solChannels,
};

export const events = {
  ...coreEvents,
  ...ipmiEvents,
  ...trapsEvents,
  ...inventoryEvents,
  ...credentialsEvents,
  ...recoveryEvents,
  ...firmwareEvents,
  ...dumpEvents,
  ...monitorEvents,
  ...jobsEvents,
  ...confirmEvents,
  ...solEvents,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels & string;
export type Events = typeof events;
export type EventName = keyof Events & string;
export type Req<C extends ChannelName> = RequestOf<Channels[C]>;
/** Request as the caller writes it (zod defaults may be omitted). */
export type ReqInput<C extends ChannelName> = Channels[C] extends ChannelDef ? Partial<Req<C>> & Req<C> : never;
export type Res<C extends ChannelName> = ResponseOf<Channels[C]>;
export type EventPayload<E extends EventName> = Events[E] extends EventDef<infer P> ? P : never;

export const channelNames: readonly ChannelName[] = Object.freeze(Object.keys(channels).sort() as ChannelName[]);
export const eventNames: readonly EventName[] = Object.freeze(Object.keys(events).sort() as EventName[]);

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

export interface InvokeOptions {
  jobId?: string;
}

/**
 * What the renderer sees as `window.fieldkit`, whether it comes from the
 * Electron preload or is built over the headless host's WebSocket.
 */
export interface FieldKitBridge {
  readonly transport: 'ipc' | 'websocket';
  /** `jobId` names the call so that `jobs.cancel` can stop it while it runs (see contract/jobs.ts). */
  invoke(channel: string, request: unknown, options?: InvokeOptions): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
