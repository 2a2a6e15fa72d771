import type { ChannelName, EventName, Req, Res } from '../../shared/contract';
import { errorFromPayload } from '../../shared/errors';
import { dispatch } from '../api';
import type { HandlerContext } from '../api/types';
import { InventoryRejected } from '../services/inventory/service';
import type { CliContext } from './context';

export interface CliCallOptions {
  /** A password piped in with --password-stdin, for BMCs the keychain has none for. */
  password?: string;
  /** Ask on the terminal (no echo) when no other source has the password. */
  askPassword?: (account: string) => Promise<string>;
  /** --timeout: time budget per BMC request. */
  timeoutMs?: number;
  /** The trap listener's SNMPv3 keys: the environment and a no-echo prompt (resolveSnmpV3Key). */
  snmpV3?: HandlerContext['snmpV3Access'];
  /** Progress events of the call, as lines for stderr. */
  progress?: (text: string) => void;
  /** Every other event the handler pushes (dump.progress, recovery.progress, ...). */
  onEvent?: (event: EventName, payload: unknown) => void;
  /**
   * The folder the user named on the command line (dump --output): the CLI's
   * counterpart of the window's folder dialog, so no request payload names a path.
   */
  folder?: string;
  /** The recovery waits the command line set (recover --power-timeout ...). */
  recoveryTimings?: HandlerContext['recoveryTimings'];
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
      else o.onEvent?.(event, payload);
    },
    ...(o.folder !== undefined ? { chooseFolder: async () => o.folder } : {}),
    ...(o.recoveryTimings ? { recoveryTimings: o.recoveryTimings } : {}),
    bmcAccess: {
      ...(o.password !== undefined ? { password: o.password } : {}),
      ...(o.askPassword ? { askPassword: o.askPassword } : {}),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    },
    ...(o.snmpV3 ? { snmpV3Access: o.snmpV3 } : {}),
  };
  const envelope = await dispatch(channel, request, handlerCtx);
  if (!envelope.ok) {
    const { id, issues } = envelope.error;
    // A rejected inventory change keeps its findings: the CLI lists them per field.
    if (issues && (id === 'INVENTORY_CHANGE_REJECTED' || id === 'INVENTORY_IMPORT_REJECTED')) throw new InventoryRejected(id, issues);
    throw errorFromPayload(envelope.error);
  }
  return envelope.value as Res<C>;
}
