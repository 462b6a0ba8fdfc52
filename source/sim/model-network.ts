import type { Tag } from './model.js';

/**
 * Network records beside model.ts's: the elastic network interfaces that EC2 keeps for
 * awsvpc tasks (an instance's own primary interface lives in its instance record). Shapes
 * follow DescribeNetworkInterfaces; times are simulated epoch ms.
 */
export type NetworkInterfaceStatus = 'available' | 'in-use';

export interface NetworkInterfaceAttachmentRecord {
  attachmentId: string;
  /** The EC2 instance it is attached to; absent for Fargate, whose hosts are not the account's. */
  instanceId?: string;
  /** Whose instance it is: the account for an EC2 container instance, AWS's for Fargate. */
  instanceOwnerId: string;
  deviceIndex: number;
  attachTime: number;
  /** An instance's primary interface goes with it; a task's is deleted by ECS, not by EC2. */
  deleteOnTermination: boolean;
}

export interface NetworkInterfaceRecord {
  networkInterfaceId: string;
  region: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  description: string;
  interfaceType: 'interface';
  macAddress: string;
  privateIpAddress: string;
  privateDnsName: string;
  /** Only when asked for at creation (a Fargate task's assignPublicIp ENABLED). */
  publicIp?: string;
  publicDnsName?: string;
  securityGroupIds: string[];
  /** The service that created it on the account's behalf (ECS for task interfaces). */
  requesterId?: string;
  requesterManaged: boolean;
  status: NetworkInterfaceStatus;
  attachment?: NetworkInterfaceAttachmentRecord;
  tags: Tag[];
}
