import { ApiError } from '../errors.js';

/**
 * Reading EC2 query parameters. Everything arrives as strings (`MinCount=1`,
 * `DryRun=true`); lists as `Name.1`, `Name.2`, ... which the query parser has already
 * turned into arrays. Bad values get the errors EC2 gives.
 */

/** An EC2 request's parameters as operations receive them: strings, nested by the dotted names. */
export type QueryValue = string | QueryObject | QueryValue[];
export interface QueryObject {
  [key: string]: QueryValue;
}

export const invalidValue = (message: string) => new ApiError('InvalidParameterValue', message);
export const missingParameter = (name: string) => new ApiError('MissingParameter', `The request must contain the parameter ${name}`);

export function stringParam(params: QueryObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidValue(`Invalid value for parameter ${name}: expected a single value.`);
  return value;
}

export function intParam(params: QueryObject, name: string): number | undefined {
  const value = stringParam(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw invalidValue(`Invalid value '${value}' for ${name}: expected an integer.`);
  return Number(value);
}

export function boolParam(params: QueryObject, name: string): boolean | undefined {
  const value = stringParam(params, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidValue(`Invalid value '${value}' for ${name}: expected true or false.`);
  return lower === 'true';
}

/** A list of strings (`InstanceId.1`, `InstanceId.2`, or a lone `InstanceId`). */
export function stringList(params: QueryObject, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== 'string') throw invalidValue(`Invalid value for parameter ${name}: expected a list of strings.`);
    return item;
  });
}

/** A list of structures (`IpPermissions.1.IpProtocol`, ...). */
export function structList(params: QueryObject, name: string): QueryObject[] {
  const value = params[name];
  if (value === undefined) return [];
  const list: QueryValue[] = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw invalidValue(`Invalid value for parameter ${name}: expected a list of structures.`);
    }
    return item;
  });
}

export function structParam(params: QueryObject, name: string): QueryObject | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidValue(`Invalid value for parameter ${name}: expected a structure.`);
  return value;
}

/**
 * One page of a Describe call. The token is opaque (base64 of the offset) as EC2's are;
 * MaxResults has a range per operation.
 */
export function ec2Page<T>(
  items: readonly T[],
  params: QueryObject,
  range: { min: number; max: number },
): { page: T[]; nextToken?: string } {
  const maxResults = intParam(params, 'MaxResults');
  const token = stringParam(params, 'NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    const decoded = /^[A-Za-z0-9+/=]+$/.test(token) ? Buffer.from(token, 'base64').toString('utf8') : '';
    const match = /^ec2:(\d+)$/.exec(decoded);
    if (!match) throw new ApiError('InvalidPaginationToken', 'The specified pagination token is not valid or is expired.');
    start = Number(match[1]);
  }
  if (maxResults !== undefined && (maxResults < range.min || maxResults > range.max)) {
    throw invalidValue(`Value ( ${maxResults} ) for parameter maxResults is invalid. Parameter must be between ${range.min} and ${range.max}.`);
  }
  if (maxResults === undefined) return { page: items.slice(start) };
  const page = items.slice(start, start + maxResults);
  const end = start + page.length;
  return end < items.length ? { page, nextToken: Buffer.from(`ec2:${end}`).toString('base64') } : { page };
}

const ID_BODY = /^[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

/**
 * An id as EC2 forms them (the prefix, then 8 or 17 hex digits), or the Malformed error.
 * EC2 names the expected prefix in most of these errors; for instance ids it does not.
 */
export function checkId(id: string, prefix: string, malformedCode: string): void {
  if (!id.startsWith(`${prefix}-`) || !ID_BODY.test(id.slice(prefix.length + 1))) {
    const expecting = prefix === 'i' ? '' : ` (expecting "${prefix}-...")`;
    throw new ApiError(malformedCode, `Invalid id: "${id}"${expecting}`);
  }
}
