import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  ListServicesByNamespaceCommand,
  ListServicesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
  type CreateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { targetGroupBehindAlb } from '../support/load-balancers.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

let t: TestSandbox;
const CLUSTER = 'svc';
const PREFIX = 'arn:aws:ecs:us-east-1:123456789012';

beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, CLUSTER, ['us-east-1a', 'us-east-1b']);
  await registerDefinition(t, { family: 'web' });
});
afterAll(() => t.close());

const create = (input: Partial<CreateServiceCommandInput> & { serviceName: string }) =>
  t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, taskDefinition: 'web', desiredCount: 1, ...input }));

async function failure(input: Partial<CreateServiceCommandInput> & { serviceName: string }) {
  const error = await errorOf(create(input));
  return { name: error.name, message: error.message };
}

describe('CreateService', () => {
  it('creates a service as ECS describes it, with its defaults and a first deployment', async () => {
    const out = await create({ serviceName: 'api', desiredCount: 2, tags: [{ key: 'team', value: 'a' }] });
    const service = out.service!;
    expect(service).toMatchObject({
      serviceArn: `${PREFIX}:service/${CLUSTER}/api`,
      serviceName: 'api',
      clusterArn: `${PREFIX}:cluster/${CLUSTER}`,
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 0,
      pendingCount: 0,
      launchType: 'EC2',
      taskDefinition: `${PREFIX}:task-definition/web:1`,
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      propagateTags: 'NONE',
      enableECSManagedTags: false,
      enableExecuteCommand: false,
      placementConstraints: [],
      placementStrategy: [],
      loadBalancers: [],
      serviceRegistries: [],
      tags: [{ key: 'team', value: 'a' }],
    });
    expect(service.deploymentConfiguration).toMatchObject({
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: false, rollback: false },
    });
    expect(service.deployments).toHaveLength(1);
    const deployment = service.deployments![0]!;
    expect(deployment.id).toMatch(/^ecs-svc\/[1-9]\d{18}$/);
    expect(deployment).toMatchObject({ status: 'PRIMARY', desiredCount: 2, runningCount: 0, pendingCount: 0, failedTasks: 0, rolloutState: 'IN_PROGRESS' });
    expect(service.createdAt).toEqual(deployment.createdAt);
  });

  it('refuses a second ACTIVE service of the same name', async () => {
    expect(await failure({ serviceName: 'api' })).toEqual({ name: 'InvalidParameterException', message: 'Creation of service was not idempotent.' });
  });

  it('refuses bad input with the errors ECS gives', async () => {
    expect((await failure({ serviceName: 'bad name' })).name).toBe('InvalidParameterException');
    expect(await failure({ serviceName: 'x', taskDefinition: 'nope' })).toEqual({ name: 'ClientException', message: 'TaskDefinition not found.' });
    expect(await failure({ serviceName: 'x', cluster: 'ghost' })).toEqual({ name: 'ClusterNotFoundException', message: 'Cluster not found.' });
    expect(await failure({ serviceName: 'x', schedulingStrategy: 'DAEMON', desiredCount: 2 })).toEqual({
      name: 'InvalidParameterException',
      message: 'The daemon scheduling strategy does not support a desired count for services.',
    });
    expect(await failure({ serviceName: 'x', launchType: 'EC2', capacityProviderStrategy: [{ capacityProvider: 'cp' }] })).toEqual({
      name: 'InvalidParameterException',
      message: 'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    });
    expect(await failure({ serviceName: 'x', launchType: 'FARGATE' })).toEqual({
      name: 'InvalidParameterException',
      message: 'Task definition does not support launch_type FARGATE.',
    });
    expect(await failure({ serviceName: 'x', platformVersion: 'LATEST' })).toEqual({
      name: 'InvalidParameterException',
      message: 'The platform version must be null when specifying an EC2 launch type.',
    });
    expect((await failure({ serviceName: 'x', placementStrategy: [{ type: 'binpack', field: 'disk' }] })).name).toBe('InvalidParameterException');
    expect((await failure({ serviceName: 'x', placementConstraints: [{ type: 'memberOf', expression: 'attribute:==' }] })).name).toBe(
      'InvalidParameterException',
    );
    expect((await failure({ serviceName: 'x', deploymentConfiguration: { minimumHealthyPercent: 150 } })).name).toBe('InvalidParameterException');
    expect((await failure({ serviceName: 'x', desiredCount: -1 })).name).toBe('InvalidParameterException');
    expect((await failure({ serviceName: 'x', deploymentController: { type: 'EXTERNAL' }, deploymentConfiguration: { maximumPercent: 150 } })).name).toBe(
      'InvalidParameterException',
    );
    expect(await t.ecs.send(new ListServicesCommand({ cluster: CLUSTER }))).toMatchObject({ serviceArns: [`${PREFIX}:service/${CLUSTER}/api`] });
  });

  it('gives DAEMON services their own defaults: 100/0 and a desired count that follows the instances', async () => {
    const out = await create({ serviceName: 'logs', schedulingStrategy: 'DAEMON', desiredCount: undefined });
    expect(out.service!.deploymentConfiguration).toMatchObject({ maximumPercent: 100, minimumHealthyPercent: 0 });
    t.advance(10_000);
    const described = await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['logs'] }));
    expect(described.services![0]).toMatchObject({ desiredCount: 2, runningCount: 2 });
  });

  it('keeps load balancers and service registries as given', async () => {
    const targetGroupArn = await targetGroupBehindAlb(t, 'web');
    const out = await create({
      serviceName: 'lb',
      desiredCount: 0,
      loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }],
      serviceRegistries: [{ registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1', containerName: 'web' }],
      healthCheckGracePeriodSeconds: 30,
    });
    expect(out.service!.loadBalancers).toEqual([{ targetGroupArn, containerName: 'web', containerPort: 80 }]);
    expect(out.service!.serviceRegistries).toEqual([{ registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1', containerName: 'web' }]);
    expect(out.service!.healthCheckGracePeriodSeconds).toBe(30);
    expect(out.service!.roleArn).toBe('arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS');
    const error = await errorOf(create({ serviceName: 'lb2', loadBalancers: [{ targetGroupArn, containerName: 'db', containerPort: 80 }] }));
    expect(error.name).toBe('InvalidParameterException');
  });
});

describe('DescribeServices and ListServices', () => {
  it('describe by name or ARN, report the missing ones, and include tags only when asked', async () => {
    const out = await t.ecs.send(
      new DescribeServicesCommand({ cluster: CLUSTER, services: ['api', `${PREFIX}:service/${CLUSTER}/logs`, 'ghost'], include: ['TAGS'] }),
    );
    expect(out.services!.map((s) => s.serviceName)).toEqual(['api', 'logs']);
    expect(out.services![0]!.tags).toEqual([{ key: 'team', value: 'a' }]);
    expect(out.failures).toEqual([{ arn: `${PREFIX}:service/${CLUSTER}/ghost`, reason: 'MISSING' }]);
    const plain = await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['api'] }));
    expect(plain.services![0]!.tags).toBeUndefined();
  });

  it('describe at most 10 services at once', async () => {
    const error = await errorOf(t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: Array.from({ length: 11 }, (_, i) => `s${i}`) })));
    expect(error.name).toBe('InvalidParameterException');
  });

  it('list page by page, and by scheduling strategy and launch type', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.ecs.send(new ListServicesCommand({ cluster: CLUSTER, maxResults: 2, nextToken }));
      expect(page.serviceArns!.length).toBeLessThanOrEqual(2);
      seen.push(...page.serviceArns!);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen.map((arn) => arn.split('/').pop())).toEqual(['api', 'logs', 'lb']);
    const daemons = await t.ecs.send(new ListServicesCommand({ cluster: CLUSTER, schedulingStrategy: 'DAEMON' }));
    expect(daemons.serviceArns).toEqual([`${PREFIX}:service/${CLUSTER}/logs`]);
    const fargate = await t.ecs.send(new ListServicesCommand({ cluster: CLUSTER, launchType: 'FARGATE' }));
    expect(fargate.serviceArns).toEqual([]);
  });

  it('list by Service Connect namespace: only the services that name it', async () => {
    await create({ serviceName: 'connected', desiredCount: 0, serviceConnectConfiguration: { enabled: true, namespace: 'shop' } });
    expect((await t.ecs.send(new ListServicesByNamespaceCommand({ namespace: 'shop' }))).serviceArns).toEqual([`${PREFIX}:service/${CLUSTER}/connected`]);
    expect((await t.ecs.send(new ListServicesByNamespaceCommand({ namespace: 'elsewhere' }))).serviceArns).toEqual([]);
  });
});

