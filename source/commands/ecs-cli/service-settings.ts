import type { CreateServiceCommandInput, LoadBalancer } from '@aws-sdk/client-ecs';
import type { ComposeProject } from './compose-project.js';
import { EcsCliError } from './errors.js';
import { booleanFlag, listFlag, numberFlag, stringFlag, type ParsedArgs } from './parse-args.js';
import { parseTags } from './tags.js';

/** The deployment settings given (only those: ECS keeps its own defaults for the rest). */
export function deploymentConfiguration(args: ParsedArgs): CreateServiceCommandInput['deploymentConfiguration'] {
  const maximumPercent = numberFlag(args, 'deployment-max-percent');
  const minimumHealthyPercent = numberFlag(args, 'deployment-min-healthy-percent');
  return maximumPercent === undefined && minimumHealthyPercent === undefined ? undefined : { maximumPercent, minimumHealthyPercent };
}

/** `--target-groups` (repeatable), `--target-group-arn` or `--load-balancer-name`, with the container they send to. */
export function loadBalancers(args: ParsedArgs): LoadBalancer[] | undefined {
  const balancers: LoadBalancer[] = (listFlag(args, 'target-groups') ?? []).map(targetGroup);
  const containerName = stringFlag(args, 'container-name');
  const containerPort = numberFlag(args, 'container-port');
  const single = stringFlag(args, 'target-group-arn') ?? stringFlag(args, 'load-balancer-name');
  if (single !== undefined) {
    if (!containerName || containerPort === undefined) throw new EcsCliError('a load balancer needs --container-name and --container-port: the container and port it sends traffic to');
    balancers.push(stringFlag(args, 'target-group-arn') ? { targetGroupArn: single, containerName, containerPort } : { loadBalancerName: single, containerName, containerPort });
  }
  return balancers.length > 0 ? balancers : undefined;
}

function targetGroup(text: string): LoadBalancer {
  const fields = Object.fromEntries(text.split(',').map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]));
  const port = Number(fields.containerPort);
  if (!fields.targetGroupArn || !fields.containerName || !Number.isInteger(port)) {
    throw new EcsCliError(`--target-groups takes targetGroupArn=ARN,containerName=NAME,containerPort=PORT, not '${text}'`);
  }
  return { targetGroupArn: fields.targetGroupArn, containerName: fields.containerName, containerPort: port };
}

/** CreateService's input for the project's service. */
export function createServiceInput(args: ParsedArgs, cluster: string, project: ComposeProject, taskDefinition: string, desiredCount: number, balancers: LoadBalancer[] | undefined): CreateServiceCommandInput {
  const daemon = stringFlag(args, 'scheduling-strategy') === 'DAEMON';
  const { run } = project.translation;
  const tags = parseTags(stringFlag(args, 'tags'));
  return {
    cluster,
    serviceName: project.name,
    taskDefinition,
    desiredCount: daemon ? undefined : desiredCount,
    schedulingStrategy: daemon ? 'DAEMON' : undefined,
    launchType: project.launchType,
    deploymentConfiguration: deploymentConfiguration(args),
    loadBalancers: balancers,
    role: balancers ? stringFlag(args, 'role') : undefined,
    healthCheckGracePeriodSeconds: numberFlag(args, 'health-check-grace-period'),
    placementStrategy: daemon ? undefined : run.placementStrategy,
    placementConstraints: run.placementConstraints,
    networkConfiguration: run.networkConfiguration,
    tags: tags.length > 0 ? tags : undefined,
    enableECSManagedTags: !booleanFlag(args, 'disable-ecs-managed-tags'),
  };
}

/** Whether any load balancer flag was given (they cannot change an existing service). */
export function givesLoadBalancer(args: ParsedArgs): boolean {
  return ['target-groups', 'target-group-arn', 'load-balancer-name', 'container-name', 'container-port', 'role', 'health-check-grace-period'].some((flag) => args.flags[flag] !== undefined);
}
