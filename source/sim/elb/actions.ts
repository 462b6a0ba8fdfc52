import { ApiError, unsupported } from '../errors.js';
import type { Sandbox } from '../sandbox.js';
import { loadBalancersOf } from './associations.js';
import { int, oneOf, str, struct, structList, validationError, type Params } from './params.js';
import type { ActionRecord, ConditionRecord, LoadBalancerRecord } from './records.js';
import { requireTargetGroup } from './target-groups.js';

/**
 * What listeners and rules do with a request (forward, fixed-response, redirect) and when a
 * rule applies (path-pattern, host-header), checked as ELBv2 checks them. A target group may
 * serve one load balancer only.
 */

function checkTargetGroup(sb: Sandbox, lb: LoadBalancerRecord, arn: string): void {
  const tg = requireTargetGroup(sb, lb.region, arn);
  if (tg.vpcId !== lb.vpcId) throw validationError(`The target group '${arn}' is not in the load balancer's VPC '${lb.vpcId}'`);
  const others = loadBalancersOf(sb, arn).filter((other) => other !== lb.loadBalancerArn);
  if (others.length > 0) {
    throw new ApiError('TargetGroupAssociationLimit', `The following target groups cannot be associated with more than one load balancer: ${arn}`);
  }
}

function forwardAction(sb: Sandbox, lb: LoadBalancerRecord, action: Params): ActionRecord {
  const config = struct(action, 'ForwardConfig');
  const single = str(action, 'TargetGroupArn');
  const tuples = config ? structList(config, 'TargetGroups') : [];
  if (!single && tuples.length === 0) throw validationError('A target group ARN must be specified for a forward action');
  const groups = tuples.length > 0
    ? tuples.map((t) => ({ TargetGroupArn: typeof t.TargetGroupArn === 'string' ? t.TargetGroupArn : '', Weight: int(t, 'Weight', { min: 0, max: 999 }) ?? 1 }))
    : [{ TargetGroupArn: single!, Weight: 1 }];
  if (single && groups.some((g) => g.TargetGroupArn !== single)) {
    throw validationError('You cannot specify both a target group ARN and a different target group in the forward config');
  }
  for (const group of groups) checkTargetGroup(sb, lb, group.TargetGroupArn);
  const record: ActionRecord = { Type: 'forward', ForwardConfig: { TargetGroups: groups } };
  if (groups.length === 1) record.TargetGroupArn = groups[0]!.TargetGroupArn;
  return record;
}

function fixedResponseAction(action: Params): ActionRecord {
  const config = struct(action, 'FixedResponseConfig');
  const status = config && str(config, 'StatusCode');
  if (!status || !/^[2-5]\d\d$/.test(status)) throw validationError('A fixed-response action needs a StatusCode between 200 and 599');
  const body = str(config, 'MessageBody');
  if (body !== undefined && body.length > 1024) throw validationError('The message body of a fixed-response action can be at most 1024 characters long');
  return { Type: 'fixed-response', FixedResponseConfig: { StatusCode: status, ContentType: str(config, 'ContentType') ?? 'text/plain', MessageBody: body } };
}

function redirectAction(action: Params): ActionRecord {
  const config = struct(action, 'RedirectConfig');
  const status = oneOf(config && str(config, 'StatusCode'), 'redirect status code', ['HTTP_301', 'HTTP_302'] as const);
  if (!config || !status) throw validationError('A redirect action needs a StatusCode of HTTP_301 or HTTP_302');
  return {
    Type: 'redirect',
    RedirectConfig: {
      StatusCode: status,
      Protocol: str(config, 'Protocol') ?? '#{protocol}',
      Port: str(config, 'Port') ?? '#{port}',
      Host: str(config, 'Host') ?? '#{host}',
      Path: str(config, 'Path') ?? '/#{path}',
      Query: str(config, 'Query') ?? '#{query}',
    },
  };
}

/** The actions of a listener or rule: exactly one terminal action (forward, fixed-response or redirect). */
export function validActions(sb: Sandbox, lb: LoadBalancerRecord, given: Params[]): ActionRecord[] {
  if (given.length === 0) throw validationError('At least one action must be specified');
  const actions = given.map((action) => {
    const type = oneOf(str(action, 'Type'), 'action type', ['forward', 'fixed-response', 'redirect', 'authenticate-oidc', 'authenticate-cognito', 'jwt-validation'] as const);
    if (type === undefined) throw validationError('An action type must be specified');
    if (type === 'forward') return forwardAction(sb, lb, action);
    if (type === 'fixed-response') return fixedResponseAction(action);
    if (type === 'redirect') return redirectAction(action);
    throw unsupported(`The ${type} action`);
  });
  if (actions.length > 1) throw new ApiError('InvalidLoadBalancerAction', 'A listener or rule can have only one forward, fixed-response or redirect action');
  return actions;
}

/** Path patterns and host names, with `*` and `?` wildcards, as ELBv2 takes them. */
export function validConditions(given: Params[]): ConditionRecord[] {
  if (given.length === 0) throw validationError('A rule must have at least one condition');
  const conditions = given.map((condition) => {
    const field = oneOf(str(condition, 'Field'), 'condition field', ['path-pattern', 'host-header', 'http-header', 'http-request-method', 'query-string', 'source-ip'] as const);
    if (field === undefined) throw validationError('A condition field must be specified');
    if (field !== 'path-pattern' && field !== 'host-header') throw unsupported(`The ${field} rule condition`);
    const config = struct(condition, field === 'path-pattern' ? 'PathPatternConfig' : 'HostHeaderConfig');
    const direct = Array.isArray(condition.Values) || typeof condition.Values === 'string' ? ([] as unknown[]).concat(condition.Values) : [];
    const fromConfig = config ? ([] as unknown[]).concat(config.Values ?? []) : [];
    const values = [...direct, ...fromConfig].filter((v): v is string => typeof v === 'string');
    if (values.length === 0) throw validationError(`A ${field} condition needs at least one value`);
    for (const value of values) {
      if (value.length > 128) throw validationError(`The ${field} value '${value}' is longer than 128 characters`);
    }
    return { Field: field, Values: values };
  });
  if (conditions.reduce((n, c) => n + c.Values.length, 0) > 5) throw validationError('A rule can have at most 5 condition values');
  return conditions;
}
