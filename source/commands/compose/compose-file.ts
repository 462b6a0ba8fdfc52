import { fail, type ComposeWarning, type Where } from './compose-error.js';
import { interpolate } from './interpolate.js';
import { isObject, mergeService } from './merge.js';
import { loadYaml, type YamlSource } from './yaml-source.js';

/**
 * One or more compose files (`-f a.yml -f b.yml`) read as one project: their version found
 * (v1 has services at the top level; v2.x and v3.x, and the version-less Compose
 * Specification, under `services:`), variables substituted, and later files merged into
 * earlier ones.
 */

export type ComposeVersion = 1 | 2 | 3;

export interface ComposeService {
  name: string;
  spec: Record<string, unknown>;
  /** Where a key of this service was written (the last file that sets it). */
  where: Where;
}

export interface ComposeProject {
  version: ComposeVersion;
  services: ComposeService[];
  /** Top-level named volumes (v2/v3), by name. */
  volumes: Record<string, Record<string, unknown>>;
  /** Top-level networks (v2/v3), by name. */
  networks: string[];
  /** Where a top-level key was written. */
  where: Where;
}

export interface ComposeFileText {
  path: string;
  text: string;
}

const TOP_LEVEL = new Set(['version', 'services', 'volumes', 'networks', 'secrets', 'configs', 'name']);

interface LoadedFile {
  source: YamlSource;
  version: ComposeVersion;
  versionText: string;
  /** The path of the services map in the file: [] for v1, ['services'] otherwise. */
  servicesAt: string[];
  data: Record<string, unknown>;
}

export function loadComposeFiles(files: ComposeFileText[], env: Readonly<Record<string, string | undefined>>, warnings: ComposeWarning[]): ComposeProject {
  const loaded = files.map((file) => loadFile(file, env, warnings));
  const first = loaded[0]!;
  for (const other of loaded.slice(1)) {
    if (other.version !== first.version) {
      fail(other.source.where(['version']), `version ${other.versionText} does not match version ${first.versionText} of ${first.source.path}: all compose files of a project have the same major version`);
    }
  }
  const services = new Map<string, { spec: Record<string, unknown>; sources: YamlSource[]; servicesAt: string[][] }>();
  const volumes: Record<string, Record<string, unknown>> = {};
  const networks = new Set<string>();
  for (const file of loaded) {
    const map = file.version === 1 ? file.data : file.data.services;
    if (map !== undefined && map !== null && !isObject(map)) fail(file.source.where(file.servicesAt), 'services is a map of service names to their settings');
    for (const [name, spec] of Object.entries(map ?? {})) {
      const at = [...file.servicesAt, name];
      if (spec !== null && !isObject(spec)) fail(file.source.where(at), `service ${name} is a map of settings (image, ports, ...)`);
      const existing = services.get(name);
      if (existing) {
        existing.spec = mergeService(existing.spec, spec ?? {});
        existing.sources.push(file.source);
        existing.servicesAt.push(file.servicesAt);
      } else {
        services.set(name, { spec: { ...(spec ?? {}) }, sources: [file.source], servicesAt: [file.servicesAt] });
      }
    }
    if (file.version !== 1) {
      for (const [name, volume] of Object.entries(sectionOf(file, 'volumes'))) volumes[name] = { ...volumes[name], ...(isObject(volume) ? volume : {}) };
      for (const name of Object.keys(sectionOf(file, 'networks'))) networks.add(name);
    }
  }
  const last = loaded[loaded.length - 1]!;
  return {
    version: first.version,
    services: [...services].map(([name, { spec, sources, servicesAt }]) => ({
      name,
      spec,
      where: (...path) => {
        for (let i = sources.length - 1; i >= 0; i--) {
          const full = [...servicesAt[i]!, name, ...path];
          if (sources[i]!.has(full)) return sources[i]!.where(full);
        }
        return sources[sources.length - 1]!.where([...servicesAt[sources.length - 1]!, name, ...path]);
      },
    })),
    volumes,
    networks: [...networks],
    where: (...path) => {
      const file = [...loaded].reverse().find((f) => f.source.has(path.map(String))) ?? last;
      return file.source.where(path);
    },
  };
}

function loadFile(file: ComposeFileText, env: Readonly<Record<string, string | undefined>>, warnings: ComposeWarning[]): LoadedFile {
  const source = loadYaml(file.path, file.text);
  if (source.value === null || source.value === undefined) fail(`${file.path}:1:1`, 'the compose file is empty: it needs at least one service');
  if (!isObject(source.value)) fail(source.where([]), 'a compose file is a map: services: (or, in version 1, service names) at the top level');
  const data = interpolate(source, env, warnings) as Record<string, unknown>;
  if ('version' in data) {
    const text = source.sourceText(['version']) ?? String(data.version);
    const major = /^([123])(\.\d+)?$/.exec(text)?.[1];
    if (!major) fail(source.where(['version']), `Unsupported Docker Compose version found: ${text} (ecsh reads versions 1, 2.x and 3.x)`);
    if (major === '1') return { source, version: 1, versionText: text, servicesAt: [], data: withoutVersion(data) };
    return { source, version: Number(major) as 2 | 3, versionText: text, servicesAt: ['services'], data };
  }
  // The Compose Specification dropped `version:`; its files are read as 3.x.
  if (isObject(data.services) && Object.keys(data).every((key) => TOP_LEVEL.has(key) || key.startsWith('x-'))) {
    return { source, version: 3, versionText: '3 (Compose Specification)', servicesAt: ['services'], data };
  }
  return { source, version: 1, versionText: '1', servicesAt: [], data };
}

function withoutVersion(data: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, ...rest } = data;
  return rest;
}

function sectionOf(file: LoadedFile, key: string): Record<string, unknown> {
  const section = file.data[key];
  if (section === undefined || section === null) return {};
  if (!isObject(section)) fail(file.source.where([key]), `${key} is a map of names to their settings`);
  return section;
}
