import { ACCOUNT_ID, ecsArn } from '../arn.js';
import { ApiError, invalidParameter } from '../errors.js';
import {
  attachNetworkInterface,
  createNetworkInterface,
  deleteNetworkInterface,
  groupByName,
  instanceTypeSpec,
  requireGroupById,
  requireSubnet,
} from '../ec2/index.js';
import type { ContainerInstanceRecord, SubnetRecord, TaskDefinitionRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import type { RunsOn } from './launch-options.js';

/**
 * awsvpc tasks: the networkConfiguration they need (checked against EC2, with ECS's words),
 * and the elastic network interface each gets. ECS creates the interface as the task is
 * launched (attachment PRECREATED), attaches it to the task's host as the task goes PENDING
 * (ATTACHED) and deletes it as the task reaches STOPPED (DELETED), when its address goes
 * back to the subnet. Without ENI trunking, an instance takes as many awsvpc tasks as its
 * type has interfaces besides its primary one.
 */

/** The account ECS creates task interfaces from (their requesterId). */
const ECS_REQUESTER_ID = '578734482556';
/** The account that owns Fargate's hosts, as their interfaces' attachments show it. */
const FARGATE_INSTANCE_OWNER_ID = '501673713797';

export interface AwsvpcNetwork {
  subnets: SubnetRecord[];
  /** The groups the interfaces get: those given, else the VPC's default group. */
  securityGroups: string[];
  assignPublicIp: boolean;
  /** The configuration as ECS echoes it, with assignPublicIp filled in. */
  configuration: { awsvpcConfiguration: { subnets: string[]; securityGroups?: string[]; assignPublicIp: 'ENABLED' | 'DISABLED' } };
}

/** How ECS passes on what EC2 said when it looked a resource up. */
function ec2Failure(what: string, id: string, error: unknown): ApiError {
  if (!(error instanceof ApiError)) throw error;
  return invalidParameter(
    `Error retrieving ${what} information for [${id}]: ${error.message} (Service: AmazonEC2; Status Code: 400; Error Code: ${error.code})`,
  );
}

/** A subnet or security group as EC2 finds it, or the error ECS makes of EC2's. */
function lookUpInEc2<T>(what: 'subnet' | 'security group', id: unknown, find: (id: string) => T): T {
  if (typeof id !== 'string' || id.length === 0) throw invalidParameter(`Each entry of ${what === 'subnet' ? 'subnets' : 'securityGroups'} must be a non-empty string.`);
  try {
    return find(id);
  } catch (error) {
    throw ec2Failure(what, id, error);
  }
}

/**
 * The networkConfiguration a task of `def` needs: required for awsvpc (subnets and security
 * groups that exist in one VPC; a public IP only on Fargate), refused for every other network
 * mode. Returns the network to use, or undefined when the task has no interface of its own.
 */
export function checkNetworkConfiguration(
  sb: Sandbox,
  def: TaskDefinitionRecord,
  config: unknown,
  region: string,
  on: RunsOn = 'EC2',
): AwsvpcNetwork | undefined {
  if (def.networkMode !== 'awsvpc') {
    if (config !== undefined && config !== null) {
      throw invalidParameter('Network Configuration is not valid for the given networkMode of this task definition.');
    }
    return undefined;
  }
  const vpc = (config as any)?.awsvpcConfiguration;
  if (!vpc) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const ids = vpc.subnets;
  if (!Array.isArray(ids) || ids.length === 0) throw invalidParameter('subnets can not be empty.');
  if (ids.length > 16) throw invalidParameter('At most 16 subnets can be specified.');
  const groups = vpc.securityGroups ?? [];
  if (!Array.isArray(groups) || groups.length > 5) throw invalidParameter('At most 5 security groups can be specified.');
  const assign = vpc.assignPublicIp ?? 'DISABLED';
  if (assign !== 'ENABLED' && assign !== 'DISABLED') throw invalidParameter(`assignPublicIp must be ENABLED or DISABLED; got '${String(assign)}'.`);
  if (assign === 'ENABLED' && on !== 'FARGATE') throw invalidParameter('Assign public IP is not supported for this launch type.');
  const subnets = ids.map((id: unknown) => lookUpInEc2('subnet', id, (s) => requireSubnet(sb, region, s)));
  const vpcId = subnets[0]!.vpcId;
  const stray = subnets.find((s) => s.vpcId !== vpcId);
  if (stray) throw invalidParameter(`The subnets must all be in the same VPC: ${stray.subnetId} is in ${stray.vpcId}, not ${vpcId}.`);
  for (const id of groups) {
    const group = lookUpInEc2('security group', id, (g) => requireGroupById(sb, region, g));
    if (group.vpcId !== vpcId) throw invalidParameter(`Security group ${group.groupId} and subnet ${subnets[0]!.subnetId} belong to different networks.`);
  }
  const fallback = groupByName(sb, region, vpcId, 'default');
  return {
    subnets,
    securityGroups: groups.length > 0 ? [...new Set(groups as string[])] : fallback ? [fallback.groupId] : [],
    assignPublicIp: assign === 'ENABLED',
    configuration: {
      awsvpcConfiguration: {
        subnets: subnets.map((s) => s.subnetId),
        ...(groups.length > 0 ? { securityGroups: [...(groups as string[])] } : {}),
        assignPublicIp: assign,
      },
    },
  };
}

export interface TaskEni {
  attachment: { id: string; type: 'ElasticNetworkInterface'; status: string; details: Array<{ name: string; value: string }> };
  address: string;
}

/** Creates the interface of a task about to be launched in `subnet`: its attachment, PRECREATED. */
export function createTaskEni(sb: Sandbox, network: AwsvpcNetwork, subnet: SubnetRecord): TaskEni {
  const attachmentId = sb.random.uuid();
  const eni = createNetworkInterface(sb, {
    subnet,
    securityGroupIds: network.securityGroups,
    description: ecsArn(subnet.region, `attachment/${attachmentId}`),
    requesterId: ECS_REQUESTER_ID,
    requesterManaged: true,
    publicIp: network.assignPublicIp,
  });
  return {
    address: eni.privateIpAddress,
    attachment: {
      id: attachmentId,
      type: 'ElasticNetworkInterface',
      status: 'PRECREATED',
      details: [
        { name: 'subnetId', value: subnet.subnetId },
        { name: 'networkInterfaceId', value: eni.networkInterfaceId },
        { name: 'macAddress', value: eni.macAddress },
        { name: 'privateDnsName', value: eni.privateDnsName },
        { name: 'privateIPv4Address', value: eni.privateIpAddress },
      ],
    },
  };
}

type Attachment = { type?: string; status?: string; details?: Array<{ name: string; value?: string }> };

function enisOf(task: TaskRecord): Attachment[] {
  return (task.attachments as Attachment[]).filter((a) => a?.type === 'ElasticNetworkInterface');
}

function interfaceIdOf(attachment: Attachment): string | undefined {
  return attachment.details?.find((d) => d.name === 'networkInterfaceId')?.value;
}

/** The task's interface is attached to its host: its container instance's EC2 instance, or Fargate's. */
export function attachTaskEni(sb: Sandbox, task: TaskRecord, instance: ContainerInstanceRecord | undefined): void {
  for (const attachment of enisOf(task)) {
    // The agent may have reported it ATTACHED already; EC2 attaches it once all the same.
    if (attachment.status === 'DELETED') continue;
    const id = interfaceIdOf(attachment);
    if (id) {
      const host = instance?.ec2InstanceId
        ? { instanceId: instance.ec2InstanceId, instanceOwnerId: ACCOUNT_ID }
        : { instanceOwnerId: FARGATE_INSTANCE_OWNER_ID };
      attachNetworkInterface(sb, id, host);
    }
    attachment.status = 'ATTACHED';
  }
}

/** The task's interface goes away with it, and gives its address back to the subnet. */
export function deleteTaskEni(sb: Sandbox, task: TaskRecord): void {
  for (const attachment of enisOf(task)) {
    if (attachment.status === 'DELETED') continue;
    const id = interfaceIdOf(attachment);
    if (id) deleteNetworkInterface(sb, id);
    attachment.status = 'DELETED';
  }
}

/** Whether the task holds an interface of its own now (created and not yet deleted). */
export function holdsEni(task: TaskRecord): boolean {
  return enisOf(task).some((a) => a.status !== 'DELETED');
}

/**
 * How many more awsvpc tasks an instance can take: its type's interfaces, less its primary
 * one and those its awsvpc tasks hold. Unlimited when its type is not known.
 */
export function freeEniSlots(instance: ContainerInstanceRecord, tasksOnIt: number): number {
  const type = instance.attributes.find((a) => a.name === 'ecs.instance-type')?.value;
  const spec = type ? instanceTypeSpec(type) : undefined;
  if (!spec) return Infinity;
  return spec.maxEnis - 1 - tasksOnIt;
}
