import type { Ec2InstanceRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * An instance's names and public address, as EC2 forms them:
 *   ip-172-31-5-12.ec2.internal (us-east-1), ip-172-31-5-12.eu-west-1.compute.internal;
 *   ec2-54-12-3-4.compute-1.amazonaws.com (us-east-1), ec2-3-8-1-2.eu-west-1.compute.amazonaws.com.
 */

export function privateDnsName(region: string, ip: string): string {
  const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return `ip-${ip.replaceAll('.', '-')}.${domain}`;
}

export function publicDnsName(region: string, ip: string): string {
  const domain = region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`;
  return `ec2-${ip.replaceAll('.', '-')}.${domain}`;
}

/** First octets of ranges EC2 draws public addresses from. */
const PUBLIC_FIRST_OCTETS = [3, 18, 34, 35, 44, 52, 54];

/** A public IPv4 address from Amazon's pool, as EC2 hands them out (seeded). */
export function publicIpv4(sb: Sandbox): string {
  return [sb.random.pick(PUBLIC_FIRST_OCTETS), sb.random.int(0, 255), sb.random.int(0, 255), sb.random.int(1, 254)].join('.');
}

/**
 * The public address and name EC2 shows for an instance: none while it is pending, though the
 * address is mapped from launch (RunInstances answers without one, and so does DescribeInstances
 * until the instance runs).
 */
export function shownPublicAddress(instance: Ec2InstanceRecord): { ip?: string; dnsName?: string } {
  if (instance.state.name === 'pending') return {};
  return { ip: instance.publicIpAddress, dnsName: instance.publicDnsName };
}

/**
 * A public address for an instance that gets one (in a subnet that maps them, as the
 * default subnets do, or asked for at launch). It is new at every start: EC2 releases it
 * when the instance stops.
 */
export function assignPublicAddress(sb: Sandbox, instance: Ec2InstanceRecord): void {
  if (!instance._associatePublicIp) return;
  const ip = publicIpv4(sb);
  instance.publicIpAddress = ip;
  const vpc = sb.tables.vpcs.get(instance.vpcId);
  instance.publicDnsName = vpc?.enableDnsHostnames ? publicDnsName(instance.region, ip) : undefined;
}
