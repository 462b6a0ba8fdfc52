import { DescribeTasksCommand, ListTasksCommand, UpdateContainerInstancesStateCommand, type ContainerInstance } from '@aws-sdk/client-ecs';
import type { Instance } from '@aws-sdk/client-ec2';
import type { Backend } from '../../api/index.js';
import { findSetup, readLaunchSpec } from './cluster-setup.js';
import { activeCluster } from './cluster-state.js';
import type { EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import { containerInstances, launchInstances, terminateInstances, waitForRegistration } from './instances.js';
import type { VerbLog } from './log.js';
import { ecsCliLine } from './command-lines.js';
import { booleanFlag, numberFlag } from './parse-args.js';
import { defineVerb } from './run-verb.js';
import { withTarget, type Target } from './target.js';
import { pollUntil } from './waits.js';

/** How long drained instances' service tasks get to move elsewhere. */
const DRAIN_WAIT_MS = 15 * 60_000;

/**
 * `scale --size N`: more instances launched like the first ones, or fewer, the emptiest
 * drained first, and terminated only once their service tasks run elsewhere. Works on any
 * cluster `up` set up, found by its tags rather than by a stack name (aws/amazon-ecs-cli#580).
 */
export const scale = defineVerb(
  'scale',
  async (args, context, log) => {
    if (!booleanFlag(args, 'capability-iam')) throw new EcsCliError("Please acknowledge that this command may create IAM resources with the '--capability-iam' flag");
    await withTarget(args, context, async (target) => {
      const size = numberFlag(args, 'size')!;
      const cluster = await activeCluster(target.backend, target.cluster);
      const spec = cluster ? await readLaunchSpec(target.backend, cluster.clusterArn!) : undefined;
      if (!cluster || !spec) throw new EcsCliError(`cluster ${target.cluster} was not set up by ecs-cli up in ${target.region}: run ${ecsCliLine(args, 'up', '--capability-iam')} first`);
      const setup = await findSetup(target.backend, target.cluster);
      const live = setup.instances.filter((i) => i.State?.Name === 'pending' || i.State?.Name === 'running');
      log.info('Waiting for your cluster resources to be updated...');
      if (size > live.length) {
        const launched = await launchInstances(target.backend, target.cluster, spec, size - live.length, live, []);
        await waitForRegistration(target.backend, target.cluster, { launched, others: live.map((i) => i.InstanceId!), size }, context, log);
      } else if (size < live.length) {
        await removeInstances(target, live, live.length - size, context, log);
      }
      log.info('Cluster size', { size });
    });
  },
  { clusterWord: true },
);

async function removeInstances(target: Target, live: Instance[], count: number, context: EcsCliContext, log: VerbLog): Promise<void> {
  const registered = new Map((await containerInstances(target.backend, target.cluster)).map((c) => [c.ec2InstanceId!, c]));
  const victims = pickEmptiest(live, registered, count);
  const draining = victims.map((i) => registered.get(i.InstanceId!)).filter((c): c is ContainerInstance => c !== undefined);
  if (draining.length > 0) {
    await target.backend.ecs.send(
      new UpdateContainerInstancesStateCommand({ cluster: target.cluster, containerInstances: draining.map((c) => c.containerInstanceArn!), status: 'DRAINING' }),
    );
    log.info('Draining container instances', { instances: draining.map((c) => c.ec2InstanceId).join(',') });
    let shown = -1;
    await pollUntil(
      context,
      { intervalMs: 5000, timeoutMs: DRAIN_WAIT_MS, what: 'the service tasks of the draining instances to move', hint: 'is there room for them on the other instances?' },
      async () => {
        const left = await serviceTasksOn(target.backend, target.cluster, draining);
        if (left !== shown) log.info('Service tasks left on draining instances', { tasks: left });
        shown = left;
        return left === 0 ? true : undefined;
      },
    );
  }
  log.info('Terminating instances', { instances: victims.map((i) => i.InstanceId).join(',') });
  await terminateInstances(target.backend, victims.map((i) => i.InstanceId!), context);
}

/** Instances not registered yet first, then those running the fewest tasks, the newest first among equals. */
function pickEmptiest(live: Instance[], registered: Map<string, ContainerInstance>, count: number): Instance[] {
  const load = (instance: Instance) => {
    const c = registered.get(instance.InstanceId!);
    return c ? (c.runningTasksCount ?? 0) + (c.pendingTasksCount ?? 0) : -1;
  };
  return [...live]
    .sort((a, b) => load(a) - load(b) || (b.LaunchTime?.getTime() ?? 0) - (a.LaunchTime?.getTime() ?? 0))
    .slice(0, count);
}

/** Tasks of services still on the instances (standalone tasks are not moved by ECS, and not waited for). */
async function serviceTasksOn(backend: Backend, cluster: string, instances: ContainerInstance[]): Promise<number> {
  let count = 0;
  for (const instance of instances) {
    const { taskArns = [] } = await backend.ecs.send(new ListTasksCommand({ cluster, containerInstance: instance.containerInstanceArn }));
    if (taskArns.length === 0) continue;
    const { tasks = [] } = await backend.ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }));
    count += tasks.filter((t) => t.group?.startsWith('service:') && t.lastStatus !== 'STOPPED').length;
  }
  return count;
}
