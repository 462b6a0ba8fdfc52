import { DescribeImagesCommand, DescribeInstancesCommand, RunInstancesCommand, type Instance, type RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { TestSandbox } from '../../support/sandbox.js';

/** The region's ECS-optimized image (x86_64 unless asked), found the way a user finds it. */
export async function ecsAmi(t: TestSandbox, architecture = 'x86_64'): Promise<string> {
  const out = await t.ec2.send(
    new DescribeImagesCommand({
      Owners: ['amazon'],
      Filters: [
        { Name: 'name', Values: ['al2023-ami-ecs-hvm-*'] },
        { Name: 'architecture', Values: [architecture] },
      ],
    }),
  );
  return out.Images![0]!.ImageId!;
}

/** The plain Amazon Linux 2023 image: no ECS agent. */
export async function plainAmi(t: TestSandbox): Promise<string> {
  const out = await t.ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['al2023-ami-2023*-x86_64'] }] }));
  return out.Images![0]!.ImageId!;
}

export function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/** A boot script that points the ECS agent at `cluster`, as the ECS docs write it. */
export function joinCluster(cluster: string): string {
  return base64(`#!/bin/bash\necho ECS_CLUSTER=${cluster} >> /etc/ecs/ecs.config\n`);
}

export async function runInstances(t: TestSandbox, input: Partial<RunInstancesCommandInput> = {}): Promise<Instance[]> {
  const out = await t.ec2.send(
    new RunInstancesCommand({ ImageId: await ecsAmi(t), InstanceType: 't3.medium', MinCount: 1, MaxCount: 1, ...input }),
  );
  return out.Instances!;
}

export async function describeInstance(t: TestSandbox, instanceId: string): Promise<Instance> {
  const out = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return out.Reservations![0]!.Instances![0]!;
}

/** Long enough for any boot, stop or agent step (each is a few seconds, seeded). */
export const SETTLE_MS = 60_000;
