import { fail } from './compose-error.js';

/**
 * Compose writes many settings either as a map or as a list of `KEY=VALUE` strings
 * (environment, labels, sysctls) or `KEY:VALUE` (extra_hosts). Both become one map here; a
 * key written alone (`- DEBUG`, `DEBUG:`) maps to null, which environment reads as "take it
 * from the shell".
 */
export function keyValueMap(value: unknown, separator: '=' | ':', where: string, what: string): Record<string, string | null> {
  if (value === null || value === undefined) return {};
  if (Array.isArray(value)) {
    const map: Record<string, string | null> = {};
    for (const item of value) {
      if (typeof item !== 'string' && typeof item !== 'number') fail(where, `each entry of ${what} is a string such as KEY${separator}VALUE`);
      const text = String(item);
      const at = text.indexOf(separator);
      if (at === 0) fail(where, `entry "${text}" of ${what} has no name before "${separator}"`);
      if (at < 0) map[text] = null;
      else map[text.slice(0, at)] = text.slice(at + 1);
    }
    return map;
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scalarText(item, where, `${what}.${key}`)]));
  }
  fail(where, `${what} is a map or a list of KEY${separator}VALUE strings`);
}

/** A scalar as the string Docker gets (YAML's `true` and `8080` included); null stays null. */
export function scalarText(value: unknown, where: string, what: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  fail(where, `${what} is a single value, not a ${Array.isArray(value) ? 'list' : 'map'}`);
}

/** A setting written as one string or a list of strings (dns, dns_search, env_file, tmpfs). */
export function stringList(value: unknown, where: string, what: string): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item !== 'string' && typeof item !== 'number') fail(where, `${what} is a string or a list of strings`);
    return String(item);
  });
}
