import type { ChannelName, EventName, EventPayload, FieldKitBridge, Req, Res } from '../../../shared/contract';
import { FieldKitError, errorFromPayload } from '../../../shared/errors';
import { createWebSocketBridge } from './websocket-bridge';

let bridge: FieldKitBridge | undefined;

/** The preload's bridge in Electron, else a WebSocket to the headless host. */
export function getBridge(): FieldKitBridge {
  bridge ??= window.fieldkit ?? createWebSocketBridge();
  return bridge;
}

/** Typed call of a contract channel; a failed envelope becomes a FieldKitError. */
export async function call<C extends ChannelName>(channel: C, request: Partial<Req<C>> = {}): Promise<Res<C>> {
  const envelope = await getBridge().invoke(channel, request);
  if (!envelope.ok) throw errorFromPayload(envelope.error);
  return envelope.value as Res<C>;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return getBridge().on(event, listener as (p: unknown) => void);
}

export { FieldKitError };
