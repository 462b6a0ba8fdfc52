import { ApiError, invalidParameter } from './errors.js';

/**
 * Checks on API input, with the error the service gives. The SDK validates types before
 * sending, but the AWS CLI and hand-written requests can send anything.
 */
type ErrorFactory = (message: string) => ApiError;

export function requireString(input: any, field: string, error: ErrorFactory = invalidParameter): string {
  const value = input?.[field];
  if (typeof value !== 'string' || value.length === 0) throw error(`${field} is required and must be a non-empty string.`);
  return value;
}

export function optionalString(input: any, field: string, error: ErrorFactory = invalidParameter): string | undefined {
  const value = input?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw error(`${field} must be a string.`);
  return value;
}

export function optionalInteger(
  input: any,
  field: string,
  range: { min?: number; max?: number } = {},
  error: ErrorFactory = invalidParameter,
): number | undefined {
  const value = input?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw error(`${field} must be an integer.`);
  if (range.min !== undefined && value < range.min) throw error(`${field} must be at least ${range.min}.`);
  if (range.max !== undefined && value > range.max) throw error(`${field} must be at most ${range.max}.`);
  return value;
}

export function optionalBoolean(input: any, field: string, error: ErrorFactory = invalidParameter): boolean | undefined {
  const value = input?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw error(`${field} must be a boolean.`);
  return value;
}

export function optionalArray<T = unknown>(input: any, field: string, error: ErrorFactory = invalidParameter): T[] | undefined {
  const value = input?.[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw error(`${field} must be a list.`);
  return value as T[];
}

export function oneOf<T extends string>(value: string | undefined, field: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParameter(`${field} must be one of ${allowed.join(', ')}; got '${value}'.`);
  }
  return value as T;
}

/**
 * One page of `items`. The token is opaque to callers (base64 of the offset), as AWS's are;
 * a token that does not decode is refused like AWS refuses it.
 */
export function paginate<T>(
  items: readonly T[],
  nextToken: unknown,
  maxResults: unknown,
  limits: { defaultSize: number; maxSize: number },
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined && nextToken !== null) {
    const decoded = typeof nextToken === 'string' ? Number(Buffer.from(nextToken, 'base64').toString('utf8').replace(/^o:/, '')) : NaN;
    if (!Number.isInteger(decoded) || decoded < 0) throw invalidParameter('Invalid nextToken.');
    start = decoded;
  }
  let size = limits.defaultSize;
  if (maxResults !== undefined && maxResults !== null) {
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > limits.maxSize) {
      throw invalidParameter(`maxResults must be between 1 and ${limits.maxSize}.`);
    }
    size = maxResults;
  }
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length ? { page, nextToken: Buffer.from(`o:${end}`).toString('base64') } : { page };
}
