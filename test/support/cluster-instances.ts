import { CreateClusterCommand, RegisterContainerInstanceCommand, type ECSClient } from '@aws-sdk/client-ecs';

/** A cluster with one container instance per zone given, registered the way the agent registers them (t3.medium sizes unless told). */
export async function clusterWithInstances(
  t: { ecs: ECSClient },
  cluster: string,
  zones: readonly string[],
  size: { cpu: number; memory: number } = { cpu: 2048, memory: 3904 },
): Promise<string[]> {
  await t.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const arns: string[] = [];
  for (const [i, zone] of zones.entries()) {
    const doc = { instanceId: `i-${cluster.padEnd(8, '0').slice(0, 8)}${String(i).padStart(9, '0')}`, instanceType: 't3.medium', availabilityZone: zone, imageId: 'ami-0ecs', region: 'us-east-1' };
    const out = await t.ecs.send(
      new RegisterContainerInstanceCommand({
        cluster,
        instanceIdentityDocument: JSON.stringify(doc),
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: size.cpu },
          { name: 'MEMORY', type: 'INTEGER', integerValue: size.memory },
        ],
      }),
    );
    arns.push(out.containerInstance!.containerInstanceArn!);
  }
  return arns;
}
