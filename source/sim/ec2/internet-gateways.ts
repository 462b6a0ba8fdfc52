import { ACCOUNT_ID } from '../arn.js';
import { ApiError } from '../errors.js';
import type { InternetGatewayRecord, Tag } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { renderInternetGateway } from './ec2-render.js';
import { tagSpecifications } from './ec2-tags.js';
import { filterRecords } from './filters.js';
import { ec2Id } from './ids.js';
import { internetGateways, requireInternetGateway, requireVpc } from './network-lookup.js';
import { ec2Page, missingParameter, stringList, stringParam, type QueryObject } from './params.js';

/** Internet gateways: create, attach to one VPC, detach, delete, describe. */

export function createInternetGatewayRecord(sb: Sandbox, region: string, tags: Tag[] = []): InternetGatewayRecord {
  const gateway: InternetGatewayRecord = { internetGatewayId: ec2Id(sb, 'igw'), region, attachments: [], tags };
  internetGateways(sb).set(gateway.internetGatewayId, gateway);
  return gateway;
}

export const CreateInternetGateway: Operation = (sb, params, ctx) => {
  const tags = tagSpecifications(params, ['internet-gateway']).get('internet-gateway') ?? [];
  return { internetGateway: renderInternetGateway(createInternetGatewayRecord(sb, ctx.region, tags)) };
};

function gatewayAndVpc(sb: Sandbox, region: string, params: QueryObject) {
  const gatewayId = stringParam(params, 'InternetGatewayId');
  const vpcId = stringParam(params, 'VpcId');
  if (!gatewayId) throw missingParameter('internetGatewayId');
  if (!vpcId) throw missingParameter('vpcId');
  return { gateway: requireInternetGateway(sb, region, gatewayId), vpc: requireVpc(sb, region, vpcId) };
}

export const AttachInternetGateway: Operation = (sb, params, ctx) => {
  const { gateway, vpc } = gatewayAndVpc(sb, ctx.region, params);
  if (gateway.attachments.length > 0) {
    throw new ApiError('Resource.AlreadyAssociated', `resource ${gateway.internetGatewayId} is already attached to network ${gateway.attachments[0]!.vpcId}`);
  }
  const other = [...internetGateways(sb).values()].find((g) => g.attachments.some((a) => a.vpcId === vpc.vpcId));
  if (other) {
    throw new ApiError('Resource.AlreadyAssociated', `network ${vpc.vpcId} already has an internet gateway attached (${other.internetGatewayId})`);
  }
  gateway.attachments = [{ vpcId: vpc.vpcId, state: 'available' }];
  return { return: true };
};

export const DetachInternetGateway: Operation = (sb, params, ctx) => {
  const { gateway, vpc } = gatewayAndVpc(sb, ctx.region, params);
  if (!gateway.attachments.some((a) => a.vpcId === vpc.vpcId)) {
    throw new ApiError('Gateway.NotAttached', `resource ${gateway.internetGatewayId} is not attached to network ${vpc.vpcId}`);
  }
  const mapped = [...sb.tables.ec2Instances.values()].some((i) => i.vpcId === vpc.vpcId && i.publicIpAddress !== undefined);
  if (mapped) {
    throw new ApiError('DependencyViolation', `Network ${vpc.vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
  }
  gateway.attachments = [];
  return { return: true };
};

export const DeleteInternetGateway: Operation = (sb, params, ctx) => {
  const gatewayId = stringParam(params, 'InternetGatewayId');
  if (!gatewayId) throw missingParameter('internetGatewayId');
  const gateway = requireInternetGateway(sb, ctx.region, gatewayId);
  if (gateway.attachments.length > 0) {
    throw new ApiError('DependencyViolation', `The internetGateway '${gatewayId}' has dependencies and cannot be deleted.`);
  }
  internetGateways(sb).delete(gatewayId);
  return { return: true };
};

export const DescribeInternetGateways: Operation = (sb, params, ctx) => {
  const ids = stringList(params, 'InternetGatewayId');
  for (const id of ids) requireInternetGateway(sb, ctx.region, id);
  const gateways = [...internetGateways(sb).values()].filter(
    (g) => g.region === ctx.region && (ids.length === 0 || ids.includes(g.internetGatewayId)),
  );
  const matching = filterRecords(gateways, params, {
    'internet-gateway-id': (g) => g.internetGatewayId,
    'attachment.vpc-id': (g) => g.attachments.map((a) => a.vpcId),
    'attachment.state': (g) => g.attachments.map((a) => a.state),
    'owner-id': () => ACCOUNT_ID,
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return { internetGatewaySet: page.map(renderInternetGateway), nextToken };
};

export const internetGatewayOperations = {
  CreateInternetGateway,
  AttachInternetGateway,
  DetachInternetGateway,
  DeleteInternetGateway,
  DescribeInternetGateways,
};
