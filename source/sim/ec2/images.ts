import { createHash } from 'node:crypto';
import { ApiError } from '../errors.js';
import type { Operation } from '../sandbox.js';
import { filterRecords } from './filters.js';
import { checkId, ec2Page, stringList } from './params.js';

/**
 * The images every region offers: the ECS-optimized Amazon Linux 2023 and Amazon Linux 2
 * AMIs (whose agent joins a cluster) and plain Amazon Linux 2023. Their ids are fixed per
 * region (derived from the region and name, not the seed), so a script that found one keeps
 * working.
 */

export interface ImageSpec {
  imageId: string;
  name: string;
  description: string;
  ownerId: string;
  architecture: 'x86_64' | 'arm64';
  creationDate: string;
  /** The ECS container agent runs at boot (joining `default` unless user data says otherwise). */
  ecsOptimized: boolean;
  /** An ECS-optimized image's release (`2023.0.20260105`) and the minimal image it was built on, as AWS publishes them. */
  release?: { version: string; sourceImageName: string };
}

const ECS_AMI_OWNER = '591542846629';
const AMAZON_LINUX_OWNER = '137112412989';
const ECS_RELEASE = '2023.0.20260105';
const ECS_AL2_RELEASE = '2.0.20260105';
const AL_RELEASE = '2023.9.20251208.0';
const AL2_RELEASE = '2.0.20251208.0';

const CATALOG: Array<Omit<ImageSpec, 'imageId'>> = [
  {
    name: `al2023-ami-ecs-hvm-${ECS_RELEASE}-kernel-6.1-x86_64`,
    description: `Amazon Linux AMI ${ECS_RELEASE} x86_64 ECS HVM EBS`,
    ownerId: ECS_AMI_OWNER,
    architecture: 'x86_64',
    creationDate: '2026-01-06T02:14:31.000Z',
    ecsOptimized: true,
    release: { version: ECS_RELEASE, sourceImageName: `al2023-ami-minimal-${AL_RELEASE}-kernel-6.1-x86_64` },
  },
  {
    name: `al2023-ami-ecs-hvm-${ECS_RELEASE}-kernel-6.1-arm64`,
    description: `Amazon Linux AMI ${ECS_RELEASE} arm64 ECS HVM EBS`,
    ownerId: ECS_AMI_OWNER,
    architecture: 'arm64',
    creationDate: '2026-01-06T02:15:02.000Z',
    ecsOptimized: true,
    release: { version: ECS_RELEASE, sourceImageName: `al2023-ami-minimal-${AL_RELEASE}-kernel-6.1-arm64` },
  },
  {
    name: `amzn2-ami-ecs-hvm-${ECS_AL2_RELEASE}-x86_64-ebs`,
    description: `Amazon Linux AMI ${ECS_AL2_RELEASE} x86_64 ECS HVM GP2`,
    ownerId: ECS_AMI_OWNER,
    architecture: 'x86_64',
    creationDate: '2026-01-06T01:52:47.000Z',
    ecsOptimized: true,
    release: { version: ECS_AL2_RELEASE, sourceImageName: `amzn2-ami-minimal-hvm-${AL2_RELEASE}-x86_64-ebs` },
  },
  {
    name: `amzn2-ami-ecs-hvm-${ECS_AL2_RELEASE}-arm64-ebs`,
    description: `Amazon Linux AMI ${ECS_AL2_RELEASE} arm64 ECS HVM GP2`,
    ownerId: ECS_AMI_OWNER,
    architecture: 'arm64',
    creationDate: '2026-01-06T01:53:20.000Z',
    ecsOptimized: true,
    release: { version: ECS_AL2_RELEASE, sourceImageName: `amzn2-ami-minimal-hvm-${AL2_RELEASE}-arm64-ebs` },
  },
  {
    name: `al2023-ami-${AL_RELEASE}-kernel-6.1-x86_64`,
    description: 'Amazon Linux 2023 AMI 2023.9.20251208.0 x86_64 HVM kernel-6.1',
    ownerId: AMAZON_LINUX_OWNER,
    architecture: 'x86_64',
    creationDate: '2025-12-09T19:40:12.000Z',
    ecsOptimized: false,
  },
  {
    name: `al2023-ami-${AL_RELEASE}-kernel-6.1-arm64`,
    description: 'Amazon Linux 2023 AMI 2023.9.20251208.0 arm64 HVM kernel-6.1',
    ownerId: AMAZON_LINUX_OWNER,
    architecture: 'arm64',
    creationDate: '2025-12-09T19:40:40.000Z',
    ecsOptimized: false,
  },
];

function imageIdFor(region: string, name: string): string {
  return `ami-${createHash('sha256').update(`${region}/${name}`).digest('hex').slice(0, 17)}`;
}

export function regionImages(region: string): ImageSpec[] {
  return CATALOG.map((image) => ({ ...image, imageId: imageIdFor(region, image.name) }));
}

/** The image an id names in a region, or InvalidAMIID.NotFound as EC2 answers. */
export function requireImage(region: string, imageId: string): ImageSpec {
  checkId(imageId, 'ami', 'InvalidAMIID.Malformed');
  const image = regionImages(region).find((i) => i.imageId === imageId);
  if (!image) throw new ApiError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  return image;
}

function renderImage(image: ImageSpec) {
  return {
    imageId: image.imageId,
    imageLocation: `amazon/${image.name}`,
    imageState: 'available',
    imageOwnerId: image.ownerId,
    creationDate: image.creationDate,
    isPublic: true,
    architecture: image.architecture,
    imageType: 'machine',
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    imageOwnerAlias: 'amazon',
    name: image.name,
    description: image.description,
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: [
      { deviceName: '/dev/xvda', ebs: { deleteOnTermination: true, volumeSize: 30, volumeType: 'gp3', encrypted: false } },
    ],
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    enaSupport: true,
    sriovNetSupport: 'simple',
    bootMode: image.architecture === 'arm64' ? 'uefi' : 'uefi-preferred',
    imdsSupport: 'v2.0',
    tagSet: [],
  };
}

export const DescribeImages: Operation = (_sb, params, ctx) => {
  const ids = stringList(params, 'ImageId');
  for (const id of ids) checkId(id, 'ami', 'InvalidAMIID.Malformed');
  const images = regionImages(ctx.region);
  const missing = ids.filter((id) => !images.some((i) => i.imageId === id));
  if (missing.length > 0) throw new ApiError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
  const owners = stringList(params, 'Owner');
  const named = images.filter(
    (i) =>
      (ids.length === 0 || ids.includes(i.imageId)) &&
      (owners.length === 0 || owners.some((o) => o === i.ownerId || o === 'amazon')),
  );
  const matching = filterRecords(named, params, {
    'image-id': (i) => i.imageId,
    name: (i) => i.name,
    description: (i) => i.description,
    architecture: (i) => i.architecture,
    'owner-id': (i) => i.ownerId,
    'owner-alias': () => 'amazon',
    state: () => 'available',
    'image-type': () => 'machine',
    'is-public': () => true,
    'root-device-type': () => 'ebs',
    'virtualization-type': () => 'hvm',
    hypervisor: () => 'xen',
    'platform-details': () => 'Linux/UNIX',
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return { imagesSet: page.map(renderImage), nextToken };
};
