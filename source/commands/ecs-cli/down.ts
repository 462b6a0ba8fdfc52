import { DeleteClusterCommand } from '@aws-sdk/client-ecs';
import { findSetup, isEmptySetup } from './cluster-setup.js';
import { activeCluster, activeServices } from './cluster-state.js';
import { EcsCliError } from './errors.js';
import { composeLine, ecsCliLine } from './command-lines.js';
import { requireNetworkFree } from './network-holders.js';
import { booleanFlag } from './parse-args.js';
import { defineVerb } from './run-verb.js';
import { withTarget } from './target.js';
import { tearDown } from './teardown.js';
import { pollUntil } from './waits.js';

const STILL_BUSY = new Set(['ClusterContainsTasksException', 'ClusterContainsContainerInstancesException']);
const QUESTION = 'Are you sure you want to delete your cluster? [y/N]';

/**
 * `down`: the cluster and its set-up. Unlike ecs-cli, it refuses while services are active, or
 * while something else uses the set-up's network, before deleting anything, instead of leaving
 * a cluster without instances that cannot be deleted (aws/amazon-ecs-cli#368) or a stack in
 * DELETE_FAILED.
 */
export const down = defineVerb('down', async (args, context, log) =>
  withTarget(args, context, async (target) => {
    if (!booleanFlag(args, 'force')) {
      if (!context.confirm) throw new EcsCliError('ecs-cli down deletes the cluster and its instances: pass --force to do so without being asked');
      if (!(await context.confirm(QUESTION))) {
        throw new EcsCliError("Aborted cluster deletion. To delete your cluster, re-run this command and specify the '--force' flag or confirm that you'd like to delete your cluster at the prompt.");
      }
    }
    const { backend, cluster } = target;
    const existing = await activeCluster(backend, cluster);
    const setup = await findSetup(backend, cluster);
    if (!existing && isEmptySetup(setup)) throw new EcsCliError(`there is no cluster ${cluster} in ${target.region}`);
    if (existing) {
      const services = await activeServices(backend, cluster);
      if (services.length > 0) {
        const commands = services.map((s) => composeLine(args, '--project-name', s.serviceName!, 'service', 'rm'));
        throw new EcsCliError(`cluster ${cluster} has active services (${services.map((s) => s.serviceName).join(', ')}), which would keep it from being deleted: remove them first with ${commands.join('; ')}`);
      }
    }
    const again = ecsCliLine(args, 'down');
    await requireNetworkFree(target, setup, again);
    log.info('Waiting for your cluster resources to be deleted...');
    await tearDown(target, existing?.clusterArn, setup, context, log, again);
    if (existing) {
      // Tasks of the terminated instances take a moment to be STOPPED, and until then ECS refuses.
      let said = false;
      await pollUntil(
        context,
        { intervalMs: 5000, timeoutMs: 5 * 60_000, what: `the tasks of cluster ${cluster} to stop`, hint: `see them with ${ecsCliLine(args, 'ps', '--desired-status', 'RUNNING')}` },
        async () => {
          try {
            return await backend.ecs.send(new DeleteClusterCommand({ cluster }));
          } catch (error) {
            if (!STILL_BUSY.has((error as Error).name)) throw error;
            if (!said) log.info('Waiting for the tasks of the cluster to stop', { cluster });
            said = true;
            return undefined;
          }
        },
      );
      log.info('Deleted cluster', { cluster });
    }
  }),
  { clusterWord: true },
);
