import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The OS app-data folder Electron calls `userData` for an app named Candlewick, so the desktop
 * app, `candlewick serve` and the CLI open the same workspace by default.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Candlewick');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Candlewick');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Candlewick');
}

/** `--data-dir` wins, then CANDLEWICK_DATA_DIR, then the OS default. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CANDLEWICK_DATA_DIR ?? join(userDataDir(env), 'workspace');
}
