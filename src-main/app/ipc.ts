import os from 'node:os';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { FieldKitError } from '../../shared/errors';
import { dispatch } from '../api';
import type { Services } from '../services/container';
import { isTrustedSender } from './navigation';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './preload-bridge';

/**
 * Registers the handler table on ipcMain. Every call is checked: the sender
 * must be the app's main frame (no iframe, no foreign page) and the payload
 * is validated by dispatch against the contract.
 */
export function registerIpc(ipcMain: IpcMain, services: Services, appEntry: string): void {
  const who = (() => {
    try {
      return os.userInfo().username;
    } catch {
      return 'unknown';
    }
  })();
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame, appEntry)) {
      services.logs.events.write('warn', 'IPC refused from untrusted sender', { url: frame?.url });
      return { ok: false, error: new FieldKitError('IPC_BAD_SENDER', { origin: frame?.url ?? 'unknown' }).toPayload() };
    }
    return dispatch(channel, payload, {
      services,
      via: 'ui',
      who,
      emit: (e, p) => services.bus.publish(e, p),
    });
  });
}

/** Forwards contract events to a window for as long as it lives. */
export function forwardEvents(services: Services, contents: WebContents): void {
  const unsubscribe = services.bus.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  });
  contents.once('destroyed', unsubscribe);
}
