/**
 * URL predicates of the Electron shell. The window may only ever show
 * FieldKit's own renderer; everything else (links, window.open, drag-and-drop
 * navigation) is refused. BMC web consoles open in the system browser, and
 * only over http(s).
 */

/** The renderer's own origin: file:// in production, the dev server in development. */
export function isAppUrl(url: string, appEntry: string): boolean {
  let u: URL;
  let entry: URL;
  try {
    u = new URL(url);
    entry = new URL(appEntry);
  } catch {
    return false;
  }
  if (entry.protocol === 'file:') return u.protocol === 'file:' && u.pathname === entry.pathname;
  return u.origin === entry.origin;
}

/** Only http(s) URLs with a host may be handed to the system browser. */
export function isExternalBrowserUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Requests from the renderer are accepted only from the top frame showing the app. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean, appEntry: string): boolean {
  return Boolean(frameUrl) && isMainFrame && isAppUrl(frameUrl as string, appEntry);
}
