import type { z } from 'zod';
import type { ErrorPayload } from '../errors';

/**
 * A channel of the API: a request validated at run time by a zod schema on
 * the main side (payloads from the renderer or the WebSocket are untrusted),
 * and a response type known only to the compiler.
 */
export interface ChannelDef<Req = unknown, Res = unknown> {
  request: z.ZodType<Req>;
  /** Phantom: carries the response type, never read at run time. */
  response: Res;
}

export function defineChannel<S extends z.ZodType, Res>(def: {
  request: S;
  response: Res;
}): ChannelDef<z.infer<S>, Res> {
  return def as ChannelDef<z.infer<S>, Res>;
}

/** An event pushed from main to the renderer. The payload is typed only. */
export interface EventDef<P = unknown> {
  payload: P;
}

export function defineEvent<P>(): EventDef<P> {
  return { payload: undefined as unknown as P };
}

export type ChannelMap = Record<string, ChannelDef<any, any>>;
export type EventMap = Record<string, EventDef<any>>;

export type RequestOf<C extends ChannelDef> = C extends ChannelDef<infer Req, unknown> ? Req : never;
export type ResponseOf<C extends ChannelDef> = C extends ChannelDef<unknown, infer Res> ? Res : never;

/** What every transport returns: never a thrown exception across the boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
