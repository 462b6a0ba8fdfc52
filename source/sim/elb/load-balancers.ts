import { ApiError, unsupported } from '../errors.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { dnsNameOf, elbArn, hostedZoneOf, resourceId, validName, checkArn } from './names.js';
import { allocateNodeAddress, checkSubnetLayout, releaseNodeAddress, requireSubnets, securityGroupsFor } from './node-address.js';
import { oneOf, page, requiredStr, str, strList, structList, tagList, validationError, type Params } from './params.js';
import { listeners, loadBalancers, loadBalancersChanged, rules, type LoadBalancerRecord } from './records.js';
import { renderLoadBalancer } from './render.js';

/**
 * Application load balancers (ELBv2 CreateLoadBalancer, DescribeLoadBalancers,
 * DeleteLoadBalancer). A new one is `provisioning` for a while on the sandbox clock, then
 * `active`: only then do its listeners listen, as a real one's DNS name resolves only then.
 */
const PROVISIONED_JOB = 'elb-provisioned';
const PROVISIONING_MS = { min: 30_000, max: 90_000 };
const MAX_LOAD_BALANCERS = 50;

export const loadBalancerNotFound = () => new ApiError('LoadBalancerNotFound', 'One or more load balancers not found');

export function requireLoadBalancer(sb: Sandbox, region: string, arn: string): LoadBalancerRecord {
  checkArn(arn, 'loadbalancer');
  const lb = loadBalancers(sb).get(arn);
  if (!lb || lb.region !== region) throw loadBalancerNotFound();
  return lb;
}

function subnetIdsOf(params: Params): string[] {
  const ids = strList(params, 'Subnets');
  for (const mapping of structList(params, 'SubnetMappings')) {
    if (typeof mapping.SubnetId !== 'string') throw validationError('Each subnet mapping needs a SubnetId.');
    ids.push(mapping.SubnetId);
  }
  return ids;
}

const sameSettings = (lb: LoadBalancerRecord, scheme: string, subnets: string[]) =>
  lb.scheme === scheme && [...lb.availabilityZones.map((az) => az.subnetId)].sort().join() === [...subnets].sort().join();

export const CreateLoadBalancer: Operation = (sb, params: Params, ctx) => {
  const name = validName(requiredStr(params, 'Name'), 'Load balancer');
  const type = oneOf(str(params, 'Type') ?? 'application', 'load balancer type', ['application', 'network', 'gateway'] as const)!;
  if (type !== 'application') throw unsupported(`A ${type} load balancer`);
  const scheme = oneOf(str(params, 'Scheme') ?? 'internet-facing', 'scheme', ['internet-facing', 'internal'] as const)!;
  const ipAddressType = oneOf(str(params, 'IpAddressType') ?? 'ipv4', 'IP address type', ['ipv4', 'dualstack'] as const)!;
  const subnetIds = subnetIdsOf(params);
  const existing = [...loadBalancers(sb).values()].find((lb) => lb.region === ctx.region && lb.loadBalancerName === name);
  if (existing) {
    // CreateLoadBalancer is idempotent: the same settings answer with the same load balancer.
    if (sameSettings(existing, scheme, subnetIds)) return { LoadBalancers: [renderLoadBalancer(existing)] };
    throw new ApiError('DuplicateLoadBalancerName', `A load balancer with the same name '${name}' exists, but with different settings`);
  }
  const subnets = requireSubnets(sb, ctx.region, subnetIds);
  if (new Set(subnets.map((s) => s.availabilityZone)).size < 2) {
    throw validationError('At least two subnets in two different Availability Zones must be specified');
  }
  const vpcId = checkSubnetLayout(subnets);
  const securityGroups = securityGroupsFor(sb, ctx.region, vpcId, strList(params, 'SecurityGroups'));
  const tags = tagList(params);
  if ([...loadBalancers(sb).values()].filter((lb) => lb.region === ctx.region).length >= MAX_LOAD_BALANCERS) {
    throw new ApiError('TooManyLoadBalancers', 'You have reached the limit on the number of load balancers for your account');
  }
  const arn = elbArn(ctx.region, `loadbalancer/app/${name}/${resourceId(sb)}`);
  const node = allocateNodeAddress(sb, subnets[0]!, `ELB app/${name}`);
  const lb: LoadBalancerRecord = {
    loadBalancerArn: arn,
    loadBalancerName: name,
    region: ctx.region,
    dnsName: dnsNameOf(sb, name, ctx.region, scheme),
    canonicalHostedZoneId: hostedZoneOf(ctx.region),
    createdTime: sb.now(),
    scheme,
    vpcId,
    state: 'provisioning',
    type,
    availabilityZones: subnets.map((s) => ({ zoneName: s.availabilityZone, subnetId: s.subnetId })),
    securityGroups,
    ipAddressType,
    tags,
    _address: node.address,
    _addressSubnetId: node.subnetId,
  };
  loadBalancers(sb).set(arn, lb);
  sb.schedule(sb.random.int(PROVISIONING_MS.min, PROVISIONING_MS.max), PROVISIONED_JOB, arn);
  return { LoadBalancers: [renderLoadBalancer(lb)] };
};

function provisioned(sb: Sandbox, arn: string): void {
  const lb = loadBalancers(sb).get(arn);
  if (!lb || lb.state !== 'provisioning') return;
  lb.state = 'active';
  loadBalancersChanged(sb);
}

export const DescribeLoadBalancers: Operation = (sb, params: Params, ctx) => {
  const arns = strList(params, 'LoadBalancerArns');
  const names = strList(params, 'Names');
  if (arns.length > 0 && names.length > 0) throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
  const all = [...loadBalancers(sb).values()].filter((lb) => lb.region === ctx.region);
  let found = all;
  if (arns.length > 0) found = arns.map((arn) => requireLoadBalancer(sb, ctx.region, arn));
  if (names.length > 0) {
    found = names.map((name) => {
      const lb = all.find((l) => l.loadBalancerName === name);
      if (!lb) throw loadBalancerNotFound();
      return lb;
    });
  }
  const { items, nextMarker } = page(found, params);
  return { LoadBalancers: items.map(renderLoadBalancer), NextMarker: nextMarker };
};

/** Deleting goes with its listeners and rules; deleting one that is gone succeeds, as ELB has it. */
export const DeleteLoadBalancer: Operation = (sb, params: Params, ctx) => {
  const arn = requiredStr(params, 'LoadBalancerArn');
  checkArn(arn, 'loadbalancer');
  const lb = loadBalancers(sb).get(arn);
  if (!lb || lb.region !== ctx.region) return {};
  for (const [listenerArn, listener] of listeners(sb)) {
    if (listener.loadBalancerArn !== arn) continue;
    for (const [ruleArn, rule] of rules(sb)) if (rule.listenerArn === listenerArn) rules(sb).delete(ruleArn);
    listeners(sb).delete(listenerArn);
  }
  loadBalancers(sb).delete(arn);
  releaseNodeAddress(sb, lb);
  loadBalancersChanged(sb);
  return {};
};

export const loadBalancerOperations: Record<string, Operation> = { CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer };

export function installLoadBalancerJobs(sb: Sandbox): void {
  sb.onJob(PROVISIONED_JOB, provisioned);
}
