import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

let t: TestSandbox;
const CLUSTER = 'history';
const PREFIX = 'arn:aws:ecs:us-east-1:123456789012';

beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, CLUSTER, ['us-east-1a', 'us-east-1b'], { cpu: 4096, memory: 8192 });
  await registerDefinition(t, { family: 'app' });
  await registerDefinition(t, { family: 'app', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', cpu: 256, memory: 256 }] });
  await registerDefinition(t, { family: 'app', containerDefinitions: [{ name: 'web', image: 'nginx:1.28', cpu: 256, memory: 256 }] });
});
afterAll(() => t.close());

const list = (service: string, extra: Record<string, unknown> = {}) =>
  t.ecs.send(new ListServiceDeploymentsCommand({ cluster: CLUSTER, service, ...extra }));

async function describeDeployment(arn: string) {
  return (await t.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments![0]!;
}

let firstArn = '';
let secondArn = '';

describe('service deployments and revisions', () => {
  it('CreateService starts one, which succeeds once the service is steady', async () => {
    const created = await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'shop', taskDefinition: 'app:1', desiredCount: 2 }));
    firstArn = created.service!.currentServiceDeployment!;
    expect(firstArn).toMatch(new RegExp(`^${PREFIX}:service-deployment/${CLUSTER}/shop/[A-Za-z0-9_-]{22}$`));
    let deployment = await describeDeployment(firstArn);
    expect(deployment).toMatchObject({ status: 'IN_PROGRESS', serviceArn: `${PREFIX}:service/${CLUSTER}/shop`, sourceServiceRevisions: [] });
    expect(deployment.targetServiceRevision!.arn).toMatch(new RegExp(`^${PREFIX}:service-revision/${CLUSTER}/shop/\\d{19}$`));
    expect(deployment.deploymentCircuitBreaker).toEqual({ status: 'DISABLED', failureCount: 0, threshold: 3 });

    // Its tasks (no health checks) count as healthy 40 s after they run.
    t.advance(50_000);
    deployment = await describeDeployment(firstArn);
    expect(deployment.status).toBe('SUCCESSFUL');
    expect(deployment.finishedAt).toBeInstanceOf(Date);
    expect(deployment.targetServiceRevision).toMatchObject({ requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0 });

    const revisions = await t.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [deployment.targetServiceRevision!.arn!] }));
    expect(revisions.serviceRevisions![0]).toMatchObject({
      serviceArn: `${PREFIX}:service/${CLUSTER}/shop`,
      taskDefinition: `${PREFIX}:task-definition/app:1`,
      launchType: 'EC2',
      containerImages: [{ containerName: 'web', image: 'nginx' }],
    });
  });

  it('an update starts another, from the revision that ran to the new one; the list shows the newest first', async () => {
    const updated = await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'shop', taskDefinition: 'app:2' }));
    secondArn = updated.service!.currentServiceDeployment!;
    expect(secondArn).not.toBe(firstArn);
    const first = await describeDeployment(firstArn);
    const second = await describeDeployment(secondArn);
    expect(second.sourceServiceRevisions!.map((r) => r.arn)).toEqual([first.targetServiceRevision!.arn]);
    t.advance(60_000);

    const out = await list('shop');
    expect(out.serviceDeployments!.map((d) => [d.serviceDeploymentArn, d.status])).toEqual([
      [secondArn, 'SUCCESSFUL'],
      [firstArn, 'SUCCESSFUL'],
    ]);
    expect(out.serviceDeployments![0]!.targetServiceRevisionArn).toBe(second.targetServiceRevision!.arn);
  });

  it('lists by status, by creation time and page by page', async () => {
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'shop', forceNewDeployment: true }));
    const inProgress = await list('shop', { status: ['IN_PROGRESS'] });
    expect(inProgress.serviceDeployments).toHaveLength(1);
    const firstCreated = (await describeDeployment(firstArn)).createdAt!;
    const later = await list('shop', { createdAt: { after: firstCreated } });
    expect(later.serviceDeployments!.map((d) => d.serviceDeploymentArn)).not.toContain(firstArn);
    expect(later.serviceDeployments).toHaveLength(2);
    const page = await list('shop', { maxResults: 2 });
    expect(page.serviceDeployments).toHaveLength(2);
    const rest = await list('shop', { maxResults: 2, nextToken: page.nextToken });
    expect(rest.serviceDeployments!.map((d) => d.serviceDeploymentArn)).toEqual([firstArn]);
    t.advance(60_000);
  });

  it('StopServiceDeployment rolls an ongoing deployment back to the last completed revision', async () => {
    const before = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['shop'] }))).services![0]!;
    const updated = await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'shop', taskDefinition: 'app:3' }));
    const arn = updated.service!.currentServiceDeployment!;
    const out = await t.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    expect(out.serviceDeploymentArn).toBe(arn);
    let deployment = await describeDeployment(arn);
    expect(deployment.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(deployment.rollback).toMatchObject({ reason: 'StopServiceDeployment requested a rollback.' });
    expect(deployment.rollback!.serviceRevisionArn).toBe(before.currentServiceRevisions![0]!.arn);

    t.advance(60_000);
    deployment = await describeDeployment(arn);
    expect(deployment.status).toBe('ROLLBACK_SUCCESSFUL');
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['shop'] }))).services![0]!;
    expect(service.taskDefinition).toBe(`${PREFIX}:task-definition/app:2`);
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]).toMatchObject({ taskDefinition: `${PREFIX}:task-definition/app:2`, rolloutState: 'COMPLETED', runningCount: 2 });
  });

  it('answers the errors ECS gives', async () => {
    const finished = await errorOf(t.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: firstArn })));
    expect(finished.name).toBe('ConflictException');
    const missing = await errorOf(t.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: `${PREFIX}:service-deployment/${CLUSTER}/shop/nope` })));
    expect(missing.name).toBe('ServiceDeploymentNotFoundException');
    const abort = await errorOf(t.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: firstArn, stopType: 'ABORT' })));
    expect(abort.name).toBe('UnsupportedFeatureException');
    const noService = await errorOf(list('ghost'));
    expect(noService.name).toBe('ServiceNotFoundException');
    const ghost = `${PREFIX}:service-revision/${CLUSTER}/shop/1234567890123456789`;
    const revisions = await t.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [ghost] }));
    expect(revisions).toMatchObject({ serviceRevisions: [], failures: [{ arn: ghost, reason: 'MISSING' }] });
    const tooMany = await errorOf(t.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: Array(21).fill(firstArn) })));
    expect(tooMany.name).toBe('InvalidParameterException');
  });

  it('show the circuit breaker; with nothing to roll back to, StopServiceDeployment says so', async () => {
    await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'fresh',
        taskDefinition: 'app:1',
        desiredCount: 1,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
      }),
    );
    const [first] = (await list('fresh')).serviceDeployments!;
    expect((await describeDeployment(first!.serviceDeploymentArn!)).deploymentCircuitBreaker).toMatchObject({ status: 'ENABLED', threshold: 3 });
    const error = await errorOf(t.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: first!.serviceDeploymentArn })));
    expect(error.name).toBe('ConflictException');
  });

  it('are forgotten with the service', async () => {
    await t.ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service: 'shop', force: true }));
    t.advance(10_000);
    expect((await list('shop')).serviceDeployments).toEqual([]);
    const described = await t.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [firstArn] }));
    expect(described.failures).toEqual([{ arn: firstArn, reason: 'MISSING' }]);
  });
});
