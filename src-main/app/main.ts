import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import pkg from '../../package.json';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { Services } from '../services/container';
import { forwardEvents, registerIpc } from './ipc';
import { isAppUrl, isExternalBrowserUrl } from './navigation';
import { secureWindowOptions } from './window-options';

// One FieldKit per user: a second start focuses the first window.
if (!app.requestSingleInstanceLock()) app.quit();

const rendererEntry = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).toString();

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(secureWindowOptions(path.join(__dirname, '../preload/index.js')));
  const contents = win.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalBrowserUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererEntry)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, rendererEntry)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererEntry);
  return win;
}

// Whatever creates web contents (a bug, a future feature), it gets the same locks.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(() => {
  const services = new Services({
    home: app.getPath('userData'),
    app: { name: pkg.productName ?? pkg.name, version: pkg.version, systemLocale: app.getLocale() },
  });
  // Deny every permission (camera, notifications, geolocation, ...): FieldKit needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  registerIpc(ipcMain, services, rendererEntry, dialog);
  const win = createMainWindow();
  forwardEvents(services, win.webContents);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    void services.close().finally(() => app.quit());
  });
});
