import { CreateServiceCommand, DeleteServiceCommand, UpdateServiceCommand, type Service, type UpdateServiceCommandInput } from '@aws-sdk/client-ecs';
import { composeLine } from './command-lines.js';
import { countArgument } from './compose-tasks.js';
import { loadProject, projectName, registerIfChanged, type ComposeProject } from './compose-project.js';
import type { EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import type { VerbLog } from './log.js';
import { booleanFlag, numberFlag, stringFlag, type ParsedArgs } from './parse-args.js';
import { containerRows, psLines } from './ps-table.js';
import { describeService, waitForDeletion, waitForService } from './service-waiter.js';
import { createServiceInput, deploymentConfiguration, givesLoadBalancer, loadBalancers } from './service-settings.js';
import { parseTags } from './tags.js';
import type { Target } from './target.js';
import { listTasks } from './task-list.js';

/**
 * `compose service create|start|up|ps|scale|stop|rm`: the project as an ECS service of its
 * name. `up` creates it with one task, or registers a new revision only when the definition
 * changed and rolls it out keeping the count; every change is waited for, with ecs-cli's logs.
 */
export async function composeServiceCommand(args: ParsedArgs, context: EcsCliContext, target: Target, log: VerbLog): Promise<void> {
  const verb = args.command.path[2]!;
  const name = projectName(args, context);
  const timeout = numberFlag(args, 'timeout') ?? 5;
  const existing = await describeService(target.backend, target.cluster, name);
  const active = existing?.status === 'ACTIVE' ? existing : undefined;
  const wait = () => waitForService(target.backend, target.cluster, name, timeout, existing, context, log);
  const needActive = (): Service => {
    if (!active) throw new EcsCliError(`there is no service ${name} in cluster ${target.cluster} (${target.region}): create it with ${composeLine(args, 'service', 'up')}`);
    return active;
  };
  switch (verb) {
    case 'ps': {
      const tasks = await listTasks(target.backend, target.cluster, { serviceName: name, desiredStatus: stringFlag(args, 'desired-status') as 'RUNNING' | 'STOPPED' | undefined });
      for (const line of psLines(await containerRows(target.backend, target.cluster, tasks))) context.print(line);
      return;
    }
    case 'rm':
      if (existing && !active) {
        log.info('ECS Service is already deleted', { serviceName: name });
        return;
      }
      needActive();
      await target.backend.ecs.send(new DeleteServiceCommand({ cluster: target.cluster, service: name, force: true }));
      log.info('Deleted ECS service', { service: name });
      return waitForDeletion(target.backend, target.cluster, name, timeout, existing, context, log);
    case 'stop':
      await update(target, log, args, { service: needActive().serviceName, desiredCount: 0 });
      return wait();
    case 'scale': {
      const service = needActive();
      if (service.schedulingStrategy === 'DAEMON') throw new EcsCliError(`service ${name} is a DAEMON service: it runs one task on every instance, and has no count to scale`);
      await update(target, log, args, { service: name, desiredCount: countArgument(args), deploymentConfiguration: deploymentConfiguration(args) });
      return wait();
    }
    case 'start': {
      if (!active) throw new EcsCliError(`Please use 'create' command to create the service '${name}' in cluster ${target.cluster} (${target.region}) first: ${composeLine(args, 'service', 'create')}`);
      const service = active;
      if ((service.desiredCount ?? 0) === 0 && service.schedulingStrategy !== 'DAEMON') await update(target, log, args, { service: name, desiredCount: 1 });
      else if (booleanFlag(args, 'force-deployment')) await update(target, log, args, { service: name, desiredCount: service.desiredCount, forceNewDeployment: true });
      else log.info('ECS Service is already running', { desiredCount: service.desiredCount, serviceName: name });
      return wait();
    }
    default:
      return createOrUpdate(args, target, loadProject(args, context, target, log), active, log, verb === 'up' ? wait : undefined);
  }
}

async function createOrUpdate(args: ParsedArgs, target: Target, project: ComposeProject, active: Service | undefined, log: VerbLog, wait: (() => Promise<void>) | undefined): Promise<void> {
  const name = project.name;
  if (!wait && active) throw new EcsCliError(`service ${name} already exists in cluster ${target.cluster} (${target.region}): change it with ${composeLine(args, 'service', 'up')}`);
  // Read (and so checked) even where an existing service ignores them, so that a mistake is not silent.
  const balancers = loadBalancers(args);
  const definition = await registerIfChanged(target, project, parseTags(stringFlag(args, 'tags')), log);
  if (!active) {
    const count = wait ? (project.translation.run.replicas ?? 1) : 0;
    await target.backend.ecs.send(new CreateServiceCommand(createServiceInput(args, target.cluster, project, definition.arn, count, balancers)));
    log.info('Created an ECS service', { service: name, taskDefinition: definition.name });
    return wait?.();
  }
  if (givesLoadBalancer(args)) log.warn('Load balancer settings cannot be changed on an existing service: they are ignored', { service: name });
  const changed = active.taskDefinition !== definition.arn;
  const { run } = project.translation;
  await update(target, log, args, {
    service: name,
    taskDefinition: changed ? definition.arn : undefined,
    desiredCount: active.schedulingStrategy === 'DAEMON' ? undefined : active.desiredCount || 1,
    deploymentConfiguration: deploymentConfiguration(args),
    forceNewDeployment: booleanFlag(args, 'force-deployment') || undefined,
    placementStrategy: active.schedulingStrategy === 'DAEMON' ? undefined : run.placementStrategy,
    placementConstraints: run.placementConstraints,
    networkConfiguration: run.networkConfiguration,
  });
  if (changed) log.info('Updated the ECS service with a new task definition. Old containers will be stopped automatically, and replaced with new ones');
  return wait!();
}

async function update(target: Target, log: VerbLog, args: ParsedArgs, input: Omit<UpdateServiceCommandInput, 'cluster'>): Promise<void> {
  await target.backend.ecs.send(new UpdateServiceCommand({ cluster: target.cluster, ...input }));
  log.info('Updated ECS service successfully', { desiredCount: input.desiredCount, 'force-deployment': booleanFlag(args, 'force-deployment'), service: input.service });
}
