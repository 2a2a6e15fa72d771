import type { IpcRendererEvent } from 'electron';
import { channelNames, eventNames, type FieldKitBridge } from '../../shared/contract';

export const INVOKE_CHANNEL = 'fieldkit:invoke';
export const EVENT_CHANNEL = 'fieldkit:event';

/** The preload's allow-lists, derived from the contract (test: equal to the handler table). */
export const preloadAllowedChannels: ReadonlySet<string> = new Set(channelNames);
export const preloadAllowedEvents: ReadonlySet<string> = new Set(eventNames);

interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

/**
 * Builds window.fieldkit. Only contract channels pass; anything else is
 * refused in the renderer before it reaches IPC (and again in main).
 */
export function createBridge(ipc: IpcRendererLike): FieldKitBridge {
  return {
    transport: 'ipc',
    async invoke(channel, request, options) {
      if (!preloadAllowedChannels.has(channel)) {
        return { ok: false, error: { id: 'IPC_UNKNOWN_CHANNEL', params: { channel: String(channel).slice(0, 80) }, message: 'unknown channel' } };
      }
      // The job id (for jobs.cancel) travels beside the request; main validates it.
      return (await (options?.jobId !== undefined
        ? ipc.invoke(INVOKE_CHANNEL, channel, request, String(options.jobId))
        : ipc.invoke(INVOKE_CHANNEL, channel, request))) as never;
    },
    on(event, listener) {
      if (!preloadAllowedEvents.has(event)) return () => undefined;
      const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(EVENT_CHANNEL, wrapped as never);
      return () => ipc.removeListener(EVENT_CHANNEL, wrapped as never);
    },
  };
}
