import os from 'node:os';
import type { Dialog, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { FieldKitError } from '../../shared/errors';
import { dispatch } from '../api';
import type { Services } from '../services/container';
import { jobsOf } from '../services/jobs';
import { isTrustedSender } from './navigation';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './preload-bridge';

/**
 * Registers the handler table on ipcMain. Every call is checked: the sender
 * must be the app's main frame (no iframe, no foreign page) and the payload
 * is validated by dispatch against the contract.
 */
export function registerIpc(ipcMain: IpcMain, services: Services, appEntry: string, dialog?: Pick<Dialog, 'showOpenDialog'>): void {
  const who = (() => {
    try {
      return os.userInfo().username;
    } catch {
      return 'unknown';
    }
  })();
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown, jobId?: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame, appEntry)) {
      services.logs.events.write('warn', 'IPC refused from untrusted sender', { url: frame?.url });
      return { ok: false, error: new FieldKitError('IPC_BAD_SENDER', { origin: frame?.url ?? 'unknown' }).toPayload() };
    }
    return dispatch(
      channel,
      payload,
      {
        services,
        via: 'ui',
        who,
        emit: (e, p) => services.bus.publish(e, p),
        // The dump folder comes from the main process's own dialog, never from the page.
        ...(dialog
          ? {
              chooseFolder: async (_purpose: 'dump', defaultDir: string) => {
                const r = await dialog.showOpenDialog({ defaultPath: defaultDir, properties: ['openDirectory', 'createDirectory'] });
                return r.canceled ? undefined : r.filePaths[0];
              },
            }
          : {}),
      },
      // The window's calls are jobs it can cancel by id (jobs.cancel); they end with the window.
      { owner: ipcOwner(event.sender), ...(jobId !== undefined && jobId !== null ? { id: String(jobId) } : {}) },
    );
  });
}

/** The owner tag of a window's calls. */
function ipcOwner(contents: Pick<WebContents, 'id'>): string {
  return `ipc:${contents.id}`;
}

/** Forwards contract events to a window for as long as it lives; its running calls end with it. */
export function forwardEvents(services: Services, contents: WebContents): void {
  const unsubscribe = services.bus.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  });
  const owner = ipcOwner(contents);
  contents.once('destroyed', () => {
    unsubscribe();
    jobsOf(services).cancelOwnedBy(owner);
  });
}
