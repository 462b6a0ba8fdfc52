import { DescribeImagesCommand, DescribeInstanceTypesCommand } from '@aws-sdk/client-ec2';
import type { Backend } from '../../api/index.js';
import { EcsCliError } from './errors.js';

export interface InstanceTypeInfo {
  architecture: 'x86_64' | 'arm64';
  gpu: boolean;
}

/** The type's architecture (and whether it has GPUs), or a one-line error when EC2 has no such type. */
export async function instanceTypeInfo(backend: Backend, instanceType: string): Promise<InstanceTypeInfo> {
  try {
    const { InstanceTypes = [] } = await backend.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [instanceType as never] }));
    const found = InstanceTypes[0];
    if (!found) throw new EcsCliError(`instance type ${instanceType} is not offered in ${backend.region}`);
    const architectures = found.ProcessorInfo?.SupportedArchitectures ?? [];
    return { architecture: architectures.includes('arm64') && !architectures.includes('x86_64') ? 'arm64' : 'x86_64', gpu: (found.GpuInfo?.Gpus ?? []).length > 0 };
  } catch (error) {
    if ((error as Error).name === 'InvalidInstanceType') throw new EcsCliError(`instance type ${instanceType} does not exist: pass --instance-type (t3.medium, say)`);
    throw error;
  }
}

/**
 * The latest ECS-optimized Amazon Linux 2023 image for the type. On AWS it is AWS's public SSM
 * parameter, as ecs-cli reads it; the sandbox has no SSM, and answers DescribeImages with its
 * own ECS-optimized images instead.
 */
export async function ecsOptimizedImage(backend: Backend, type: InstanceTypeInfo): Promise<string> {
  const ssm = backend.ssm;
  if (!ssm) {
    const { Images = [] } = await backend.ec2.send(
      new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: [`al2023-ami-ecs-hvm-*-${type.architecture}`] }] }),
    );
    const latest = Images.sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
    if (!latest?.ImageId) throw new EcsCliError(`the sandbox has no ECS-optimized ${type.architecture} image: pass --image-id`);
    return latest.ImageId;
  }
  // Loaded here: only `up` on AWS without --image-id needs the SSM package.
  const { GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const variant = type.gpu ? 'gpu/' : type.architecture === 'arm64' ? 'arm64/' : '';
  const name = `/aws/service/ecs/optimized-ami/amazon-linux-2023/${variant}recommended/image_id`;
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
  if (!Parameter?.Value) throw new EcsCliError(`SSM has no value for ${name} in ${backend.region}: pass --image-id`);
  return Parameter.Value;
}
