import { homedir } from 'node:os';
import { join } from 'node:path';

/** ecsh's own folder for settings, history and the sandbox's state (XDG on Linux). */
export function configDir(): string {
  if (process.env.ECSH_CONFIG_DIR) return process.env.ECSH_CONFIG_DIR;
  if (process.platform === 'win32' && process.env.APPDATA) return join(process.env.APPDATA, 'ecsh');
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'ecsh');
}

export function defaultStatePath(): string {
  return join(configDir(), 'sandbox-state.json');
}
