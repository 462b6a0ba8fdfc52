import { ApiError } from '../errors.js';
import type { RequestContext, Sandbox, ServiceName } from '../sandbox.js';
import type { WireResponse } from './wire.js';

/**
 * The awsJson1_1 protocol that ECS and SSM speak: the operation in X-Amz-Target, input and
 * output as JSON objects, errors as `{"__type": CODE, "message": ...}` with x-amzn-errortype.
 */

const JSON_CONTENT = 'application/x-amz-json-1.1';

/**
 * Runs `operation` of `service` with the request's JSON body. An operation the sandbox lacks
 * is answered with the error `missing` gives for it.
 */
export function handleAwsJson(
  sb: Sandbox,
  service: ServiceName,
  operation: string,
  body: string,
  ctx: RequestContext,
  missing: (operation: string) => ApiError,
): WireResponse {
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    return jsonError(new ApiError('SerializationException', 'The request body is not valid JSON.'));
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return jsonError(new ApiError('SerializationException', 'The request body must be a JSON object.'));
  }
  try {
    if (!sb.has(service, operation)) throw missing(operation);
    const output = sb.call(service, operation, input, ctx);
    return { status: 200, contentType: JSON_CONTENT, body: JSON.stringify(output ?? {}) };
  } catch (error) {
    return jsonError(error);
  }
}

export function jsonError(error: unknown): WireResponse {
  const api = error instanceof ApiError ? error : new ApiError('ServerException', internalMessage(error), 500);
  return {
    status: api.status,
    contentType: JSON_CONTENT,
    headers: { 'x-amzn-errortype': api.code },
    body: JSON.stringify({ __type: api.code, message: api.message }),
  };
}

export function internalMessage(error: unknown): string {
  return `Internal error in the ecsh sandbox: ${error instanceof Error ? error.message : String(error)}`;
}
