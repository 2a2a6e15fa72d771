import { channels, isChannelName, type ChannelName, type Envelope } from '../../shared/contract';
import { FieldKitError, toErrorPayload } from '../../shared/errors';
import { coreHandlers } from './core';
import { credentialsHandlers } from './credentials';
import { dumpHandlers } from './dump';
import { firmwareHandlers } from './firmware';
import { inventoryHandlers } from './inventory';
import { ipmiHandlers } from './ipmi';
import { monitorHandlers } from './monitor';
import { recoveryHandlers } from './recovery';
import { trapsHandlers } from './traps';
import type { Handler, HandlerContext } from './types';

export type { HandlerContext } from './types';

/**
 * The single handler table. Electron IPC, the headless host's WebSocket and
 * tests all go through `dispatch`, so validation and error shaping happen in
 * exactly one place.
 */
export const handlerTable = {
  ...coreHandlers,
  ...ipmiHandlers,
  ...trapsHandlers,
  ...inventoryHandlers,
  ...credentialsHandlers,
  ...recoveryHandlers,
  ...firmwareHandlers,
  ...dumpHandlers,
  ...monitorHandlers,
};

export const handlerNames: readonly string[] = Object.freeze(Object.keys(handlerTable).sort());

/** Shortens a zod error to what a user can act on, without echoing values (they may be secrets). */
function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(request)'}: ${i.message}`)
    .join('; ');
}

export async function dispatch(channel: unknown, payload: unknown, ctx: HandlerContext): Promise<Envelope<unknown>> {
  try {
    if (!isChannelName(channel) || !(channel in handlerTable)) {
      throw new FieldKitError('IPC_UNKNOWN_CHANNEL', { channel: String(channel).slice(0, 80) });
    }
    const name = channel as ChannelName;
    const parsed = channels[name].request.safeParse(payload ?? {});
    if (!parsed.success) {
      throw new FieldKitError('IPC_BAD_PAYLOAD', { channel: name, detail: describeIssues(parsed.error.issues) });
    }
    const handler = (handlerTable as Record<string, Handler<any>>)[name];
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (e) {
    const error = toErrorPayload(e);
    if (error.id === 'INTERNAL') ctx.services.logs.events.write('error', 'handler failed', { channel: String(channel), detail: error.message });
    return { ok: false, error };
  }
}
