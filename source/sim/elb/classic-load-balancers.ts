import { ACCOUNT_ID } from '../arn.js';
import { ApiError, unsupported } from '../errors.js';
import { availabilityZones, ensureDefaultNetwork } from '../ec2/index.js';
import type { SubnetRecord } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { dnsNameOf, elbArn, hostedZoneOf, validName } from './names.js';
import { allocateNodeAddress, checkSubnetLayout, releaseNodeAddress, requireSubnets, securityGroupsFor } from './node-address.js';
import {
  int,
  isoTime,
  mergeTags,
  oneOf,
  page,
  renderTags,
  requiredStr,
  str,
  strList,
  structList,
  tagList,
  validationError,
  type Params,
} from './params.js';
import { classicKey, classicLoadBalancers, loadBalancersChanged, type ClassicListener, type ClassicLoadBalancerRecord } from './records.js';

/**
 * Classic load balancers (Elastic Load Balancing 2012-06-01): CreateLoadBalancer with its
 * listeners, DescribeLoadBalancers, DeleteLoadBalancer and tags, as the talk's first demo
 * used them. Each listener forwards a load balancer port to an instance port.
 */

export const classicNotFound = (name: string) => new ApiError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);

export function requireClassic(sb: Sandbox, region: string, name: string): ClassicLoadBalancerRecord {
  const lb = classicLoadBalancers(sb).get(classicKey(region, name));
  if (!lb) throw classicNotFound(name);
  return lb;
}

const FRONT = ['HTTP', 'HTTPS', 'TCP', 'SSL'] as const;

function validListeners(given: Params[]): ClassicListener[] {
  if (given.length === 0) throw validationError('At least one listener must be specified');
  const listeners = given.map((l) => {
    const protocol = oneOf(str(l, 'Protocol')?.toUpperCase(), 'protocol', FRONT);
    const backend = oneOf(str(l, 'InstanceProtocol')?.toUpperCase() ?? protocol, 'instance protocol', FRONT);
    const loadBalancerPort = int(l, 'LoadBalancerPort', { min: 1, max: 65535 });
    const instancePort = int(l, 'InstancePort', { min: 1, max: 65535 });
    if (!protocol || !backend || loadBalancerPort === undefined || instancePort === undefined) {
      throw validationError('A listener needs Protocol, LoadBalancerPort and InstancePort');
    }
    if (protocol === 'HTTPS' || protocol === 'SSL' || backend === 'HTTPS' || backend === 'SSL') {
      throw unsupported(`A ${protocol}/${backend} listener (the sandbox serves HTTP and TCP on loopback)`);
    }
    if (protocol !== backend) throw validationError(`Listener protocol '${protocol}' cannot be used with instance protocol '${backend}'`);
    return { protocol, loadBalancerPort, instanceProtocol: backend, instancePort } as ClassicListener;
  });
  const ports = new Set<number>();
  for (const l of listeners) {
    if (ports.has(l.loadBalancerPort)) throw new ApiError('DuplicateListener', `A listener already exists for port ${l.loadBalancerPort}`);
    ports.add(l.loadBalancerPort);
  }
  return listeners;
}

/** Availability Zones mean the default VPC's subnets in them; subnets mean their VPC. */
function placement(sb: Sandbox, region: string, params: Params): SubnetRecord[] {
  const zones = strList(params, 'AvailabilityZones');
  const subnetIds = strList(params, 'Subnets');
  if (zones.length === 0 && subnetIds.length === 0) throw validationError('Either AvailabilityZones or SubnetIds must be specified');
  if (subnetIds.length > 0) {
    const subnets = requireSubnets(sb, region, subnetIds);
    checkSubnetLayout(subnets);
    return subnets;
  }
  ensureDefaultNetwork(sb, region);
  return zones.map((zone) => {
    if (!availabilityZones(region).includes(zone)) throw validationError(`Invalid Availability Zone: ${zone}`);
    const subnet = [...sb.tables.subnets.values()].find((s) => s.region === region && s.defaultForAz && s.availabilityZone === zone);
    if (!subnet) throw validationError(`There is no default subnet in ${zone}; specify Subnets instead`);
    return subnet;
  });
}

export const CreateLoadBalancer: Operation = (sb, params: Params, ctx) => {
  const name = validName(requiredStr(params, 'LoadBalancerName'), 'Load balancer');
  const listeners = validListeners(structList(params, 'Listeners'));
  const scheme = oneOf(str(params, 'Scheme') ?? 'internet-facing', 'scheme', ['internet-facing', 'internal'] as const)!;
  const key = classicKey(ctx.region, name);
  const existing = classicLoadBalancers(sb).get(key);
  if (existing) {
    if (JSON.stringify(existing.listeners) === JSON.stringify(listeners) && existing.scheme === scheme) return { DNSName: existing.dnsName };
    throw new ApiError('DuplicateLoadBalancerName', `Load Balancer named '${name}' already exists and it is configured with different parameters.`);
  }
  const subnets = placement(sb, ctx.region, params);
  const vpcId = subnets[0]!.vpcId;
  const securityGroups = securityGroupsFor(sb, ctx.region, vpcId, strList(params, 'SecurityGroups'));
  const node = allocateNodeAddress(sb, subnets[0]!, `ELB ${name}`);
  const lb: ClassicLoadBalancerRecord = {
    key,
    loadBalancerName: name,
    loadBalancerArn: elbArn(ctx.region, `loadbalancer/${name}`),
    region: ctx.region,
    dnsName: dnsNameOf(sb, name, ctx.region, scheme),
    canonicalHostedZoneNameId: hostedZoneOf(ctx.region),
    createdTime: sb.now(),
    scheme,
    listeners,
    availabilityZones: subnets.map((s) => s.availabilityZone),
    subnets: subnets.map((s) => s.subnetId),
    vpcId,
    securityGroups,
    healthCheck: { target: `TCP:${listeners[0]!.instancePort}`, interval: 30, timeout: 5, unhealthyThreshold: 2, healthyThreshold: 10 },
    instances: [],
    tags: tagList(params),
    _address: node.address,
    _addressSubnetId: node.subnetId,
  };
  classicLoadBalancers(sb).set(key, lb);
  loadBalancersChanged(sb);
  return { DNSName: lb.dnsName };
};

