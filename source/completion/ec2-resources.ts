// EC2 names for the menu, each with the line that tells them apart: an instance's type, zone and
// state; a key pair's type; a VPC's CIDR; an AMI's name. Instances live in a VPC and a zone, not
// in an ECS cluster, so nothing here speaks of clusters.
import {
  DescribeKeyPairsCommand,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeVpcs,
  type EC2Client,
  type Image,
  type Instance,
  type Tag,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { compareNames } from './fuzzy-rank.js';
import { withDocs } from './resource-docs.js';

/**
 * The images worth offering for `--image-id`: the ECS-optimized Amazon Linux 2023 and 2 AMIs
 * (whose agent joins a cluster), the account's own, then plain Amazon Linux 2023. All of Amazon's
 * public images would be tens of thousands; these name filters keep the answer to a few hundred.
 */
const AMAZON_IMAGES = ['al2023-ami-ecs-hvm-*', 'amzn2-ami-ecs-hvm-*', 'al2023-ami-2023*'];

/** Instances not terminated, by id: `t3.medium, us-east-1a, running, Name: web`. */
export async function instanceIds(ec2: EC2Client, max: number): Promise<string[]> {
  const instances: Instance[] = [];
  for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 1000 }, {})) {
    for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
    if (instances.length >= max) break;
  }
  const listed = instances.filter((instance) => instance.InstanceId && instance.State?.Name !== 'terminated').slice(0, max);
  return sortedWithDocs(listed.map((instance) => [instance.InstanceId!, instanceDoc(instance)]));
}

/** Key pair names: `rsa key pair`. DescribeKeyPairs has no pages: it answers every key pair of the region. */
export async function keyPairNames(ec2: EC2Client, max: number): Promise<string[]> {
  const pairs = ((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).filter((pair) => pair.KeyName).slice(0, max);
  return sortedWithDocs(pairs.map((pair) => [pair.KeyName!, `${pair.KeyType ? `${pair.KeyType} ` : ''}key pair${pair.KeyPairId ? ` ${pair.KeyPairId}` : ''}`]));
}

/** VPC ids: `172.31.0.0/16, default`. */
export async function vpcIds(ec2: EC2Client, max: number): Promise<string[]> {
  const vpcs: Vpc[] = [];
  for await (const page of paginateDescribeVpcs({ client: ec2, pageSize: 1000 }, {})) {
    vpcs.push(...(page.Vpcs ?? []));
    if (vpcs.length >= max) break;
  }
  const listed = vpcs.filter((vpc) => vpc.VpcId).slice(0, max);
  return sortedWithDocs(listed.map((vpc) => [vpc.VpcId!, [vpc.CidrBlock, vpc.IsDefault ? 'default' : undefined, nameTag(vpc.Tags)].filter(Boolean).join(', ')]));
}

/** AMI ids, the ECS-optimized ones first, newest first in each group: `ECS-optimized, x86_64, 2026-01-06: al2023-ami-ecs-...`. */
export async function imageIds(ec2: EC2Client, max: number): Promise<string[]> {
  const [amazon, own] = await Promise.all([
    describeImages(ec2, { Owners: ['amazon'], Filters: [{ Name: 'name', Values: AMAZON_IMAGES }] }, max),
    describeImages(ec2, { Owners: ['self'] }, max),
  ]);
  const seen = new Set<string>();
  const groups: Image[][] = [amazon.filter(isEcsOptimized), own, amazon.filter((image) => !isEcsOptimized(image))];
  const listed: Image[] = [];
  for (const group of groups) {
    group.sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''));
    for (const image of group) {
      if (image.ImageId && !seen.has(image.ImageId)) listed.push(image);
      seen.add(image.ImageId ?? '');
    }
  }
  const shown = listed.slice(0, max);
  const ownIds = new Set(own.map((image) => image.ImageId));
  return withDocs(
    shown.map((image) => image.ImageId!),
    new Map(shown.map((image) => [image.ImageId!, imageDoc(image, ownIds.has(image.ImageId))])),
  );
}

async function describeImages(ec2: EC2Client, input: { Owners: string[]; Filters?: { Name: string; Values: string[] }[] }, max: number): Promise<Image[]> {
  const images: Image[] = [];
  for await (const page of paginateDescribeImages({ client: ec2, pageSize: 1000 }, input)) {
    images.push(...(page.Images ?? []));
    if (images.length >= max) break;
  }
  return images;
}

function isEcsOptimized(image: Image): boolean {
  return /^(al2023|amzn2?)-ami-ecs-/.test(image.Name ?? '');
}

function imageDoc(image: Image, own: boolean): string {
  const what = isEcsOptimized(image) ? 'ECS-optimized' : own ? 'your image' : 'Amazon Linux';
  const facts = [what, image.Architecture, image.CreationDate?.slice(0, 10)].filter(Boolean).join(', ');
  return `${facts}: ${image.Name ?? image.Description ?? ''}`;
}

function instanceDoc(instance: Instance): string {
  const name = nameTag(instance.Tags);
  return [instance.InstanceType, instance.Placement?.AvailabilityZone, instance.State?.Name, name ? `Name: ${name}` : undefined].filter(Boolean).join(', ');
}

function nameTag(tags: Tag[] | undefined): string | undefined {
  return tags?.find((tag) => tag.Key === 'Name')?.Value;
}

/** Names in menu order, with their docs. */
function sortedWithDocs(entries: [string, string][]): string[] {
  entries.sort(([a], [b]) => compareNames(a, b));
  return withDocs(
    entries.map(([name]) => name),
    new Map(entries),
  );
}
