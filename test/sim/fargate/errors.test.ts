import {
  CreateCapacityProviderCommand,
  CreateServiceCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  PutClusterCapacityProvidersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type CreateServiceCommandInput,
  type RunTaskCommandInput,
} from '@aws-sdk/client-ecs';
import { CreateLoadBalancerCommand, CreateTargetGroupCommand, CreateListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../support/sandbox.js';
import { freePort } from '../../support/load-balancers.js';
import { createCluster, defaultNetwork, startFargateCluster, taskInterfaces, type DefaultNetwork, type FargateSandbox } from './fixtures.js';

/**
 * The errors the issue names, each as ECS gives it, and nothing created by the failed call: no
 * task, no service, no task definition, no network interface, no address taken from a subnet.
 */
let t: FargateSandbox;
let net: DefaultNetwork;
const CLUSTER = 'errors';
const MISSING_SUBNET = 'subnet-0123456789abcdef0';

beforeAll(async () => {
  ({ t, net } = await startFargateCluster(7105, CLUSTER));
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'ec2-only',
      containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128, portMappings: [{ containerPort: 80 }] }],
    }),
  );
});
afterAll(() => t.close());

const vpcConfig = (extra: Record<string, unknown> = {}) => ({ awsvpcConfiguration: { subnets: [net.subnets[0]!.id], ...extra } });

/** `network`: the subnets as they were before the failed calls. */
async function nothingCreated(network: DefaultNetwork = net): Promise<void> {
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    expect((await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus }))).taskArns).toEqual([]);
  }
  expect((await t.ecs.send(new ListServicesCommand({ cluster: CLUSTER }))).serviceArns).toEqual([]);
  expect(await taskInterfaces(t)).toEqual([]);
  expect((await defaultNetwork(t)).subnets.map((s) => s.free)).toEqual(network.subnets.map((s) => s.free));
}

async function runTaskError(input: Partial<RunTaskCommandInput>) {
  const error = await errorOf(t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'sample-fargate', launchType: 'FARGATE', ...input })));
  return [error.name, error.message];
}

async function createServiceError(input: Partial<CreateServiceCommandInput>) {
  const error = await errorOf(
    t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'web', taskDefinition: 'sample-fargate', desiredCount: 2, launchType: 'FARGATE', ...input })),
  );
  return [error.name, error.message];
}

describe("the issue's errors", () => {
  it('cpu 256 with memory 4096: no Fargate configuration, neither at registration nor as an override', async () => {
    const register = await errorOf(
      t.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'too-big',
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '4096',
          containerDefinitions: [{ name: 'web', image: 'nginx' }],
        }),
      ),
    );
    expect([register.name, register.message]).toEqual([
      'ClientException',
      'No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.',
    ]);
    expect((await t.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'too-big' }))).taskDefinitionArns).toEqual([]);

    expect(await runTaskError({ networkConfiguration: vpcConfig(), overrides: { cpu: '256', memory: '4096' } })).toEqual([
      'InvalidParameterException',
      'No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.',
    ]);
    await nothingCreated();
  });

  it('a missing networkConfiguration', async () => {
    const message = "Network Configuration must be provided when networkMode 'awsvpc' is specified.";
    expect(await runTaskError({})).toEqual(['InvalidParameterException', message]);
    expect(await createServiceError({})).toEqual(['InvalidParameterException', message]);
    await nothingCreated();
  });

  it('an unknown subnet, and an unknown security group', async () => {
    const subnet = `Error retrieving subnet information for [${MISSING_SUBNET}]: The subnet ID '${MISSING_SUBNET}' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidSubnetID.NotFound)`;
    const network = { awsvpcConfiguration: { subnets: [net.subnets[0]!.id, MISSING_SUBNET] } };
    expect(await runTaskError({ networkConfiguration: network })).toEqual(['InvalidParameterException', subnet]);
    expect(await createServiceError({ networkConfiguration: network })).toEqual(['InvalidParameterException', subnet]);
    const group = 'sg-0123456789abcdef0';
    expect(await runTaskError({ networkConfiguration: vpcConfig({ securityGroups: [group] }) })).toEqual([
      'InvalidParameterException',
      `Error retrieving security group information for [${group}]: The security group '${group}' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidGroup.NotFound)`,
    ]);
    await nothingCreated();
  });

  it('an EC2-only task definition on FARGATE, by launch type or by capacity provider', async () => {
    const message = 'Task definition does not support launch_type FARGATE.';
    expect(await runTaskError({ taskDefinition: 'ec2-only' })).toEqual(['InvalidParameterException', message]);
    expect(await createServiceError({ taskDefinition: 'ec2-only' })).toEqual(['InvalidParameterException', message]);
    await t.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: CLUSTER, capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [] }));
    expect(await runTaskError({ taskDefinition: 'ec2-only', launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] })).toEqual([
      'InvalidParameterException',
      message,
    ]);
    // An awsvpc definition that says nothing of Fargate is not compatible with it either.
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'vpc-ec2', networkMode: 'awsvpc', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128 }] }),
    );
    expect(await runTaskError({ taskDefinition: 'vpc-ec2', networkConfiguration: vpcConfig() })).toEqual(['InvalidParameterException', message]);
    await nothingCreated();
  });
});

