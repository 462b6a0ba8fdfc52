import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors.js';
import type { RequestContext, Sandbox } from '../sandbox.js';
import { handleAwsJson } from './aws-json.js';
import type { WireResponse } from './wire.js';

export const SSM_TARGET_PREFIX = 'AmazonSSM.';

function missingOperation(operation: string): ApiError {
  return new ApiError(
    'UnsupportedOperationException',
    `${operation || '(no X-Amz-Target)'} is not supported by the ecsh sandbox: it serves the public parameters of the ECS-optimized AMIs with GetParameter, GetParameters and GetParametersByPath.`,
  );
}

/** Systems Manager's awsJson1_1 protocol (`X-Amz-Target: AmazonSSM.<Op>`), for the public parameters the sandbox serves. */
export function handleSsm(sb: Sandbox, headers: IncomingHttpHeaders, body: string, ctx: RequestContext): WireResponse {
  const operation = String(headers['x-amz-target'] ?? '').slice(SSM_TARGET_PREFIX.length);
  return handleAwsJson(sb, 'ssm', operation, body, ctx, missingOperation);
}
