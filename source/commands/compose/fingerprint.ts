import { createHash } from 'node:crypto';

/**
 * The canonical form of a definition: keys sorted, absent values left out, so that the same
 * settings written in another order (or another compose version) give the same text. Its hash
 * tells whether a project changed since its last revision was registered.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The same value without the keys whose value is undefined (at any depth). */
export function withoutUndefined<T>(value: T): T {
  return canonicalShape(value) as T;
}

function canonicalShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalShape);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, canonicalShape(v)]));
  }
  return value;
}
