import { DescribeInstancesCommand, RunInstancesCommand, TerminateInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import { DescribeContainerInstancesCommand, ListContainerInstancesCommand, type ContainerInstance } from '@aws-sdk/client-ecs';
import type { Backend } from '../../api/index.js';
import { SETUP_TAG, type LaunchSpec } from './cluster-setup.js';
import type { EcsCliContext } from './context.js';
import type { VerbLog } from './log.js';
import { instanceUserData } from './user-data.js';
import { pollUntil } from './waits.js';

/** How long instances get to boot and register, or to terminate. */
const INSTANCE_WAIT_MS = 10 * 60_000;
const INSTANCE_POLL_MS = 5000;

/**
 * Launches `count` instances of the set-up, each in the subnet that has the fewest so far
 * (so that they spread over both zones), with the user data that joins them to the cluster.
 */
export async function launchInstances(
  backend: Backend,
  cluster: string,
  spec: LaunchSpec,
  count: number,
  running: readonly Instance[],
  extraUserData: string[],
): Promise<string[]> {
  const perSubnet = new Map(spec.subnetIds.map((id) => [id, running.filter((i) => i.SubnetId === id).length]));
  const planned = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const subnet = [...perSubnet].reduce((best, next) => (next[1] < best[1] ? next : best))[0];
    perSubnet.set(subnet, perSubnet.get(subnet)! + 1);
    planned.set(subnet, (planned.get(subnet) ?? 0) + 1);
  }
  const containerTags = Object.fromEntries(spec.userTags.map((t) => [t.key!, t.value ?? '']));
  const userData = Buffer.from(instanceUserData(cluster, containerTags, extraUserData)).toString('base64');
  const ids: string[] = [];
  for (const [subnetId, n] of planned) {
    const launched = await backend.ec2.send(
      new RunInstancesCommand({
        ImageId: spec.imageId,
        InstanceType: spec.instanceType as never,
        MinCount: n,
        MaxCount: n,
        KeyName: spec.keypair,
        UserData: userData,
        IamInstanceProfile: spec.instanceProfile ? (spec.instanceProfile.startsWith('arn:') ? { Arn: spec.instanceProfile } : { Name: spec.instanceProfile }) : undefined,
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, Groups: spec.securityGroupIds, AssociatePublicIpAddress: spec.publicIp }],
        MetadataOptions: spec.imdsv2 ? { HttpTokens: 'required', HttpEndpoint: 'enabled' } : undefined,
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [
              { Key: SETUP_TAG, Value: cluster },
              { Key: 'Name', Value: `ECS Instance - ecsh-${cluster}` },
              ...spec.userTags.filter((t) => t.key !== 'Name').map((t) => ({ Key: t.key, Value: t.value })),
            ],
          },
        ],
      }),
    );
    ids.push(...(launched.Instances ?? []).map((i) => i.InstanceId!));
  }
  return ids;
}

/** The cluster's container instances (ACTIVE and DRAINING), described. */
export async function containerInstances(backend: Backend, cluster: string): Promise<ContainerInstance[]> {
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const page = await backend.ecs.send(new ListContainerInstancesCommand({ cluster, nextToken: token }));
    arns.push(...(page.containerInstanceArns ?? []));
    token = page.nextToken;
  } while (token);
  const described: ContainerInstance[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const page = await backend.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: arns.slice(i, i + 100) }));
    described.push(...(page.containerInstances ?? []));
  }
  return described;
}

export interface Registration {
  /** The instances just launched, which the wait is for. */
  launched: string[];
  /** The set-up's instances already there (scale), counted with the new ones. */
  others?: string[];
  /** The size the cluster is going to, which the count is shown against. */
  size: number;
}

/**
 * Waits until every launched instance is a container instance of the cluster, logging how
 * many of the set-up's instances are registered against the size asked for as the count grows
 * (scale 1 to 3: registered=1 size=3, then registered=3 size=3).
 */
export async function waitForRegistration(backend: Backend, cluster: string, registration: Registration, context: EcsCliContext, log: VerbLog): Promise<void> {
  const { launched, others = [], size } = registration;
  if (launched.length === 0) return;
  let shown = -1;
  await pollUntil(
    context,
    {
      intervalMs: INSTANCE_POLL_MS,
      timeoutMs: INSTANCE_WAIT_MS,
      what: `${launched.length} container instance${launched.length === 1 ? '' : 's'} to register with ${cluster}`,
      hint: "check the instances' user data and that they can reach ECS",
    },
    async () => {
      const registered = new Set((await containerInstances(backend, cluster)).map((c) => c.ec2InstanceId));
      const count = [...others, ...launched].filter((id) => registered.has(id)).length;
      if (count !== shown) log.info('Container instances registered', { registered: count, size });
      shown = count;
      return launched.every((id) => registered.has(id)) ? true : undefined;
    },
  );
}

/** Terminates instances and waits until EC2 says they are terminated (their addresses and groups free). */
export async function terminateInstances(backend: Backend, instanceIds: string[], context: EcsCliContext): Promise<void> {
  if (instanceIds.length === 0) return;
  await backend.ec2.send(new TerminateInstancesCommand({ InstanceIds: instanceIds }));
  await pollUntil(context, { intervalMs: INSTANCE_POLL_MS, timeoutMs: INSTANCE_WAIT_MS, what: `instances ${instanceIds.join(', ')} to terminate` }, async () => {
    const { Reservations = [] } = await backend.ec2.send(new DescribeInstancesCommand({ InstanceIds: instanceIds }));
    const states = Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.State?.Name);
    return states.every((state) => state === 'terminated') ? true : undefined;
  });
}
