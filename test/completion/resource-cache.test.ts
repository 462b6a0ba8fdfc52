import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '../../source/commands/index.js';
import { ResourceCache, resourcesChangedBy } from '../../source/completion/index.js';

/** A provider whose answers the test releases one by one, recording what was asked. */
function controlledProvider() {
  const calls: { kind: ResourceKind; cluster?: string; resolve: (names: string[]) => void; reject: (error: Error) => void }[] = [];
  const provider = (kind: ResourceKind, scope: { cluster?: string }) =>
    new Promise<string[]>((resolve, reject) => calls.push({ kind, ...scope, resolve, reject }));
  return { calls, provider };
}

/** Lets settled promises run their continuations. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(ttlMs = 5_000) {
  let now = 1_000;
  let scope = 'sandbox';
  const { calls, provider } = controlledProvider();
  const cache = new ResourceCache({ provider, ttlMs, now: () => now, scopeKey: () => scope });
  return {
    cache,
    calls,
    advance: (ms: number) => (now += ms),
    setScope: (s: string) => (scope = s),
  };
}

describe('resource cache', () => {
  it('fetches on the first lookup without waiting, and serves the names for the TTL', async () => {
    const t = setup();
    expect(t.cache.lookup('cluster')).toEqual({ values: [], loading: true });
    expect(t.calls).toHaveLength(1);
    t.calls[0]!.resolve(['demo', 'prod']);
    await settle();
    expect(t.cache.lookup('cluster')).toEqual({ values: ['demo', 'prod'], loading: false });
    t.advance(4_999);
    expect(await t.cache.get('cluster')).toEqual(['demo', 'prod']);
    expect(t.calls).toHaveLength(1);
  });

  it('shares one fetch between lookups made while it runs', async () => {
    const t = setup();
    t.cache.lookup('task', 'demo');
    t.cache.lookup('task', 'demo');
    const waiting = t.cache.get('task', 'demo');
    expect(t.calls).toHaveLength(1);
    t.calls[0]!.resolve(['a1']);
    expect(await waiting).toEqual(['a1']);
  });

  it('after the TTL, answers with the old names at once and refreshes in the background', async () => {
    const t = setup();
    const first = t.cache.get('cluster');
    t.calls[0]!.resolve(['demo']);
    await first;
    t.advance(5_000);
    expect(await t.cache.get('cluster')).toEqual(['demo']);
    expect(t.calls).toHaveLength(2);
    expect(t.cache.lookup('cluster')).toEqual({ values: ['demo'], loading: true });
    t.calls[1]!.resolve(['demo', 'new']);
    await settle();
    expect(t.cache.lookup('cluster').values).toEqual(['demo', 'new']);
  });

  it('after a command changes a kind, waits for fresh names instead of serving the old ones', async () => {
    const t = setup();
    const first = t.cache.get('cluster');
    t.calls[0]!.resolve(['demo']);
    await first;
    expect(t.cache.invalidateAfter('ecs', 'CreateCluster')).toEqual(['cluster', 'resource-arn']);
    const fresh = t.cache.get('cluster');
    expect(t.calls).toHaveLength(2);
    t.calls[1]!.resolve(['demo', 'web']);
    expect(await fresh).toEqual(['demo', 'web']);
  });

  it('drops the answer of a fetch that started before the invalidation', async () => {
    const t = setup();
    t.cache.lookup('service', 'demo');
    t.cache.invalidate('service');
    t.cache.lookup('service', 'demo');
    expect(t.calls).toHaveLength(2);
    t.calls[1]!.resolve(['web', 'api']);
    await settle();
    t.calls[0]!.resolve(['web']);
    await settle();
    expect(t.cache.lookup('service', 'demo').values).toEqual(['web', 'api']);
  });

  it('invalidates only the kinds a command changed', async () => {
    const t = setup();
    const clusters = t.cache.get('cluster');
    const families = t.cache.get('task-definition-family');
    t.calls[0]!.resolve(['demo']);
    t.calls[1]!.resolve(['nginx']);
    await Promise.all([clusters, families]);
    t.cache.invalidateAfter('ecs', 'RunTask');
    t.cache.lookup('cluster');
    t.cache.lookup('task-definition-family');
    expect(t.calls).toHaveLength(2);
    t.cache.invalidateAfter('ecs', 'RegisterTaskDefinition');
    t.cache.lookup('task-definition-family');
    expect(t.calls.map((c) => c.kind)).toEqual(['cluster', 'task-definition-family', 'task-definition-family']);
  });

  it('keeps services, tasks and container instances per cluster, other kinds once', async () => {
    const t = setup();
    t.cache.lookup('service', 'demo');
    t.cache.lookup('service', 'prod');
    t.cache.lookup('cluster', 'demo');
    t.cache.lookup('cluster', 'prod');
    expect(t.calls.map((c) => [c.kind, c.cluster])).toEqual([
      ['service', 'demo'],
      ['service', 'prod'],
      ['cluster', undefined],
    ]);
  });

  it('keeps each backend and region apart', async () => {
    const t = setup();
    const sandbox = t.cache.get('cluster');
    t.calls[0]!.resolve(['local']);
    await sandbox;
    t.setScope('aws:prod@eu-west-1');
    expect(t.cache.lookup('cluster')).toEqual({ values: [], loading: true });
    t.calls[1]!.resolve(['real']);
    await settle();
    expect(t.cache.lookup('cluster').values).toEqual(['real']);
    t.setScope('sandbox');
    expect(t.cache.lookup('cluster').values).toEqual(['local']);
  });

  it('reports a failed fetch, keeps the old names and asks again only after the TTL', async () => {
    const t = setup();
    const first = t.cache.get('cluster');
    t.calls[0]!.resolve(['demo']);
    await first;
    t.advance(5_000);
    t.cache.lookup('cluster');
    t.calls[1]!.reject(new Error('ExpiredToken: the security token expired'));
    await settle();
    expect(t.cache.lookup('cluster')).toEqual({ values: ['demo'], loading: false, error: 'ExpiredToken: the security token expired' });
    expect(t.calls).toHaveLength(2);
    t.advance(5_000);
    t.cache.lookup('cluster');
    expect(t.calls).toHaveLength(3);
  });

  it('rejects a wait for names whose fetch fails', async () => {
    const t = setup();
    const waiting = t.cache.get('vpc');
    t.calls[0]!.reject(new Error('UnauthorizedOperation'));
    await expect(waiting).rejects.toThrow('UnauthorizedOperation');
  });

  it('tells subscribers when names land, until they unsubscribe', async () => {
    const t = setup();
    const heard: [ResourceKind, string | undefined][] = [];
    const unsubscribe = t.cache.subscribe((kind, cluster) => heard.push([kind, cluster]));
    t.cache.lookup('task', 'demo');
    t.calls[0]!.resolve(['t1']);
    await settle();
    unsubscribe();
    t.cache.refresh('task', 'demo');
    t.calls[1]!.resolve(['t1', 't2']);
    await settle();
    expect(heard).toEqual([['task', 'demo']]);
  });
});

describe('what commands change', () => {
  it('maps mutating ECS and EC2 operations to the lists they make stale', () => {
    expect(resourcesChangedBy('ecs', 'CreateService')).toEqual(['service', 'task', 'resource-arn']);
    expect(resourcesChangedBy('ecs', 'DeregisterTaskDefinition')).toEqual(['task-definition', 'task-definition-family', 'resource-arn']);
    expect(resourcesChangedBy('ec2', 'RunInstances')).toEqual(['ec2-instance', 'container-instance', 'resource-arn']);
    expect(resourcesChangedBy('ec2', 'DeregisterImage')).toEqual(['image']);
    expect(resourcesChangedBy('ecs', 'DescribeClusters')).toEqual([]);
    expect(resourcesChangedBy('s3', 'CreateBucket')).toEqual([]);
  });
});
