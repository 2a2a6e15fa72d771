import type { ChannelName, Req, Res } from '../../shared/contract';
import { errorFromPayload } from '../../shared/errors';
import { dispatch } from '../api';
import type { HandlerContext } from '../api/types';
import type { CliContext } from './context';

export interface CliCallOptions {
  /** A password piped in with --password-stdin, for BMCs the keychain has none for. */
  password?: string;
  /** Ask on the terminal (no echo) when no other source has the password. */
  askPassword?: (account: string) => Promise<string>;
  /** --timeout: time budget per BMC request. */
  timeoutMs?: number;
  /** Progress events of the call, as lines for stderr. */
  progress?: (text: string) => void;
}

/**
 * Calls a channel of the handler table in this process, as the window does
 * over IPC: the same validation, defaults, confirmations, audit records and
 * messages. The CLI keeps argument parsing, prompts and formatting.
 */
export async function callChannel<C extends ChannelName>(ctx: CliContext, channel: C, request: Req<C>, o: CliCallOptions = {}): Promise<Res<C>> {
  const handlerCtx: HandlerContext = {
    services: ctx.services(),
    via: 'cli',
    who: ctx.who,
    signal: ctx.signal,
    emit: (event, payload) => {
      if (event === 'ipmi.progress' && o.progress) o.progress((payload as { text: string }).text);
    },
    bmcAccess: {
      ...(o.password !== undefined ? { password: o.password } : {}),
      ...(o.askPassword ? { askPassword: o.askPassword } : {}),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    },
  };
  const envelope = await dispatch(channel, request, handlerCtx);
  if (!envelope.ok) throw errorFromPayload(envelope.error);
  return envelope.value as Res<C>;
}