describe('more refusals, as ECS words them', () => {
  it('platform versions: unknown on Fargate, any on EC2', async () => {
    expect(await runTaskError({ networkConfiguration: vpcConfig(), platformVersion: '9.9.9' })).toEqual([
      'PlatformUnknownException',
      'The specified platform does not exist.',
    ]);
    expect(await runTaskError({ taskDefinition: 'ec2-only', launchType: 'EC2', platformVersion: 'LATEST' })).toEqual([
      'InvalidParameterException',
      'The platform version must be null when specifying an EC2 launch type.',
    ]);
    await nothingCreated();
  });

  it('placement on Fargate, a public IP on EC2, and a daemon on Fargate', async () => {
    expect(await runTaskError({ networkConfiguration: vpcConfig(), placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] })).toEqual([
      'InvalidParameterException',
      'Placement strategies are not supported with the FARGATE launch type.',
    ]);
    expect(await runTaskError({ networkConfiguration: vpcConfig(), placementConstraints: [{ type: 'distinctInstance' }] })).toEqual([
      'InvalidParameterException',
      'Placement constraints are not supported with the FARGATE launch type.',
    ]);
    expect(await runTaskError({ launchType: 'EC2', networkConfiguration: vpcConfig({ assignPublicIp: 'ENABLED' }) })).toEqual([
      'InvalidParameterException',
      'Assign public IP is not supported for this launch type.',
    ]);
    expect(await createServiceError({ networkConfiguration: vpcConfig(), schedulingStrategy: 'DAEMON', desiredCount: undefined })).toEqual([
      'InvalidParameterException',
      'The DAEMON scheduling strategy does not support the FARGATE launch type.',
    ]);
    await nothingCreated();
  });

  it('capacity provider strategies: providers not on the cluster, Fargate mixed with Auto Scaling groups, two bases', async () => {
    await createCluster(t, 'bare');
    const bare = await errorOf(
      t.ecs.send(new RunTaskCommand({ cluster: 'bare', taskDefinition: 'sample-fargate', networkConfiguration: vpcConfig(), capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] })),
    );
    expect([bare.name, bare.message]).toEqual([
      'InvalidParameterException',
      'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
    ]);
    await t.ecs.send(new CreateCapacityProviderCommand({ name: 'web-asg', autoScalingGroupProvider: { autoScalingGroupArn: 'web-asg' } }));
    await t.ecs.send(
      new PutClusterCapacityProvidersCommand({ cluster: CLUSTER, capacityProviders: ['FARGATE', 'FARGATE_SPOT', 'web-asg'], defaultCapacityProviderStrategy: [] }),
    );
    const mixed = await runTaskError({
      launchType: undefined,
      networkConfiguration: vpcConfig(),
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'web-asg', weight: 1 }],
    });
    expect(mixed).toEqual([
      'InvalidParameterException',
      'The specified capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.',
    ]);
    const twoBases = await runTaskError({
      launchType: undefined,
      networkConfiguration: vpcConfig(),
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', base: 1, weight: 1 },
      ],
    });
    expect(twoBases).toEqual(['InvalidParameterException', 'Only one capacity provider in a capacity provider strategy can have a base value greater than 0.']);
    await nothingCreated();
  });

  it("Fargate's task-level extras at registration: ephemeral storage and runtime platform", async () => {
    const register = (extra: Record<string, unknown>) =>
      errorOf(
        t.ecs.send(
          new RegisterTaskDefinitionCommand({
            family: 'extras',
            networkMode: 'awsvpc',
            requiresCompatibilities: ['FARGATE'],
            cpu: '256',
            memory: '512',
            containerDefinitions: [{ name: 'web', image: 'nginx' }],
            ...extra,
          }),
        ),
      );
    const storage = await register({ ephemeralStorage: { sizeInGiB: 10 } });
    expect([storage.name, storage.message]).toEqual(['ClientException', "Invalid 'ephemeralStorage' setting for task. sizeInGiB must be an integer between 21 and 200."]);
    const platform = await register({ runtimePlatform: { cpuArchitecture: 'SPARC' } });
    expect([platform.name, platform.message]).toEqual(['ClientException', "Invalid 'runtimePlatform' setting for task. cpuArchitecture must be one of X86_64, ARM64."]);
    expect((await t.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'extras' }))).taskDefinitionArns).toEqual([]);
  });

  it('an instance target group for awsvpc tasks', async () => {
    const lb = await t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'front', Subnets: net.subnets.map((s) => s.id) }));
    const tg = await t.elbv2.send(new CreateTargetGroupCommand({ Name: 'by-instance', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId }));
    const tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
    await t.elbv2.send(
      new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn, Protocol: 'HTTP', Port: await freePort(), DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }),
    );
    // The load balancer's own nodes hold addresses in its subnets.
    const withLoadBalancer = await defaultNetwork(t);
    expect(
      await createServiceError({ networkConfiguration: vpcConfig(), loadBalancers: [{ targetGroupArn: tgArn, containerName: 'web', containerPort: 80 }] }),
    ).toEqual([
      'InvalidParameterException',
      `The provided target group ${tgArn} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.`,
    ]);
    await nothingCreated(withLoadBalancer);
  });
});
