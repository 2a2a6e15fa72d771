import os from 'node:os';
import path from 'node:path';

/** The product name Electron derives userData from; the CLI must use the same folder. */
export const APP_DIR_NAME = 'BMC FieldKit';

/**
 * The platform's app-data folder, computed the way Electron computes
 * app.getPath('userData'), so the CLI and the desktop app share one state.
 */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), APP_DIR_NAME);
}

/** --home beats FIELDKIT_HOME beats the platform default. */
export function resolveHome(cliHome: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(cliHome ?? env.FIELDKIT_HOME ?? defaultHome(env));
}
