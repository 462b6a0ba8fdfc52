import { keyValueMap } from './key-values.js';

/**
 * How a later compose file (`-f a.yml -f b.yml`) changes a service of an earlier one, as
 * Docker Compose merges them: single values are replaced; maps (environment, labels, ...) are
 * merged key by key; lists of independent entries (ports, dns, ...) are joined; volumes and
 * devices are replaced per container path; sections (logging, healthcheck, deploy) merge
 * recursively.
 */

type Service = Record<string, unknown>;

const MAPS: Record<string, '=' | ':'> = { environment: '=', labels: '=', sysctls: '=', extra_hosts: ':', log_opt: '=' };
const JOINED = new Set([
  'ports', 'expose', 'dns', 'dns_search', 'tmpfs', 'links', 'external_links', 'volumes_from', 'cap_add', 'cap_drop',
  'security_opt', 'env_file',
]);
const BY_TARGET = new Set(['volumes', 'devices']);
const SECTIONS = new Set(['logging', 'healthcheck', 'deploy', 'build', 'ulimits']);

export function mergeService(base: Service, override: Service): Service {
  const merged: Service = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const earlier = base[key];
    if (earlier === undefined || value === null || value === undefined) merged[key] = value;
    else if (key in MAPS) merged[key] = { ...loose(earlier, MAPS[key]!), ...loose(value, MAPS[key]!) };
    else if (JOINED.has(key)) merged[key] = unique([...asList(earlier), ...asList(value)]);
    else if (BY_TARGET.has(key)) merged[key] = byTarget(asList(earlier), asList(value));
    else if (key === 'depends_on') merged[key] = { ...dependencyMap(earlier), ...dependencyMap(value) };
    else if (SECTIONS.has(key) && isObject(earlier) && isObject(value)) merged[key] = mergeDeep(earlier, value);
    else merged[key] = value;
  }
  return merged;
}

function mergeDeep(base: Service, override: Service): Service {
  const merged: Service = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const earlier = base[key];
    // A healthcheck's test is a command: the later one replaces it, it is not merged.
    merged[key] = isObject(earlier) && isObject(value) ? mergeDeep(earlier, value) : value;
  }
  return merged;
}

/** Merging should not fail on a malformed value: the translation reports it with its place. */
function loose(value: unknown, separator: '=' | ':'): Record<string, string | null> {
  try {
    return keyValueMap(value, separator, '', '');
  } catch {
    return {};
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function unique(items: unknown[]): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The container path of a volume or device entry (`src:/dst:ro`, `/dst`, or the long form). */
function targetOf(entry: unknown): string {
  if (isObject(entry)) return String(entry.target ?? entry.container_path ?? JSON.stringify(entry));
  const parts = String(entry).split(':');
  return parts.length >= 2 ? parts[1]! : parts[0]!;
}

function byTarget(base: unknown[], override: unknown[]): unknown[] {
  const replaced = new Set(override.map(targetOf));
  return [...base.filter((entry) => !replaced.has(targetOf(entry))), ...override];
}

function dependencyMap(value: unknown): Service {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [String(name), { condition: 'service_started' }]));
  return isObject(value) ? value : {};
}

export function isObject(value: unknown): value is Service {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
