import { ApiError } from '../errors.js';
import type { Operation, RequestContext } from '../sandbox.js';
import { ECS_AMI_ROOT, publicParameters, type PublicParameter } from './public-parameters.js';

/**
 * GetParameter, GetParameters and GetParametersByPath over the public parameters, as Systems
 * Manager answers them: String parameters at version 1, ARNs without an account (public
 * parameters belong to none), errors with SSM's codes.
 */

const MAX_NAMES = 10;
const MAX_PAGE = 10;

const validation = (message: string) => new ApiError('ValidationException', message);

function notFound(name: string): ApiError {
  return new ApiError(
    'ParameterNotFound',
    `Parameter ${name} not found. The ecsh sandbox serves the public parameters under ${ECS_AMI_ROOT}/ (amazon-linux-2023, amazon-linux-2 and their arm64/ variants): list them with GetParametersByPath.`,
  );
}

function render(region: string, parameter: PublicParameter) {
  return {
    Name: parameter.name,
    Type: 'String',
    Value: parameter.value,
    Version: 1,
    LastModifiedDate: parameter.publishedAt / 1000,
    ARN: `arn:aws:ssm:${region}::parameter${parameter.name}`,
    DataType: 'text',
  };
}

function requiredString(input: any, field: string): string {
  const value = input[field];
  if (value === undefined || value === null) throw validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  if (typeof value !== 'string' || value.length === 0) throw validation(`${field} must be a non-empty string.`);
  return value;
}

function lookup(ctx: RequestContext, name: string): PublicParameter | undefined {
  return publicParameters(ctx.region).get(name);
}

export const GetParameter: Operation = (_sb, input, ctx) => {
  const name = requiredString(input, 'Name');
  const parameter = lookup(ctx, name);
  if (!parameter) throw notFound(name);
  return { Parameter: render(ctx.region, parameter) };
};

export const GetParameters: Operation = (_sb, input, ctx) => {
  const names = input.Names;
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string' || n.length === 0)) {
    throw validation('Names must list between 1 and 10 parameter names.');
  }
  if (names.length > MAX_NAMES) {
    throw validation(`1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES}`);
  }
  const found: PublicParameter[] = [];
  const invalid: string[] = [];
  for (const name of new Set<string>(names)) {
    const parameter = lookup(ctx, name);
    if (parameter) found.push(parameter);
    else invalid.push(name);
  }
  return { Parameters: found.map((p) => render(ctx.region, p)), InvalidParameters: invalid };
};

/** Only the Type filter means anything for public parameters, which are all Strings. */
function typeFilter(filters: unknown): ((p: PublicParameter) => boolean) | undefined {
  if (filters === undefined || filters === null) return undefined;
  if (!Array.isArray(filters)) throw validation('ParameterFilters must be a list.');
  const tests = filters.map((filter: any) => {
    if (filter?.Key !== 'Type') {
      throw new ApiError('InvalidFilterKey', `The ecsh sandbox filters public parameters by Type only; got '${filter?.Key}'.`);
    }
    if (filter.Option !== undefined && filter.Option !== 'Equals') {
      throw new ApiError('InvalidFilterOption', `The Type filter takes the option Equals; got '${filter.Option}'.`);
    }
    const values: unknown[] = Array.isArray(filter.Values) ? filter.Values : [];
    return values.includes('String');
  });
  return () => tests.every(Boolean);
}

function pageStart(token: unknown): number {
  if (token === undefined || token === null) return 0;
  const start = typeof token === 'string' ? Number(Buffer.from(token, 'base64').toString('utf8').replace(/^p:/, '')) : NaN;
  if (!Number.isInteger(start) || start < 0) throw new ApiError('InvalidNextToken', 'The specified token isn\'t valid.');
  return start;
}

export const GetParametersByPath: Operation = (_sb, input, ctx) => {
  const path = requiredString(input, 'Path');
  if (!path.startsWith('/')) throw validation(`The path '${path}' must begin with a forward slash (/), as in ${ECS_AMI_ROOT}/.`);
  const recursive = input.Recursive === true;
  const size = input.MaxResults ?? MAX_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw validation(`1 validation error detected: Value '${size}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE}`);
  }
  const keep = typeFilter(input.ParameterFilters);
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const matching = [...publicParameters(ctx.region).values()]
    .filter((p) => p.name.startsWith(prefix) && (recursive || !p.name.slice(prefix.length).includes('/')))
    .filter((p) => !keep || keep(p))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const start = pageStart(input.NextToken);
  const page = matching.slice(start, start + size);
  const end = start + page.length;
  return {
    Parameters: page.map((p) => render(ctx.region, p)),
    NextToken: end < matching.length ? Buffer.from(`p:${end}`).toString('base64') : undefined,
  };
};

export const ssmOperations: Record<string, Operation> = { GetParameter, GetParameters, GetParametersByPath };
