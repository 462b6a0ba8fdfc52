import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import type { ShellContext } from './shell-context.js';

const CHECK_TIMEOUT_MS = 3_000;

/**
 * After a change of region: a line saying that the shell's `.cluster` is not in the new region
 * (clusters belong to one region), and what to do; nothing when it is there, when none is set,
 * or when ECS cannot be asked now (the next command says why).
 */
export async function clusterMissingNote(context: ShellContext): Promise<string | undefined> {
  const cluster = context.session.cluster;
  if (cluster === undefined) return undefined;
  try {
    const backend = await context.session.backend();
    // A check, not the command: an AWS endpoint slow to answer does not hold the prompt.
    const { clusters = [] } = await backend.ecs.send(new DescribeClustersCommand({ clusters: [cluster] }), { abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    if (clusters.some((found) => found.status !== 'INACTIVE')) return undefined;
    const name = cluster.slice(cluster.lastIndexOf('/') + 1);
    return `cluster ${name} does not exist in ${backend.region}: create it with "ecs create-cluster --cluster-name ${name}", or pick one of this region's (ecs list-clusters) with .cluster NAME`;
  } catch {
    return undefined;
  }
}
