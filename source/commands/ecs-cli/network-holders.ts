import { DescribeNetworkInterfacesCommand, type NetworkInterface } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Setup } from './cluster-setup.js';
import { EcsCliError } from './errors.js';
import type { Target } from './target.js';

/**
 * What keeps a set-up's network from being deleted that the set-up did not make: a load
 * balancer in its subnets or with its security group, an instance of the user's in its
 * subnets, any other network interface there. CloudFormation fails on these with
 * DELETE_FAILED after it has deleted the rest; `down` names them before it deletes anything.
 */

export interface Holder {
  /** "classic load balancer php-lb", "network interface eni-1 of instance i-2". */
  name: string;
  /** The shell command that deletes it, where there is one. */
  command?: string;
  /** An instance of the user's: one terminate-instances for them all. */
  instanceId?: string;
}

/** Permissions a user may lack to look: then that kind of holder is not named, and EC2's own refusal still says why. */
const NOT_ALLOWED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

export async function networkHolders(target: Target, setup: Setup): Promise<Holder[]> {
  if (setup.vpcIds.length + setup.subnetIds.length + setup.securityGroupIds.length === 0) return [];
  const [classic, v2, interfaces] = await Promise.all([classicBalancers(target, setup), balancers(target, setup), foreignInterfaces(target, setup)]);
  return [...classic, ...v2, ...interfaces];
}

function uses(setup: Setup, vpcId: string | undefined, subnetIds: readonly string[], groupIds: readonly string[]): boolean {
  return (vpcId !== undefined && setup.vpcIds.includes(vpcId)) || subnetIds.some((id) => setup.subnetIds.includes(id)) || groupIds.some((id) => setup.securityGroupIds.includes(id));
}

async function allowed<T>(look: () => Promise<T[]>): Promise<T[]> {
  try {
    return await look();
  } catch (error) {
    if (NOT_ALLOWED.has((error as Error).name)) return [];
    throw error;
  }
}

function classicBalancers(target: Target, setup: Setup): Promise<Holder[]> {
  return allowed(async () => {
    const holders: Holder[] = [];
    let marker: string | undefined;
    do {
      const page = await target.backend.elb.send(new DescribeClassicLoadBalancersCommand({ Marker: marker }));
      for (const lb of page.LoadBalancerDescriptions ?? []) {
        if (!uses(setup, lb.VPCId, lb.Subnets ?? [], lb.SecurityGroups ?? [])) continue;
        holders.push({ name: `classic load balancer ${lb.LoadBalancerName}`, command: target.apiLine(`elb delete-load-balancer --load-balancer-name ${lb.LoadBalancerName}`) });
      }
      marker = page.NextMarker;
    } while (marker);
    return holders;
  });
}

function balancers(target: Target, setup: Setup): Promise<Holder[]> {
  return allowed(async () => {
    const holders: Holder[] = [];
    let marker: string | undefined;
    do {
      const page = await target.backend.elbv2.send(new DescribeLoadBalancersCommand({ Marker: marker }));
      for (const lb of page.LoadBalancers ?? []) {
        const subnets = (lb.AvailabilityZones ?? []).map((zone) => zone.SubnetId!).filter(Boolean);
        if (!uses(setup, lb.VpcId, subnets, lb.SecurityGroups ?? [])) continue;
        holders.push({ name: `${lb.Type ?? 'application'} load balancer ${lb.LoadBalancerName}`, command: target.apiLine(`elbv2 delete-load-balancer --load-balancer-arn ${lb.LoadBalancerArn}`) });
      }
      marker = page.NextMarker;
    } while (marker);
    return holders;
  });
}

/** Interfaces in the set-up's VPC or with its group, but not its own instances' (they go first) nor load balancers' (named above). */
function foreignInterfaces(target: Target, setup: Setup): Promise<Holder[]> {
  return allowed(async () => {
    const own = new Set(setup.instances.map((i) => i.InstanceId));
    const found = new Map<string, NetworkInterface>();
    const filters = [
      ...(setup.vpcIds.length > 0 ? [{ Name: 'vpc-id', Values: setup.vpcIds }] : []),
      ...(setup.securityGroupIds.length > 0 ? [{ Name: 'group-id', Values: setup.securityGroupIds }] : []),
    ];
    for (const filter of filters) {
      let token: string | undefined;
      do {
        const page = await target.backend.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [filter], NextToken: token }));
        for (const eni of page.NetworkInterfaces ?? []) found.set(eni.NetworkInterfaceId!, eni);
        token = page.NextToken;
      } while (token);
    }
    return [...found.values()]
      .filter((eni) => !own.has(eni.Attachment?.InstanceId) && eni.RequesterId !== 'amazon-elb')
      .map((eni) => interfaceHolder(target, eni));
  });
}

function interfaceHolder(target: Target, eni: NetworkInterface): Holder {
  const id = eni.NetworkInterfaceId!;
  const instanceId = eni.Attachment?.InstanceId;
  if (instanceId) return { name: `network interface ${id} of instance ${instanceId}`, instanceId };
  const what = eni.Description ? ` (${eni.Description})` : '';
  // A requester-managed interface (a task's, an endpoint's) goes with what made it, not on its own.
  return eni.RequesterManaged ? { name: `network interface ${id}${what}` } : { name: `network interface ${id}${what}`, command: target.apiLine(`ec2 delete-network-interface --network-interface-id ${id}`) };
}

/** "php-lb and web-alb": a list as a sentence says it. */
function sentence(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "is still used by X and Y: delete them first ("cmd"; "cmd")": what holds the network, and how to free it. */
export function holdersText(target: Target, holders: readonly Holder[]): { used: string; remedy: string } {
  const instances = holders.flatMap((h) => (h.instanceId ? [h.instanceId] : []));
  const commands = [
    ...holders.flatMap((h) => (h.command ? [h.command] : [])),
    ...(instances.length > 0 ? [target.apiLine(`ec2 terminate-instances --instance-ids ${instances.join(' ')}`)] : []),
  ];
  const them = holders.length === 1 ? 'it' : 'them';
  return {
    used: sentence(holders.map((h) => h.name)),
    remedy: `delete ${them} first${commands.length > 0 ? ` (${commands.map((c) => `"${c}"`).join('; ')})` : ''}`,
  };
}

/**
 * Refuses to tear down a set-up whose network something else still uses, before anything is
 * deleted: otherwise the instances would go and the network stay, as a stack in DELETE_FAILED.
 * `again` is the line to run once it is free.
 */
export async function requireNetworkFree(target: Target, setup: Setup, again: string): Promise<void> {
  const holders = await networkHolders(target, setup);
  if (holders.length === 0) return;
  const { used, remedy } = holdersText(target, holders);
  const network = setup.vpcIds.length > 0 ? ` (${setup.vpcIds.join(', ')})` : '';
  throw new EcsCliError(`the network of cluster ${target.cluster}${network} is still used by ${used}, which would keep it from being deleted: ${remedy}, then run ${again} again`);
}
