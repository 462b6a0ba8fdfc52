import { DescribeClustersCommand, DescribeServicesCommand, ListServicesCommand, type Cluster, type Service } from '@aws-sdk/client-ecs';
import type { Backend } from '../../api/index.js';

/** The cluster when it exists and is ACTIVE. */
export async function activeCluster(backend: Backend, cluster: string): Promise<Cluster | undefined> {
  const { clusters = [] } = await backend.ecs.send(new DescribeClustersCommand({ clusters: [cluster] }));
  return clusters.find((c) => c.status === 'ACTIVE');
}

/** Every service of the cluster that is not yet deleted. */
export async function activeServices(backend: Backend, cluster: string): Promise<Service[]> {
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const page = await backend.ecs.send(new ListServicesCommand({ cluster, nextToken: token }));
    arns.push(...(page.serviceArns ?? []));
    token = page.nextToken;
  } while (token);
  const services: Service[] = [];
  for (let i = 0; i < arns.length; i += 10) {
    const page = await backend.ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10) }));
    services.push(...(page.services ?? []));
  }
  return services.filter((s) => s.status === 'ACTIVE');
}
