import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  ListClustersCommand,
  UpdateClusterSettingsCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

describe('clusters', () => {
  it('creates a cluster with the ARN ECS forms, idempotently', async () => {
    const first = await t.ecs.send(new CreateClusterCommand({ clusterName: 'web', tags: [{ key: 'team', value: 'a' }] }));
    expect(first.cluster?.clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/web');
    expect(first.cluster?.status).toBe('ACTIVE');
    const again = await t.ecs.send(new CreateClusterCommand({ clusterName: 'web' }));
    expect(again.cluster?.clusterArn).toBe(first.cluster?.clusterArn);
  });

  it('names the default cluster "default" when no name is given', async () => {
    const out = await t.ecs.send(new CreateClusterCommand({}));
    expect(out.cluster?.clusterName).toBe('default');
  });

  it('refuses an invalid name with InvalidParameterException', async () => {
    const error = await errorOf(t.ecs.send(new CreateClusterCommand({ clusterName: 'bad name!' })));
    expect(error.name).toBe('InvalidParameterException');
  });

  it('describes known clusters and reports the missing ones as failures', async () => {
    const out = await t.ecs.send(new DescribeClustersCommand({ clusters: ['web', 'ghost'], include: ['TAGS'] }));
    expect(out.clusters?.map((c) => c.clusterName)).toEqual(['web']);
    expect(out.clusters?.[0]?.tags).toEqual([{ key: 'team', value: 'a' }]);
    expect(out.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/ghost', reason: 'MISSING' }]);
  });

  it('keeps regions apart', async () => {
    const other = await startTestSandbox();
    try {
      const { ECSClient } = await import('@aws-sdk/client-ecs');
      const west = new ECSClient({ endpoint: other.running.url, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      await west.send(new CreateClusterCommand({ clusterName: 'eu' }));
      const east = await other.ecs.send(new ListClustersCommand({}));
      const westList = await west.send(new ListClustersCommand({}));
      expect(east.clusterArns).toEqual([]);
      expect(westList.clusterArns).toEqual(['arn:aws:ecs:eu-west-1:123456789012:cluster/eu']);
      west.destroy();
    } finally {
      await other.close();
    }
  });

  it('pages ListClusters with nextToken and maxResults', async () => {
    for (const name of ['p1', 'p2', 'p3']) await t.ecs.send(new CreateClusterCommand({ clusterName: name }));
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.ecs.send(new ListClustersCommand({ maxResults: 2, nextToken }));
      expect(page.clusterArns!.length).toBeLessThanOrEqual(2);
      seen.push(...page.clusterArns!);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('arn:aws:ecs:us-east-1:123456789012:cluster/p3');
  });

  it('updates settings', async () => {
    const out = await t.ecs.send(
      new UpdateClusterSettingsCommand({ cluster: 'web', settings: [{ name: 'containerInsights', value: 'enabled' }] }),
    );
    expect(out.cluster?.settings).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
  });

  it('deletes a cluster: INACTIVE, then gone from the list; a missing one is ClusterNotFoundException', async () => {
    const out = await t.ecs.send(new DeleteClusterCommand({ cluster: 'p1' }));
    expect(out.cluster?.status).toBe('INACTIVE');
    const list = await t.ecs.send(new ListClustersCommand({}));
    expect(list.clusterArns).not.toContain(out.cluster?.clusterArn);
    const error = await errorOf(t.ecs.send(new DeleteClusterCommand({ cluster: 'nope' })));
    expect(error.name).toBe('ClusterNotFoundException');
    expect(error.message).toBe('Cluster not found.');
  });

  it('lists STATISTICS by launch type as ECS does, when asked', async () => {
    await clusterWithInstances(t, 'stats', ['us-east-1a']);
    await registerDefinition(t, { family: 'stats' });
    await t.ecs.send(new CreateServiceCommand({ cluster: 'stats', serviceName: 'web', taskDefinition: 'stats', desiredCount: 2 }));
    await t.ecs.send(new CreateServiceCommand({ cluster: 'stats', serviceName: 'old', taskDefinition: 'stats', desiredCount: 1 }));
    t.advance(100);
    const statistics = async () => {
      const out = await t.ecs.send(new DescribeClustersCommand({ clusters: ['stats'], include: ['STATISTICS'] }));
      return Object.fromEntries(out.clusters![0]!.statistics!.map((s) => [s.name, s.value]));
    };
    const pending = await statistics();
    expect(Object.keys(pending)).toEqual([
      'runningEC2TasksCount',
      'runningFargateTasksCount',
      'pendingEC2TasksCount',
      'pendingFargateTasksCount',
      'runningExternalTasksCount',
      'pendingExternalTasksCount',
      'runningManagedInstancesTasksCount',
      'pendingManagedInstancesTasksCount',
      'activeEC2ServiceCount',
      'activeFargateServiceCount',
      'drainingEC2ServiceCount',
      'drainingFargateServiceCount',
      'activeExternalServiceCount',
      'drainingExternalServiceCount',
      'activeManagedInstancesServiceCount',
      'drainingManagedInstancesServiceCount',
    ]);
    const counted = (stats: Record<string, string | undefined>) => Object.entries(stats).filter(([, value]) => value !== '0');
    expect(counted(pending)).toEqual([
      ['pendingEC2TasksCount', '3'],
      ['activeEC2ServiceCount', '2'],
    ]);
    t.advance(10_000);
    await t.ecs.send(new DeleteServiceCommand({ cluster: 'stats', service: 'old', force: true }));
    expect(counted(await statistics())).toEqual([
      ['runningEC2TasksCount', '3'],
      ['activeEC2ServiceCount', '1'],
      ['drainingEC2ServiceCount', '1'],
    ]);
    t.advance(10_000);
    expect(counted(await statistics())).toEqual([
      ['runningEC2TasksCount', '2'],
      ['activeEC2ServiceCount', '1'],
    ]);
    const plain = await t.ecs.send(new DescribeClustersCommand({ clusters: ['stats'] }));
    expect(plain.clusters![0]!.statistics).toEqual([]);
  });
});
