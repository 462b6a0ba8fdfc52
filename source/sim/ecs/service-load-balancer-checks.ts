import { invalidParameter } from '../errors.js';
import { classicKey, classicLoadBalancers, loadBalancersOf, targetGroups } from '../elb/index.js';
import type { ServiceRecord, TaskDefinitionRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * What CreateService and UpdateService check of a service's load balancers, with ECS's
 * words: the target group or classic load balancer exists and is in use, and the container
 * and port are in the task definition with a host port the load balancer can reach.
 */
export function checkServiceLoadBalancers(
  sb: Sandbox,
  region: string,
  loadBalancers: ServiceRecord['loadBalancers'],
  def: TaskDefinitionRecord | undefined,
): void {
  const networkMode = def?.networkMode ?? 'bridge';
  for (const lb of loadBalancers) {
    if (!lb.containerName) throw invalidParameter('Container Name can not be blank.');
    if (lb.containerPort === undefined || lb.containerPort === null) throw invalidParameter('Container Port can not be blank.');
    const container = def?.containerDefinitions.find((c) => c.name === lb.containerName);
    const mapping = container?.portMappings?.find((m) => m.containerPort === lb.containerPort && (m.protocol ?? 'tcp') === 'tcp');
    if (def && !mapping) throw invalidParameter(`The container ${lb.containerName} did not have a container port ${lb.containerPort} defined.`);
    if (lb.targetGroupArn) {
      const tg = targetGroups(sb).get(lb.targetGroupArn);
      if (!tg || tg.region !== region) {
        throw invalidParameter('Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.');
      }
      if (loadBalancersOf(sb, tg.targetGroupArn).length === 0) {
        throw invalidParameter(`The target group with targetGroupArn ${tg.targetGroupArn} does not have an associated load balancer.`);
      }
      const wants = networkMode === 'awsvpc' ? 'ip' : 'instance';
      if (tg.targetType !== wants) {
        throw invalidParameter(
          `The provided target group ${tg.targetGroupArn} has target type ${tg.targetType}, which is incompatible with the ${networkMode} network mode specified in the task definition.`,
        );
      }
    } else if (lb.loadBalancerName) {
      if (!classicLoadBalancers(sb).has(classicKey(region, lb.loadBalancerName))) {
        throw invalidParameter(`The load balancer ${lb.loadBalancerName} does not exist.`);
      }
      if (networkMode === 'awsvpc') throw invalidParameter('Classic Load Balancers are not supported with the awsvpc network mode.');
      // A classic load balancer sends to one fixed instance port: only one such task fits an instance.
      if (networkMode === 'bridge' && mapping && !mapping.hostPort) {
        throw invalidParameter(`A host port mapping for the container port ${lb.containerPort} is required.`);
      }
    }
  }
}
