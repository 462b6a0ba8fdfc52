import { regionImages, type ImageSpec } from '../ec2/index.js';
import { agentVersionInfo } from '../ecs/index.js';

/**
 * The public parameters AWS publishes for the ECS-optimized AMIs, built from the sandbox's own
 * image catalog so that every id they name runs. For each image line (Amazon Linux 2023 and
 * Amazon Linux 2, x86_64 and arm64):
 *   /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended            the newest, as JSON
 *   /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id   each JSON field alone
 *   /aws/service/ecs/optimized-ami/amazon-linux-2023/<image name>           every release, as JSON
 */

export const ECS_AMI_ROOT = '/aws/service/ecs/optimized-ami';

export interface PublicParameter {
  name: string;
  value: string;
  /** When AWS published it: the image's creation (epoch ms). */
  publishedAt: number;
}

interface ImageLine {
  path: string;
  namePrefix: string;
  architecture: ImageSpec['architecture'];
  os: string;
}

const LINES: ImageLine[] = [
  { path: 'amazon-linux-2023', namePrefix: 'al2023-ami-ecs-hvm-', architecture: 'x86_64', os: 'Amazon Linux 2023' },
  { path: 'amazon-linux-2023/arm64', namePrefix: 'al2023-ami-ecs-hvm-', architecture: 'arm64', os: 'Amazon Linux 2023' },
  { path: 'amazon-linux-2', namePrefix: 'amzn2-ami-ecs-hvm-', architecture: 'x86_64', os: 'Amazon Linux 2' },
  { path: 'amazon-linux-2/arm64', namePrefix: 'amzn2-ami-ecs-hvm-', architecture: 'arm64', os: 'Amazon Linux 2' },
];

/** The image's metadata, with AWS's field names, in AWS's order. */
function metadata(image: ImageSpec, line: ImageLine): Record<string, string | number> {
  const versions = agentVersionInfo();
  return {
    ecs_agent_version: versions.agentVersion,
    ecs_runtime_version: versions.dockerVersion.replace(/^DockerVersion: /, 'Docker version '),
    image_id: image.imageId,
    image_name: image.name,
    image_version: image.release?.version ?? '',
    os: line.os,
    schema_version: 1,
    source_image_name: image.release?.sourceImageName ?? '',
  };
}

function buildRegion(region: string): Map<string, PublicParameter> {
  const parameters = new Map<string, PublicParameter>();
  const put = (name: string, value: string, publishedAt: number) => parameters.set(name, { name, value, publishedAt });
  for (const line of LINES) {
    const images = regionImages(region)
      .filter((i) => i.ecsOptimized && i.architecture === line.architecture && i.name.startsWith(line.namePrefix))
      .sort((a, b) => b.creationDate.localeCompare(a.creationDate));
    const base = `${ECS_AMI_ROOT}/${line.path}`;
    images.forEach((image, index) => {
      const fields = metadata(image, line);
      const publishedAt = Date.parse(image.creationDate);
      put(`${base}/${image.name}`, JSON.stringify(fields), publishedAt);
      if (index > 0) return;
      put(`${base}/recommended`, JSON.stringify(fields), publishedAt);
      for (const [field, value] of Object.entries(fields)) put(`${base}/recommended/${field}`, String(value), publishedAt);
    });
  }
  return parameters;
}

const byRegion = new Map<string, Map<string, PublicParameter>>();

/** Every public parameter of a region, by name. */
export function publicParameters(region: string): Map<string, PublicParameter> {
  let parameters = byRegion.get(region);
  if (!parameters) {
    parameters = buildRegion(region);
    byRegion.set(region, parameters);
  }
  return parameters;
}
