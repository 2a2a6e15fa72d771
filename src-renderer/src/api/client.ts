import type { ChannelName, EventName, EventPayload, FieldKitBridge, Req, Res } from '../../../shared/contract';
import { FieldKitError, errorFromPayload } from '../../../shared/errors';
import { createWebSocketBridge } from './websocket-bridge';

let bridge: FieldKitBridge | undefined;

/** The preload's bridge in Electron, else a WebSocket to the headless host. */
export function getBridge(): FieldKitBridge {
  bridge ??= window.fieldkit ?? createWebSocketBridge();
  return bridge;
}

/** 'websocket' in a browser on the headless host; the desktop window's transport otherwise. */
export function bridgeTransport(): FieldKitBridge['transport'] {
  return getBridge().transport;
}

/**
 * Typed call of a contract channel; a failed envelope becomes a FieldKitError.
 * With a `jobId` (see newJobId) the call can be cancelled while it runs:
 * `call('jobs.cancel', { jobId })`, and it then fails with CANCELLED.
 */
export async function call<C extends ChannelName>(channel: C, request: Partial<Req<C>> = {}, options: { jobId?: string } = {}): Promise<Res<C>> {
  const envelope = await getBridge().invoke(channel, request, options.jobId !== undefined ? { jobId: options.jobId } : undefined);
  if (!envelope.ok) throw errorFromPayload(envelope.error);
  return envelope.value as Res<C>;
}

let jobCounter = 0;

/** A fresh job id for a call that the user may cancel. */
export function newJobId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `ui-${(++jobCounter).toString(36)}-${random}`.slice(0, 64);
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return getBridge().on(event, listener as (p: unknown) => void);
}

export { FieldKitError };
