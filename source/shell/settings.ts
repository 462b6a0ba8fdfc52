import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '../config/index.js';
import { oneLine } from './one-line.js';
import { THEME_NAMES, type ThemeName } from './theme.js';

/** What the shell remembers between sessions; flags given at start override it for that session. */
export interface Settings {
  backend: 'sandbox' | 'aws';
  profile?: string;
  region?: string;
  /** The default --cluster of ECS commands. */
  cluster?: string;
  /** What runs the in-process sandbox's tasks, as last chosen with `.runtime` (virtual when unset). */
  runtime?: 'virtual' | 'docker';
  fuzzy: boolean;
  theme: ThemeName;
}

export const DEFAULT_SETTINGS: Settings = { backend: 'sandbox', fuzzy: true, theme: 'dark' };

export interface SettingsStore {
  /** The settings file, or undefined when the settings live in memory only. */
  readonly path: string | undefined;
  get(): Settings;
  /** Changes settings now and saves them in the background; an undefined value forgets the setting. */
  update(changes: Partial<Settings>): void;
  /** Resolves once every change made so far is on disk (or has failed, and said so). */
  saved(): Promise<void>;
}

type StoredValue = string | boolean;
interface ConfLike {
  set(key: string, value: StoredValue): void;
  delete(key: string): void;
}

/**
 * The settings file, settings.json in ecsh's config dir, written by conf (atomically, mode
 * 0600). Reading it is a JSON.parse of the file conf writes: conf itself, with the schema
 * validator it loads, costs a tenth of a second that the first prompt does not wait for; it
 * is loaded when a setting is first changed. A file that cannot be read leaves the defaults
 * in place for this session, the file untouched, and `onError` says why.
 */
export function openSettings(dir: string = configDir(), onError: (message: string) => void = () => undefined): SettingsStore {
  const path = join(dir, 'settings.json');
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('it is not a JSON object');
    stored = parsed as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fileSettings(dir, path, DEFAULT_SETTINGS, onError);
    onError(`cannot read the settings in ${path}: ${oneLine(error)}; using the defaults`);
    return memorySettings();
  }
  return fileSettings(dir, path, settingsFrom(stored), onError);
}

function fileSettings(dir: string, path: string, initial: Settings, onError: (message: string) => void): SettingsStore {
  const memory = memorySettings(initial);
  let conf: Promise<ConfLike> | undefined;
  let writes = Promise.resolve();
  const loadConf = async (): Promise<ConfLike> => {
    const { default: Conf } = await import('conf');
    return new Conf({ cwd: dir, configName: 'settings', projectName: 'ecsh', configFileMode: 0o600 }) as unknown as ConfLike;
  };
  return {
    path,
    get: memory.get,
    update(changes) {
      memory.update(changes);
      conf ??= loadConf();
      // One write after another, in the order the changes were made.
      writes = writes
        .then(() => conf!)
        .then((store) => {
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined) store.delete(key);
            else store.set(key, value as StoredValue);
          }
        })
        .catch((error: unknown) => onError(`cannot save the settings to ${path}: ${oneLine(error)}`));
    },
    saved: () => writes,
  };
}

/** Settings kept in memory only (tests, a broken settings file). */
export function memorySettings(initial: Partial<Settings> = {}): SettingsStore {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial };
  return {
    path: undefined,
    get: () => ({ ...current }),
    update: (changes) => {
      const next: Record<string, unknown> = { ...current, ...changes };
      for (const [key, value] of Object.entries(changes)) if (value === undefined) delete next[key];
      current = settingsFrom(next);
    },
    saved: () => Promise.resolve(),
  };
}

/** Known settings with the right types; anything else in the file is ignored, not trusted. */
function settingsFrom(stored: Record<string, unknown>): Settings {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (stored.backend === 'sandbox' || stored.backend === 'aws') settings.backend = stored.backend;
  if (stored.runtime === 'virtual' || stored.runtime === 'docker') settings.runtime = stored.runtime;
  if (typeof stored.fuzzy === 'boolean') settings.fuzzy = stored.fuzzy;
  if (THEME_NAMES.includes(stored.theme as ThemeName)) settings.theme = stored.theme as ThemeName;
  const profile = text(stored.profile);
  const region = text(stored.region);
  const cluster = text(stored.cluster);
  if (profile) settings.profile = profile;
  if (region) settings.region = region;
  if (cluster) settings.cluster = cluster;
  return settings;
}