describe('UpdateService', () => {
  it('changes the desired count and merges the deployment configuration', async () => {
    const out = await t.ecs.send(
      new UpdateServiceCommand({ cluster: CLUSTER, service: 'api', desiredCount: 3, deploymentConfiguration: { minimumHealthyPercent: 50 } }),
    );
    expect(out.service).toMatchObject({ desiredCount: 3 });
    expect(out.service!.deploymentConfiguration).toMatchObject({ minimumHealthyPercent: 50, maximumPercent: 200 });
  });

  it('answers ServiceNotFoundException for a service that never was, and refuses a desired count for a daemon', async () => {
    const missing = await errorOf(t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'ghost', desiredCount: 1 })));
    expect({ name: missing.name, message: missing.message }).toEqual({ name: 'ServiceNotFoundException', message: 'Service not found.' });
    const daemon = await errorOf(t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'logs', desiredCount: 1 })));
    expect(daemon.name).toBe('InvalidParameterException');
  });
});

describe('DeleteService', () => {
  it('needs the service scaled to 0 unless forced', async () => {
    const error = await errorOf(t.ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service: 'api' })));
    expect({ name: error.name, message: error.message }).toEqual({
      name: 'InvalidParameterException',
      message: 'The service cannot be stopped while it is scaled above 0.',
    });
  });

  it('drains the service, stops its tasks, then leaves it INACTIVE and still describable', async () => {
    t.advance(10_000);
    const out = await t.ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service: 'api', force: true }));
    expect(out.service).toMatchObject({ status: 'DRAINING', desiredCount: 0 });

    const draining = await errorOf(create({ serviceName: 'api' }));
    expect({ name: draining.name, message: draining.message }).toEqual({
      name: 'InvalidParameterException',
      message: 'Unable to Start a service that is still Draining.',
    });

    t.advance(10_000);
    const tasks = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'api' }));
    expect(tasks.taskArns).toEqual([]);
    const described = await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['api'] }));
    expect(described.services![0]).toMatchObject({ status: 'INACTIVE', desiredCount: 0, runningCount: 0, pendingCount: 0 });
    expect(described.failures).toEqual([]);
    const listed = await t.ecs.send(new ListServicesCommand({ cluster: CLUSTER }));
    expect(listed.serviceArns).not.toContain(`${PREFIX}:service/${CLUSTER}/api`);

    const update = await errorOf(t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'api', desiredCount: 1 })));
    expect({ name: update.name, message: update.message }).toEqual({ name: 'ServiceNotActiveException', message: 'Service was not ACTIVE.' });
    const again = await errorOf(t.ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service: 'api' })));
    expect(again.name).toBe('ServiceNotActiveException');
  });

  it('lets the name be used again once the old service is INACTIVE', async () => {
    const out = await create({ serviceName: 'api', desiredCount: 1 });
    expect(out.service).toMatchObject({ status: 'ACTIVE', serviceArn: `${PREFIX}:service/${CLUSTER}/api` });
    expect(out.service!.events).toEqual([]);
  });

  it('keeps a cluster with services from being deleted until they are gone', async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'doomed' }));
    await t.ecs.send(new CreateServiceCommand({ cluster: 'doomed', serviceName: 'only', taskDefinition: 'web', desiredCount: 0 }));
    expect((await errorOf(t.ecs.send(new DeleteClusterCommand({ cluster: 'doomed' })))).name).toBe('ClusterContainsServicesException');
    await t.ecs.send(new DeleteServiceCommand({ cluster: 'doomed', service: 'only' }));
    t.advance(1_000);
    expect((await t.ecs.send(new DeleteClusterCommand({ cluster: 'doomed' }))).cluster!.status).toBe('INACTIVE');
  });
});
