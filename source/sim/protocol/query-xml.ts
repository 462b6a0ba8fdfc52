import { ApiError } from '../errors.js';
import type { RequestContext, Sandbox, ServiceName } from '../sandbox.js';
import { internalMessage } from './aws-json.js';
import type { QueryObject } from './query.js';
import type { WireResponse } from './wire.js';
import { xmlDocument } from './xml.js';

/** The query-protocol services on the sandbox's port, told apart by their API version. */
export const QUERY_SERVICES: Record<string, { service: ServiceName; namespace: string; style: 'ec2' | 'elb' }> = {
  '2016-11-15': { service: 'ec2', namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/', style: 'ec2' },
  '2012-06-01': { service: 'elb', namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/', style: 'elb' },
  '2015-12-01': { service: 'elbv2', namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/', style: 'elb' },
};

const XML = 'text/xml;charset=UTF-8';

/**
 * Runs a query-protocol action. `requestId` is the request's one id: the body carries it
 * (requestId, RequestId or RequestID, as each service spells it) and so does the
 * x-amzn-requestid header the server adds.
 */
export function handleQuery(
  sb: Sandbox,
  version: string | undefined,
  action: string | undefined,
  params: QueryObject,
  ctx: RequestContext,
  requestId: string,
): WireResponse {
  const api = QUERY_SERVICES[version ?? '2016-11-15'];
  if (!api) {
    return ec2Error(
      new ApiError('InvalidParameterValue', `Unsupported API version '${version}'. ecsh serves EC2 2016-11-15, ELB 2012-06-01 and ELBv2 2015-12-01.`),
      requestId,
    );
  }
  const fail = (error: unknown) => (api.style === 'ec2' ? ec2Error : elbError)(error, requestId);
  if (!action) return fail(new ApiError('MissingAction', 'The request must contain the parameter Action.'));
  if (!sb.has(api.service, action)) {
    return fail(new ApiError('InvalidAction', `The action ${action} is not valid for this web service (or not supported by the ecsh sandbox).`));
  }
  try {
    const output = (sb.call(api.service, action, params, ctx) ?? {}) as Record<string, unknown>;
    if (api.style === 'ec2') {
      return { status: 200, contentType: XML, body: xmlDocument(`${action}Response`, { xmlns: api.namespace }, { requestId, ...output }, 'item') };
    }
    return {
      status: 200,
      contentType: XML,
      body: xmlDocument(
        `${action}Response`,
        { xmlns: api.namespace },
        { [`${action}Result`]: output, ResponseMetadata: { RequestId: requestId } },
        'member',
      ),
    };
  } catch (error) {
    return fail(error);
  }
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('InternalError', internalMessage(error), 500);
}

export function ec2Error(error: unknown, requestId: string): WireResponse {
  const api = asApiError(error);
  return {
    status: api.status,
    contentType: XML,
    body: xmlDocument('Response', {}, { Errors: { Error: { Code: api.code, Message: api.message } }, RequestID: requestId }, 'item'),
  };
}

export function elbError(error: unknown, requestId: string): WireResponse {
  const api = asApiError(error);
  return {
    status: api.status,
    contentType: XML,
    body: xmlDocument(
      'ErrorResponse',
      {},
      { Error: { Type: api.status >= 500 ? 'Receiver' : 'Sender', Code: api.code, Message: api.message }, RequestId: requestId },
      'member',
    ),
  };
}
