import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, type Tag } from '@aws-sdk/client-ecs';
import { describeSetup, findSetup, isEmptySetup, saveLaunchSpec, type LaunchSpec } from './cluster-setup.js';
import type { EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import { ecsOptimizedImage, instanceTypeInfo } from './image-id.js';
import { createInstanceRole } from './instance-role.js';
import { launchInstances, waitForRegistration } from './instances.js';
import { ecsCliLine } from './command-lines.js';
import { requireNetworkFree } from './network-holders.js';
import { createNetwork, createSecurityGroup, type Network } from './network-setup.js';
import { booleanFlag, listFlag, numberFlag, stringFlag, type ParsedArgs } from './parse-args.js';
import { defineVerb } from './run-verb.js';
import { parseTags } from './tags.js';
import { withTarget, type Target } from './target.js';
import { tearDown } from './teardown.js';

/** The flags that describe instances and network, which `--empty` makes meaningless. */
const RESOURCE_FLAGS = ['capability-iam', 'instance-role', 'keypair', 'image-id', 'azs', 'security-group', 'subnets', 'vpc', 'extra-user-data', 'no-associate-public-ip-address', 'imdsv2'];

/**
 * `up`: the cluster, its network and its instances, as ecs-cli's CloudFormation template made
 * them but with EC2 calls, so that it works on the sandbox too; then waits until the
 * instances have registered. An existing set-up is replaced only with --force, and found
 * before anything is made, as ecs-cli finds its stack before it creates the cluster.
 */
export const up = defineVerb(
  'up',
  async (args, context, log) =>
    withTarget(args, context, async (target) => {
      const launchType = stringFlag(args, 'launch-type') ?? target.launchType ?? 'EC2';
      const empty = booleanFlag(args, 'empty');
      checkFlags(args, launchType, empty);
      const withInstances = !empty && launchType === 'EC2';
      // As ecs-cli looks for its stack before CreateCluster: a set-up in the way fails the line before anything is made.
      const existing = await findSetup(target.backend, target.cluster);
      if (!isEmptySetup(existing)) {
        if (empty || !booleanFlag(args, 'force')) {
          const remedy = empty ? `run ${ecsCliLine(args, 'down', '--force')} first` : `Please specify '--force' to clean up your existing resources`;
          throw new EcsCliError(`A set-up made by ecs-cli up already exists for the cluster '${target.cluster}' in ${target.region} (${describeSetup(existing)}). ${remedy}`);
        }
        await requireNetworkFree(target, existing, 'ecs-cli up --force');
      }
      const userTags = parseTags(stringFlag(args, 'tags'));
      const instances = withInstances ? await prepareInstances(args, context, target) : undefined;
      const created = await target.backend.ecs.send(new CreateClusterCommand({ clusterName: target.cluster, tags: userTags.length > 0 ? userTags : undefined }));
      log.info('Created cluster', { cluster: target.cluster, region: target.region });
      if (empty) {
        const ignored = RESOURCE_FLAGS.filter((flag) => args.flags[flag] !== undefined);
        if (ignored.length > 0) log.warn(`Values specified for [${ignored.map((f) => `--${f}`).join(' ')}] flags will be ignored as --empty flag was set`);
        return;
      }
      if (withInstances && !stringFlag(args, 'keypair')) log.warn('You will not be able to SSH into your EC2 instances without a key pair.');
      if (!isEmptySetup(existing)) {
        log.info('Waiting for your existing cluster resources to be deleted...', { resources: describeSetup(existing) });
        await tearDown(target, created.cluster?.clusterArn, existing, context, log, 'ecs-cli up --force');
      }
      log.info('Waiting for your cluster resources to be created...');
      const role = instances ? await instanceRole(args, target) : undefined;
      const network = await networkFor(args, target, userTags, (line) => context.print(line));
      if (instances) {
        const spec: LaunchSpec = {
          imageId: instances.imageId,
          instanceType: instances.instanceType,
          subnetIds: network.subnetIds,
          securityGroupIds: network.securityGroupIds,
          keypair: stringFlag(args, 'keypair'),
          instanceProfile: role?.profile,
          publicIp: !booleanFlag(args, 'no-associate-public-ip-address'),
          imdsv2: booleanFlag(args, 'imdsv2'),
          createdRole: role?.createdRole,
          userTags,
        };
        await saveLaunchSpec(target.backend, created.cluster!.clusterArn!, spec);
        const size = numberFlag(args, 'size') ?? 1;
        const launched = await launchInstances(target.backend, target.cluster, spec, size, [], instances.extraUserData);
        await waitForRegistration(target.backend, target.cluster, { launched, size }, context, log);
      }
      context.print('Cluster creation succeeded.');
    }),
  { clusterWord: true },
);

/**
 * What the instances need that can be wrong (the type, the image, the files), found before
 * anything is made, so that a mistake leaves nothing behind.
 */
async function prepareInstances(args: ParsedArgs, context: EcsCliContext, target: Target) {
  const instanceType = stringFlag(args, 'instance-type') ?? 't2.micro';
  const givenImage = stringFlag(args, 'image-id');
  const extraUserData = (listFlag(args, 'extra-user-data') ?? []).map((file) => readExtraUserData(context, file));
  const typeInfo = await instanceTypeInfo(target.backend, instanceType);
  const imageId = givenImage ?? (await ecsOptimizedImage(target.backend, typeInfo));
  const keypair = stringFlag(args, 'keypair');
  if (keypair !== undefined) await requireKeyPair(target, keypair);
  return { instanceType, imageId, extraUserData };
}

/** CloudFormation checks a KeyName parameter before it makes anything: so does up. */
async function requireKeyPair(target: Target, keyName: string): Promise<void> {
  try {
    await target.backend.ec2.send(new DescribeKeyPairsCommand({ KeyNames: [keyName] }));
  } catch (error) {
    if ((error as { name?: string }).name !== 'InvalidKeyPair.NotFound') throw error;
    throw new EcsCliError(`the key pair '${keyName}' does not exist in ${target.region}: create it with "${target.apiLine(`ec2 create-key-pair --key-name ${keyName}`)}", or leave --keypair out`);
  }
}

function checkFlags(args: ParsedArgs, launchType: string, empty: boolean): void {
  const given = (flag: string) => args.flags[flag] !== undefined;
  if (!empty && launchType === 'EC2') {
    if (given('capability-iam') && given('instance-role')) throw new EcsCliError("give one of '--capability-iam' and '--instance-role', not both");
    if (!booleanFlag(args, 'capability-iam') && !given('instance-role')) {
      throw new EcsCliError("the instances need a role: pass '--capability-iam' to create one, or '--instance-role NAME' of an existing instance profile");
    }
  }
  if (given('vpc') && !given('subnets')) throw new EcsCliError('--vpc needs --subnets: two subnets of that VPC, comma-separated');
  if (given('subnets') && !given('vpc')) throw new EcsCliError('--subnets needs --vpc: the VPC the subnets are in');
  if (given('security-group') && !given('vpc')) throw new EcsCliError('--security-group needs --vpc: the VPC the group is in');
  if (given('vpc') && given('azs')) throw new EcsCliError('--azs and --vpc cannot be used together: the subnets given decide the zones');
  if (given('azs') && listFlag(args, 'azs')!.length !== 2) throw new EcsCliError('--azs takes exactly two availability zones, comma-separated');
  if (given('extra-user-data') && launchType !== 'EC2') throw new EcsCliError('--extra-user-data is for EC2 instances; FARGATE has none');
}

async function instanceRole(args: ParsedArgs, target: Target): Promise<{ profile: string; createdRole?: string }> {
  const given = stringFlag(args, 'instance-role');
  return given ? { profile: given } : createInstanceRole(target.backend, target.cluster);
}

async function networkFor(args: ParsedArgs, target: Target, userTags: Tag[], print: (line: string) => void): Promise<Network> {
  const options = {
    cluster: target.cluster,
    azs: listFlag(args, 'azs'),
    port: numberFlag(args, 'port') ?? 80,
    cidr: stringFlag(args, 'cidr') ?? '0.0.0.0/0',
    tags: userTags.map((t) => ({ Key: t.key, Value: t.value })),
  };
  const vpcId = stringFlag(args, 'vpc');
  if (!vpcId) return createNetwork(target.backend, options, print);
  let securityGroupIds = listFlag(args, 'security-group');
  if (!securityGroupIds) {
    const groupId = await createSecurityGroup(target.backend, vpcId, options);
    print(`Security Group created: ${groupId}`);
    securityGroupIds = [groupId];
  }
  return { vpcId, subnetIds: listFlag(args, 'subnets')!, securityGroupIds };
}

function readExtraUserData(context: EcsCliContext, file: string): string {
  const path = resolve(context.cwd ?? process.cwd(), file);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new EcsCliError(`--extra-user-data ${file} cannot be read: ${(error as Error).message}`);
  }
}
