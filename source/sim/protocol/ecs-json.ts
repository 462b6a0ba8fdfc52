import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors.js';
import type { RequestContext, Sandbox } from '../sandbox.js';
import { ECS_OPERATION_NAMES } from './ecs-operation-names.js';
import type { WireResponse } from './wire.js';

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';

/** ECS's awsJson1_1 protocol: the operation in X-Amz-Target, input and output as JSON. */
export function handleEcs(sb: Sandbox, headers: IncomingHttpHeaders, body: string, ctx: RequestContext): WireResponse {
  const target = String(headers['x-amz-target'] ?? '');
  const operation = target.slice(ECS_TARGET_PREFIX.length);
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    return ecsError(new ApiError('SerializationException', 'The request body is not valid JSON.'));
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return ecsError(new ApiError('SerializationException', 'The request body must be a JSON object.'));
  }
  try {
    if (!sb.has('ecs', operation)) {
      if (KNOWN_ECS_OPERATIONS.has(operation)) {
        throw new ApiError('UnsupportedFeatureException', `${operation} is not supported by the ecsh sandbox.`);
      }
      throw new ApiError('UnknownOperationException', `Unknown operation ${operation || '(no X-Amz-Target)'}.`);
    }
    const output = sb.call('ecs', operation, input, ctx);
    return { status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(output ?? {}) };
  } catch (error) {
    return ecsError(error);
  }
}

export function ecsError(error: unknown): WireResponse {
  const api = error instanceof ApiError ? error : new ApiError('ServerException', internalMessage(error), 500);
  return {
    status: api.status,
    contentType: 'application/x-amz-json-1.1',
    headers: { 'x-amzn-errortype': api.code },
    body: JSON.stringify({ __type: api.code, message: api.message }),
  };
}

export function internalMessage(error: unknown): string {
  return `Internal error in the ecsh sandbox: ${error instanceof Error ? error.message : String(error)}`;
}

/** Every operation of the ECS API, so that the ones the sandbox lacks are named as unsupported. */
const KNOWN_ECS_OPERATIONS = new Set(ECS_OPERATION_NAMES);
