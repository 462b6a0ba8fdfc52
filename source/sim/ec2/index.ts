import { ApiError } from '../errors.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { DescribeAvailabilityZones } from './availability-zones.js';
import { ensureDefaultNetwork } from './default-network.js';
import { DescribeInstanceTypes } from './describe-instance-types.js';
import { DescribeNetworkInterfaces } from './describe-network-interfaces.js';
import { tagOperations } from './ec2-tags.js';
import { DescribeImages } from './images.js';
import { installInstanceJobs } from './instance-boot.js';
export { AGENT_JOB } from './instance-boot.js';
import { instanceStateOperations } from './instance-state.js';
import { DescribeInstanceStatus } from './instance-status.js';
import { instanceOperations } from './instances.js';
import { internetGatewayOperations } from './internet-gateways.js';
import { keyPairOperations } from './key-pairs.js';
import { boolParam } from './params.js';
import { securityGroupOperations } from './security-groups.js';
import { subnetOperations } from './subnets.js';
import { vpcOperations } from './vpcs.js';

export { ecsRegisteredResources, instanceTypeSpec, availabilityZones, type InstanceTypeSpec } from './instance-types.js';
export { allocatePrivateIp, releasePrivateIp } from './subnets.js';
export { ensureDefaultNetwork } from './default-network.js';
export { attachNetworkInterface, createNetworkInterface, deleteNetworkInterface } from './network-interfaces.js';
export { requireSubnet } from './network-lookup.js';
export { groupByName, requireGroupById } from './security-groups.js';
export { availableAddresses } from './ec2-render.js';
export { regionImages, type ImageSpec } from './images.js';
export { namesAgentCluster } from './user-data.js';

const OPERATIONS: Record<string, Operation> = {
  ...instanceOperations,
  ...instanceStateOperations,
  DescribeInstanceStatus,
  DescribeInstanceTypes,
  DescribeAvailabilityZones,
  DescribeImages,
  DescribeNetworkInterfaces,
  ...vpcOperations,
  ...subnetOperations,
  ...securityGroupOperations,
  ...internetGatewayOperations,
  ...tagOperations,
  ...keyPairOperations,
};

/**
 * Every EC2 operation first makes sure the caller's region has its default network (as a
 * new account has), and answers DryRun as EC2 does: without doing anything.
 */
function ec2Operation(operation: Operation): Operation {
  return (sb, params, ctx) => {
    ensureDefaultNetwork(sb, ctx.region);
    if (boolParam(params, 'DryRun')) {
      throw new ApiError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    }
    return operation(sb, params, ctx);
  };
}

/** Installs the EC2 API's operations and the jobs that boot, stop and terminate instances. */
export function installEc2(sb: Sandbox): void {
  const wrapped: Record<string, Operation> = {};
  for (const [name, operation] of Object.entries(OPERATIONS)) wrapped[name] = ec2Operation(operation);
  sb.register('ec2', wrapped);
  installInstanceJobs(sb);
}
