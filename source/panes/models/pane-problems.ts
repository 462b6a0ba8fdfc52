import type { Cluster } from '@aws-sdk/client-ecs';
import type { PaneApi } from './pane-api.js';
import type { PaneScope } from './pane-scope.js';

/**
 * A pane's failure in words that say what to do next. The cluster and service a pane looks at
 * are the ones a user most often gets wrong (a cluster not created yet, a service name typo);
 * anything else is shown as ECS gave it.
 */
export function explainPaneError(error: string, scope: PaneScope): string {
  if (error.startsWith('ClusterNotFoundException')) return missingCluster(scope.cluster);
  if (error.startsWith('ServiceNotFoundException') && scope.service) return missingService(scope.cluster, scope.service);
  return error;
}

/** Whether the scope's cluster (and service) exist, asked once when a `.pane` line names them. */
export async function scopeProblem(api: PaneApi, scope: PaneScope): Promise<string | undefined> {
  try {
    if (scope.service) {
      const services = await api.describeServices(scope.cluster, [scope.service]);
      return services.length === 0 ? missingService(scope.cluster, scope.service) : undefined;
    }
    const out = await api.send<{ clusters?: Cluster[] }>('DescribeClusters', { clusters: [scope.cluster] });
    return out.clusters?.some((cluster) => cluster.status !== 'INACTIVE') ? undefined : missingCluster(scope.cluster);
  } catch (error) {
    // Only a missing cluster is this check's to report; other failures show in the pane as it polls.
    return error instanceof Error && error.name === 'ClusterNotFoundException' ? missingCluster(scope.cluster) : undefined;
  }
}

function missingCluster(cluster: string): string {
  return `no cluster '${cluster}' (ClusterNotFoundException): create it with ecs create-cluster --cluster-name ${cluster}, or see which there are with ecs list-clusters`;
}

function missingService(cluster: string, service: string): string {
  return `no service '${service}' in ${cluster} (ServiceNotFoundException): .pane tasks shows all of ${cluster}'s tasks; ecs list-services --cluster ${cluster} lists its services`;
}
