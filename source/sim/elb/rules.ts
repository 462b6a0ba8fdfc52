import { ApiError } from '../errors.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { validActions, validConditions } from './actions.js';
import { requireListener } from './listeners.js';
import { checkArn, resourceId } from './names.js';
import { int, requiredStr, str, strList, structList, tagList, validationError, type Params } from './params.js';
import { listeners, loadBalancers, rules, type RuleRecord } from './records.js';
import { renderDefaultRule, renderRule } from './render.js';

/**
 * ELBv2 listener rules: CreateRule, DescribeRules, DeleteRule. Rules are tried by priority
 * (lowest first); the listener's default rule, made with it, answers what none matches.
 */
const MAX_RULES = 100;

const ruleNotFound = () => new ApiError('RuleNotFound', 'One or more rules not found');

function isDefaultRule(sb: Sandbox, arn: string): boolean {
  return [...listeners(sb).values()].some((l) => l._defaultRuleArn === arn);
}

export const CreateRule: Operation = (sb, params: Params, ctx) => {
  const listener = requireListener(sb, ctx.region, requiredStr(params, 'ListenerArn'));
  const lb = loadBalancers(sb).get(listener.loadBalancerArn)!;
  const priority = int(params, 'Priority', { min: 1, max: 50000 });
  if (priority === undefined) throw validationError('A rule priority must be specified');
  const conditions = validConditions(structList(params, 'Conditions'));
  const actions = validActions(sb, lb, structList(params, 'Actions'));
  const onListener = [...rules(sb).values()].filter((r) => r.listenerArn === listener.listenerArn);
  if (onListener.some((r) => r.priority === priority)) throw new ApiError('PriorityInUse', `Priority '${priority}' is currently in use`);
  if (onListener.length >= MAX_RULES) throw new ApiError('TooManyRules', 'You have reached the limit on the number of rules per listener');
  const rule: RuleRecord = {
    ruleArn: `${listener.listenerArn.replace(':listener/', ':listener-rule/')}/${resourceId(sb)}`,
    listenerArn: listener.listenerArn,
    region: ctx.region,
    priority,
    conditions,
    actions,
    tags: tagList(params),
  };
  rules(sb).set(rule.ruleArn, rule);
  return { Rules: [renderRule(rule)] };
};

/** A listener's rules in priority order, its default rule last. */
export function rulesOf(sb: Sandbox, listenerArn: string): RuleRecord[] {
  return [...rules(sb).values()].filter((r) => r.listenerArn === listenerArn).sort((a, b) => a.priority - b.priority);
}

export const DescribeRules: Operation = (sb, params: Params, ctx) => {
  const listenerArn = str(params, 'ListenerArn');
  const arns = strList(params, 'RuleArns');
  if (listenerArn === undefined && arns.length === 0) throw validationError('You must specify either listener rule ARNs or a listener ARN');
  if (listenerArn !== undefined) {
    const listener = requireListener(sb, ctx.region, listenerArn);
    return { Rules: [...rulesOf(sb, listenerArn).map(renderRule), renderDefaultRule(listener)] };
  }
  return {
    Rules: arns.map((arn) => {
      checkArn(arn, 'listener-rule');
      const rule = rules(sb).get(arn);
      if (rule && rule.region === ctx.region) return renderRule(rule);
      const owner = [...listeners(sb).values()].find((l) => l._defaultRuleArn === arn && l.region === ctx.region);
      if (owner) return renderDefaultRule(owner);
      throw ruleNotFound();
    }),
  };
};

export const DeleteRule: Operation = (sb, params: Params, ctx) => {
  const arn = requiredStr(params, 'RuleArn');
  checkArn(arn, 'listener-rule');
  if (isDefaultRule(sb, arn)) throw new ApiError('OperationNotPermitted', `Default rule '${arn}' cannot be deleted`);
  const rule = rules(sb).get(arn);
  if (!rule || rule.region !== ctx.region) throw ruleNotFound();
  rules(sb).delete(arn);
  return {};
};

export const ruleOperations: Record<string, Operation> = { CreateRule, DescribeRules, DeleteRule };
