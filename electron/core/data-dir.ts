import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the station keeps its database when no --data-dir is given. It is the folder
 * Electron's app.getPath('userData') gives for an app named "Depotline", so the desktop
 * app, station mode and the CLI on one PC share one store by default.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Depotline');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Depotline');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Depotline');
}

/** --data-dir wins, then DEPOTLINE_DATA_DIR, then the per-user default. */
export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(option || env.DEPOTLINE_DATA_DIR || defaultDataDir(env));
}