export function renderHealthCheck(lb: ClassicLoadBalancerRecord) {
  const hc = lb.healthCheck;
  return { Target: hc.target, Interval: hc.interval, Timeout: hc.timeout, UnhealthyThreshold: hc.unhealthyThreshold, HealthyThreshold: hc.healthyThreshold };
}

function renderClassic(sb: Sandbox, lb: ClassicLoadBalancerRecord) {
  const group = sb.tables.securityGroups.get(lb.securityGroups[0] ?? '');
  return {
    LoadBalancerName: lb.loadBalancerName,
    DNSName: lb.dnsName,
    CanonicalHostedZoneName: lb.scheme === 'internet-facing' ? lb.dnsName : undefined,
    CanonicalHostedZoneNameID: lb.canonicalHostedZoneNameId,
    ListenerDescriptions: lb.listeners.map((l) => ({
      Listener: { Protocol: l.protocol, LoadBalancerPort: l.loadBalancerPort, InstanceProtocol: l.instanceProtocol, InstancePort: l.instancePort },
      PolicyNames: [],
    })),
    Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: [] },
    BackendServerDescriptions: [],
    AvailabilityZones: lb.availabilityZones,
    Subnets: lb.subnets,
    VPCId: lb.vpcId,
    Instances: lb.instances.map((i) => ({ InstanceId: i.id })),
    HealthCheck: renderHealthCheck(lb),
    SourceSecurityGroup: group ? { OwnerAlias: ACCOUNT_ID, GroupName: group.groupName } : undefined,
    SecurityGroups: lb.securityGroups,
    CreatedTime: isoTime(lb.createdTime),
    Scheme: lb.scheme,
  };
}

export const DescribeLoadBalancers: Operation = (sb, params: Params, ctx) => {
  const names = strList(params, 'LoadBalancerNames');
  const found = names.length > 0
    ? names.map((name) => requireClassic(sb, ctx.region, name))
    : [...classicLoadBalancers(sb).values()].filter((lb) => lb.region === ctx.region);
  const { items, nextMarker } = page(found, params);
  return { LoadBalancerDescriptions: items.map((lb) => renderClassic(sb, lb)), NextMarker: nextMarker };
};

/** Deleting one that does not exist succeeds, as ELB has it. */
export const DeleteLoadBalancer: Operation = (sb, params: Params, ctx) => {
  const key = classicKey(ctx.region, requiredStr(params, 'LoadBalancerName'));
  const lb = classicLoadBalancers(sb).get(key);
  if (!lb) return {};
  classicLoadBalancers(sb).delete(key);
  releaseNodeAddress(sb, lb);
  loadBalancersChanged(sb);
  return {};
};

export const AddTags: Operation = (sb, params: Params, ctx) => {
  const names = strList(params, 'LoadBalancerNames');
  if (names.length !== 1) throw validationError('AddTags takes exactly one load balancer name');
  const lb = requireClassic(sb, ctx.region, names[0]!);
  const tags = tagList(params);
  if (tags.length === 0) throw validationError('At least one tag must be specified');
  lb.tags = mergeTags(lb.tags, tags);
  return {};
};

export const DescribeTags: Operation = (sb, params: Params, ctx) => {
  const names = strList(params, 'LoadBalancerNames');
  if (names.length === 0 || names.length > 20) throw validationError('Specify between 1 and 20 load balancer names');
  return { TagDescriptions: names.map((name) => ({ LoadBalancerName: name, Tags: renderTags(requireClassic(sb, ctx.region, name).tags) })) };
};

export const RemoveTags: Operation = (sb, params: Params, ctx) => {
  const names = strList(params, 'LoadBalancerNames');
  if (names.length !== 1) throw validationError('RemoveTags takes exactly one load balancer name');
  const lb = requireClassic(sb, ctx.region, names[0]!);
  const keys = new Set(structList(params, 'Tags').map((t) => t.Key));
  lb.tags = lb.tags.filter((t) => !keys.has(t.key));
  return {};
};

export const classicLoadBalancerOperations: Record<string, Operation> = {
  CreateLoadBalancer,
  DescribeLoadBalancers,
  DeleteLoadBalancer,
  AddTags,
  DescribeTags,
  RemoveTags,
};
