import { DescribeImagesCommand, DescribeInstanceTypesCommand } from '@aws-sdk/client-ec2';
import type { Backend } from '../../api/index.js';
import { EcsCliError } from './errors.js';
import { optionalClient, optionalSdk } from './optional-sdk.js';

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

/** On AWS the image is looked up with SSM: checked before anything is made, so that nothing is left half-made. */
export function requireSsm(): Record<string, any> {
  const ssm = optionalSdk('@aws-sdk/client-ssm');
  if (!ssm) throw new EcsCliError('on AWS, ecs-cli up needs --image-id AMI here: finding the ECS-optimized image needs @aws-sdk/client-ssm, which is not installed');
  return ssm;
}

/**
 * The latest ECS-optimized Amazon Linux 2023 image for the type. On AWS it is AWS's public SSM
 * parameter, as ecs-cli reads it; the sandbox has no SSM, and answers DescribeImages with its
 * own ECS-optimized images instead.
 */
export async function ecsOptimizedImage(backend: Backend, type: InstanceTypeInfo): Promise<string> {
  if (backend.kind === 'sandbox') {
    const { Images = [] } = await backend.ec2.send(
      new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: [`al2023-ami-ecs-hvm-*-${type.architecture}`] }] }),
    );
    const latest = Images.sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
    if (!latest?.ImageId) throw new EcsCliError(`the sandbox has no ECS-optimized ${type.architecture} image: pass --image-id`);
    return latest.ImageId;
  }
  const ssm = requireSsm();
  const variant = type.gpu ? 'gpu/' : type.architecture === 'arm64' ? 'arm64/' : '';
  const client = optionalClient(ssm, 'SSMClient', backend);
  try {
    const answer = await client.send(new ssm.GetParameterCommand({ Name: `/aws/service/ecs/optimized-ami/amazon-linux-2023/${variant}recommended/image_id` }));
    return String(answer.Parameter.Value);
  } finally {
    client.destroy();
  }
}
