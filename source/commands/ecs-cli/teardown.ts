import { DeregisterContainerInstanceCommand } from '@aws-sdk/client-ecs';
import { readLaunchSpec, type Setup } from './cluster-setup.js';
import type { EcsCliContext } from './context.js';
import { containerInstances, terminateInstances } from './instances.js';
import { deleteInstanceRole } from './instance-role.js';
import type { VerbLog } from './log.js';
import { deleteNetwork } from './network-teardown.js';
import type { Target } from './target.js';

/**
 * Deletes a set-up (what `up` made for the cluster, not the cluster itself): the instances
 * first, and only once they are terminated the network they used, then the role `up` made.
 * The caller has made sure nothing else holds the network (requireNetworkFree); `again` is the
 * line to run once it is free, should something still hold it.
 */
export async function tearDown(target: Target, clusterArn: string | undefined, setup: Setup, context: EcsCliContext, log: VerbLog, again: string): Promise<void> {
  const { backend, cluster } = target;
  const instanceIds = setup.instances.map((i) => i.InstanceId!);
  if (instanceIds.length > 0) {
    log.info('Terminating instances', { count: instanceIds.length });
    await terminateInstances(backend, instanceIds, context);
    // ECS lets go of a terminated instance by itself, but not always at once: DeleteCluster must not find it.
    for (const left of (await containerInstances(backend, cluster)).filter((c) => instanceIds.includes(c.ec2InstanceId ?? ''))) {
      await backend.ecs.send(new DeregisterContainerInstanceCommand({ cluster, containerInstance: left.containerInstanceArn, force: true }));
    }
  }
  await deleteNetwork(target, setup, context, log, again);
  const role = clusterArn ? (await readLaunchSpec(backend, clusterArn))?.createdRole : undefined;
  if (role) await deleteInstanceRole(backend, role);
}
