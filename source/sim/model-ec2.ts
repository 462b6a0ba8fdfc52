import type { Tag } from './model.js';

/**
 * EC2's records beside model.ts's ECS ones: instances, VPCs, subnets, security groups and
 * internet gateways (elastic network interfaces are in model-network.ts). Shapes follow the EC2
 * API; times are simulated epoch ms.
 */
export type Ec2InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** An EC2 instance. Its user data is kept base64-encoded, as EC2 takes it and returns it. */
export interface Ec2InstanceRecord {
  instanceId: string;
  region: string;
  imageId: string;
  instanceType: string;
  architecture: 'x86_64' | 'arm64';
  state: { code: number; name: Ec2InstanceStateName };
  /** Why it last changed state when a user or EC2 did it ("User initiated (2026-01-01 00:00:00 GMT)"). */
  stateTransitionReason: string;
  stateReason?: { code: string; message: string };
  launchTime: number;
  availabilityZone: string;
  privateIpAddress: string;
  privateDnsName: string;
  /** Mapped while pending or running, and only when launched to have one; shown once it runs (instance-addresses.ts). */
  publicIpAddress?: string;
  publicDnsName?: string;
  /** Whether it gets a public address at each start (its subnet's default, or AssociatePublicIpAddress). */
  _associatePublicIp: boolean;
  subnetId: string;
  vpcId: string;
  securityGroupIds: string[];
  keyName?: string;
  iamInstanceProfile?: { arn: string; id: string };
  userData?: string;
  reservationId: string;
  amiLaunchIndex: number;
  clientToken?: string;
  networkInterfaceId: string;
  macAddress: string;
  rootVolumeId: string;
  tags: Tag[];
  /** The ECS cluster its agent joins: ECS_CLUSTER from user data, or `default` on the ECS-optimized image. */
  _ecsCluster?: string;
  /** The rest of the agent's configuration from user data (ECS_RESERVED_MEMORY, ECS_INSTANCE_ATTRIBUTES, ...). */
  _agentConfig?: Record<string, string>;
  /** The container instance its agent registered, while it is registered. */
  _containerInstanceArn?: string;
  /** When its current transitional state (pending, stopping, shutting-down) ends. */
  _transitionAt?: number;
  /** When it last came to run: its status checks start then. */
  _runningSince?: number;
}

export interface VpcRecord {
  vpcId: string;
  region: string;
  cidrBlock: string;
  cidrBlockAssociationId: string;
  dhcpOptionsId: string;
  isDefault: boolean;
  instanceTenancy: string;
  state: 'pending' | 'available';
  /** Whether instances with public addresses get public DNS names (on in the default VPC, off otherwise). */
  enableDnsHostnames: boolean;
  tags: Tag[];
}

export interface SubnetRecord {
  subnetId: string;
  region: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  /** Private addresses in use, each with the id of what holds it (an instance, an ENI). */
  _allocated: Record<string, string>;
  tags: Tag[];
}

export interface SecurityGroupRule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  ipRanges: Array<{ cidrIp: string; description?: string; _ruleId: string }>;
  ipv6Ranges: Array<{ cidrIpv6: string; description?: string; _ruleId: string }>;
  userIdGroupPairs: Array<{ groupId: string; userId: string; description?: string; _ruleId: string }>;
}

export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  region: string;
  vpcId: string;
  ipPermissions: SecurityGroupRule[];
  ipPermissionsEgress: SecurityGroupRule[];
  tags: Tag[];
}

export interface InternetGatewayRecord {
  internetGatewayId: string;
  region: string;
  attachments: Array<{ vpcId: string; state: 'available' }>;
  tags: Tag[];
}
