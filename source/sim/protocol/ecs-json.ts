import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors.js';
import type { RequestContext, Sandbox } from '../sandbox.js';
import { handleAwsJson } from './aws-json.js';
import { ECS_OPERATION_NAMES } from './ecs-operation-names.js';
import type { WireResponse } from './wire.js';

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';

/** Every operation of the ECS API, so that the ones the sandbox lacks are named as unsupported. */
const KNOWN_ECS_OPERATIONS = new Set(ECS_OPERATION_NAMES);

function missingOperation(operation: string): ApiError {
  if (KNOWN_ECS_OPERATIONS.has(operation)) {
    return new ApiError('UnsupportedFeatureException', `${operation} is not supported by the ecsh sandbox.`);
  }
  return new ApiError('UnknownOperationException', `Unknown operation ${operation || '(no X-Amz-Target)'}.`);
}

/** ECS's awsJson1_1 protocol: the operation in X-Amz-Target, input and output as JSON. */
export function handleEcs(sb: Sandbox, headers: IncomingHttpHeaders, body: string, ctx: RequestContext): WireResponse {
  const operation = String(headers['x-amz-target'] ?? '').slice(ECS_TARGET_PREFIX.length);
  return handleAwsJson(sb, 'ecs', operation, body, ctx, missingOperation);
}
