import { ApiError } from '../errors.js';
import type { Tag } from '../model.js';

/**
 * Reading the query parameters of both load balancing APIs. Everything arrives as strings
 * (`Port=80`, `HealthCheckEnabled=true`); lists (`Names.member.1`) and structures
 * (`Tags.member.1.Key`) have been nested by the query parser. Bad values get ELB's
 * ValidationError.
 */
export type Params = Record<string, unknown>;

export const validationError = (message: string) => new ApiError('ValidationError', message);

export function str(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw validationError(`Invalid value for parameter ${name}: expected a single value.`);
  return value;
}

/** A required parameter, with the message AWS's request validation gives. */
export function requiredStr(params: Params, name: string): string {
  const value = str(params, name);
  if (value === undefined) {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    throw validationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function int(params: Params, name: string, range?: { min: number; max: number }): number | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw validationError(`Invalid value '${value}' for ${name}: expected an integer.`);
  const n = Number(value);
  if (range && (n < range.min || n > range.max)) {
    throw validationError(`${name} must be between ${range.min} and ${range.max}; got ${n}.`);
  }
  return n;
}

export function bool(params: Params, name: string): boolean | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw validationError(`Invalid value '${value}' for ${name}: expected true or false.`);
  return lower === 'true';
}

function asList(params: Params, name: string): unknown[] {
  const value = params[name];
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function strList(params: Params, name: string): string[] {
  return asList(params, name).map((item) => {
    if (typeof item !== 'string') throw validationError(`Invalid value for parameter ${name}: expected a list of strings.`);
    return item;
  });
}

export function structList(params: Params, name: string): Params[] {
  return asList(params, name).map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw validationError(`Invalid value for parameter ${name}: expected a list of structures.`);
    }
    return item as Params;
  });
}

export function struct(params: Params, name: string): Params | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationError(`Invalid value for parameter ${name}: expected a structure.`);
  }
  return value as Params;
}

export function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw validationError(`'${value}' is not a valid ${name}; valid values are ${allowed.join(', ')}.`);
  }
  return value as T;
}

export const MAX_TAGS = 50;

/** `Tags.member.N.Key/Value`: keys 1-128 characters not starting with `aws:`, values up to 256. */
export function tagList(params: Params, name = 'Tags'): Tag[] {
  const tags = structList(params, name).map((tag) => {
    const key = tag.Key;
    const value = tag.Value ?? '';
    if (typeof key !== 'string' || key === '' || key.length > 128) throw validationError('Tag keys must be 1 to 128 characters long.');
    if (key.toLowerCase().startsWith('aws:')) throw validationError("Tag keys starting with 'aws:' are reserved for internal use.");
    if (typeof value !== 'string' || value.length > 256) throw validationError(`The value of tag '${key}' must be at most 256 characters long.`);
    return { key, value };
  });
  const keys = new Set<string>();
  for (const tag of tags) {
    if (keys.has(tag.key)) throw new ApiError('DuplicateTagKeys', `Tag key '${tag.key}' is duplicated.`);
    keys.add(tag.key);
  }
  if (tags.length > MAX_TAGS) throw new ApiError('TooManyTags', 'The quota for the number of tags that can be assigned to a load balancer has been reached.');
  return tags;
}

/** Adds or replaces tags by key, within the quota. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t]));
  for (const tag of added) byKey.set(tag.key, tag);
  if (byKey.size > MAX_TAGS) throw new ApiError('TooManyTags', 'The quota for the number of tags that can be assigned to a load balancer has been reached.');
  return [...byKey.values()];
}

export function renderTags(tags: Tag[]) {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

/**
 * One page of a Describe call: `Marker` is opaque (base64 of the offset), `PageSize` 1-400;
 * the answer's NextMarker is set while more remain.
 */
export function page<T>(items: readonly T[], params: Params): { items: T[]; nextMarker?: string } {
  const size = int(params, 'PageSize', { min: 1, max: 400 }) ?? 400;
  const marker = str(params, 'Marker');
  let start = 0;
  if (marker !== undefined) {
    const match = /^elb:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
    if (!match) throw validationError('The marker is not valid.');
    start = Number(match[1]);
  }
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return end < items.length ? { items: slice, nextMarker: Buffer.from(`elb:${end}`).toString('base64') } : { items: slice };
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
