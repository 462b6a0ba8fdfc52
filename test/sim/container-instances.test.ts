import {
  CreateClusterCommand,
  DeregisterContainerInstanceCommand,
  DescribeContainerInstancesCommand,
  ListContainerInstancesCommand,
  PutAttributesCommand,
  RegisterContainerInstanceCommand,
  UpdateContainerInstancesStateCommand,
  type ContainerInstance,
  type Resource,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecsRegisteredResources, instanceTypeSpec } from '../../source/sim/ec2/instance-types.js';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
  for (const clusterName of ['ci', 'lists', 'states', 'dereg']) await t.ecs.send(new CreateClusterCommand({ clusterName }));
});
afterAll(() => t.close());

let nextHost = 0;

/** What an agent on an EC2 instance sends when it starts. */
async function register(cluster: string, options: { instanceType?: string; az?: string; totalResources?: Resource[] } = {}) {
  const doc = {
    instanceId: `i-${(++nextHost).toString(16).padStart(17, '0')}`,
    instanceType: options.instanceType ?? 't3.medium',
    availabilityZone: options.az ?? 'us-east-1a',
    imageId: 'ami-0123456789abcdef0',
    region: 'us-east-1',
  };
  const out = await t.ecs.send(
    new RegisterContainerInstanceCommand({
      cluster,
      instanceIdentityDocument: JSON.stringify(doc),
      totalResources: options.totalResources,
      tags: [{ key: 'role', value: 'worker' }],
    }),
  );
  return out.containerInstance!;
}

function resource(list: Resource[] | undefined, name: string) {
  const r = list?.find((x) => x.name === name);
  return r?.type === 'STRINGSET' ? r.stringSetValue : r?.integerValue;
}

function attribute(instance: ContainerInstance, name: string) {
  return instance.attributes?.find((a) => a.name === name);
}

describe('RegisterContainerInstance', () => {
  it('registers an instance with the ARN, resources and attributes ECS gives it', async () => {
    const instance = await register('ci');
    expect(instance.containerInstanceArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:container-instance\/ci\/[0-9a-f]{32}$/);
    expect(instance.ec2InstanceId).toBe('i-00000000000000001');
    expect(instance.status).toBe('ACTIVE');
    expect(instance.agentConnected).toBe(true);
    expect(instance.runningTasksCount).toBe(0);
    expect(instance.pendingTasksCount).toBe(0);
    const expected = ecsRegisteredResources(instanceTypeSpec('t3.medium')!);
    expect(resource(instance.registeredResources, 'CPU')).toBe(2048);
    expect(resource(instance.registeredResources, 'MEMORY')).toBe(expected.memory);
    expect(resource(instance.registeredResources, 'PORTS')).toEqual(['22', '2376', '2375', '51678', '51679']);
    expect(resource(instance.registeredResources, 'PORTS_UDP')).toEqual([]);
    expect(instance.remainingResources).toEqual(instance.registeredResources);
    expect(attribute(instance, 'ecs.instance-type')?.value).toBe('t3.medium');
    expect(attribute(instance, 'ecs.availability-zone')?.value).toBe('us-east-1a');
    expect(attribute(instance, 'ecs.ami-id')?.value).toBe('ami-0123456789abcdef0');
    expect(attribute(instance, 'ecs.os-type')?.value).toBe('linux');
    expect(attribute(instance, 'ecs.cpu-architecture')?.value).toBe('x86_64');
    expect(attribute(instance, 'com.amazonaws.ecs.capability.docker-remote-api.1.17')).toEqual({ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.17' });
    expect(attribute(instance, 'com.amazonaws.ecs.capability.docker-remote-api.1.32')).toBeDefined();
    expect(attribute(instance, 'ecs.capability.task-eni')).toBeDefined();
    expect(instance.versionInfo?.agentVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(instance.versionInfo?.dockerVersion).toMatch(/^DockerVersion: /);
    expect(instance.registeredAt).toEqual(new Date(t.clock.now()));
    expect(instance.tags).toEqual([{ key: 'role', value: 'worker' }]);
  });

  it('reports a Graviton host as arm64', async () => {
    const instance = await register('ci', { instanceType: 'm6g.large' });
    expect(attribute(instance, 'ecs.cpu-architecture')?.value).toBe('arm64');
  });

  it("takes the agent's totalResources and reserved ports as given", async () => {
    const instance = await register('ci', {
      totalResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 1500 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679', '8125'] },
      ],
    });
    expect(resource(instance.registeredResources, 'CPU')).toBe(1024);
    expect(resource(instance.registeredResources, 'MEMORY')).toBe(1500);
    expect(resource(instance.registeredResources, 'PORTS')).toContain('8125');
    expect(resource(instance.remainingResources, 'PORTS')).toContain('8125');
  });

  it('refuses what the agent would never send, with the code ECS uses', async () => {
    const noType = await errorOf(
      t.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'ci', instanceIdentityDocument: JSON.stringify({ instanceId: 'i-1' }) })),
    );
    expect(noType.name).toBe('InvalidParameterException');
    expect(noType.message).toMatch(/totalResources must include CPU and MEMORY/);
    const badDoc = await errorOf(t.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'ci', instanceIdentityDocument: '{not json' })));
    expect(badDoc.name).toBe('InvalidParameterException');
    const badCpu = await errorOf(
      t.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'ci', totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: -1 }] })),
    );
    expect(badCpu.name).toBe('InvalidParameterException');
    const gpu = await errorOf(
      t.ecs.send(
        new RegisterContainerInstanceCommand({
          cluster: 'ci',
          totalResources: [
            { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
            { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
            { name: 'GPU', type: 'STRINGSET', stringSetValue: ['GPU-1'] },
          ],
        }),
      ),
    );
    expect(gpu.name).toBe('UnsupportedFeatureException');
    const noCluster = await errorOf(t.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'nowhere' })));
    expect(noCluster.name).toBe('ClusterNotFoundException');
  });

  it('re-registers as the same instance with containerInstanceArn, and refuses an INACTIVE one', async () => {
    const first = await register('ci');
    await t.ecs.send(new PutAttributesCommand({ cluster: 'ci', attributes: [{ name: 'stack', value: 'blue', targetId: first.containerInstanceArn }] }));
    const again = await t.ecs.send(
      new RegisterContainerInstanceCommand({
        cluster: 'ci',
        containerInstanceArn: first.containerInstanceArn,
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 7000 },
        ],
        versionInfo: { agentVersion: '1.97.0', agentHash: 'abcdef01', dockerVersion: 'DockerVersion: 25.0.8' },
      }),
    );
    expect(again.containerInstance?.containerInstanceArn).toBe(first.containerInstanceArn);
    expect(resource(again.containerInstance?.registeredResources, 'CPU')).toBe(4096);
    expect(again.containerInstance?.versionInfo?.agentVersion).toBe('1.97.0');
    expect(again.containerInstance?.version).toBeGreaterThan(first.version!);
    expect(attribute(again.containerInstance!, 'ecs.instance-type')?.value).toBe('t3.medium');
    expect(attribute(again.containerInstance!, 'stack')?.value).toBe('blue');
    const listed = await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'ci' }));
    expect(listed.containerInstanceArns?.filter((a) => a === first.containerInstanceArn)).toHaveLength(1);

    await t.ecs.send(new DeregisterContainerInstanceCommand({ cluster: 'ci', containerInstance: first.containerInstanceArn }));
    const inactive = await errorOf(
      t.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'ci', containerInstanceArn: first.containerInstanceArn })),
    );
    expect(inactive.name).toBe('ClientException');
    expect(inactive.message).toBe(`Container instance ${first.containerInstanceArn!.split('/').pop()} is inactive.`);
  });
});

describe('DescribeContainerInstances', () => {
  it('describes by ID or ARN, with tags and health on request, and names the missing ones', async () => {
    const instance = await register('ci');
    const id = instance.containerInstanceArn!.split('/').pop()!;
    const out = await t.ecs.send(
      new DescribeContainerInstancesCommand({
        cluster: 'ci',
        containerInstances: [id, instance.containerInstanceArn!, '0123456789abcdef0123456789abcdef'],
        include: ['TAGS', 'CONTAINER_INSTANCE_HEALTH'],
      }),
    );
    expect(out.containerInstances?.map((i) => i.containerInstanceArn)).toEqual([instance.containerInstanceArn, instance.containerInstanceArn]);
    expect(out.containerInstances?.[0]?.tags).toEqual([{ key: 'role', value: 'worker' }]);
    expect(out.containerInstances?.[0]?.healthStatus?.overallStatus).toBe('OK');
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/ci/0123456789abcdef0123456789abcdef', reason: 'MISSING' },
    ]);
    const plain = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'ci', containerInstances: [id] }));
    expect(plain.containerInstances?.[0]?.tags).toBeUndefined();
    expect(plain.containerInstances?.[0]?.healthStatus).toBeUndefined();
  });

  it('does not find an instance of another cluster', async () => {
    const instance = await register('ci');
    const out = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'lists', containerInstances: [instance.containerInstanceArn!] }));
    expect(out.containerInstances).toEqual([]);
    expect(out.failures?.[0]?.reason).toBe('MISSING');
  });

  it('needs at least one and at most 100 references', async () => {
    expect((await errorOf(t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'ci', containerInstances: [] })))).name).toBe(
      'InvalidParameterException',
    );
    const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
    expect((await errorOf(t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'ci', containerInstances: many })))).name).toBe(
      'InvalidParameterException',
    );
  });
});

describe('ListContainerInstances', () => {
  let arns: string[];
  beforeAll(async () => {
    const a = await register('lists', { instanceType: 't3.medium', az: 'us-east-1a' });
    const b = await register('lists', { instanceType: 'c6i.large', az: 'us-east-1b' });
    const c = await register('lists', { instanceType: 't3.medium', az: 'us-east-1c' });
    arns = [a, b, c].map((i) => i.containerInstanceArn!);
    await t.ecs.send(new UpdateContainerInstancesStateCommand({ cluster: 'lists', containerInstances: [arns[2]!], status: 'DRAINING' }));
  });

  it('lists every instance that is not INACTIVE, or those of one status', async () => {
    expect((await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'lists' }))).containerInstanceArns).toEqual(arns);
    expect((await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'lists', status: 'DRAINING' }))).containerInstanceArns).toEqual([
      arns[2],
    ]);
    expect((await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'lists', status: 'ACTIVE' }))).containerInstanceArns).toEqual([
      arns[0],
      arns[1],
    ]);
  });

  it('filters with the cluster query language', async () => {
    const byType = await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'lists', filter: 'attribute:ecs.instance-type == t3.medium' }));
    expect(byType.containerInstanceArns).toEqual([arns[0], arns[2]]);
    const byZone = await t.ecs.send(
      new ListContainerInstancesCommand({ cluster: 'lists', filter: 'attribute:ecs.availability-zone in [us-east-1b, us-east-1c]' }),
    );
    expect(byZone.containerInstanceArns).toEqual([arns[1], arns[2]]);
    const both = await t.ecs.send(
      new ListContainerInstancesCommand({
        cluster: 'lists',
        status: 'ACTIVE',
        filter: 'attribute:ecs.instance-type =~ t3.* and attribute:ecs.availability-zone != us-east-1b',
      }),
    );
    expect(both.containerInstanceArns).toEqual([arns[0]]);
    const bad = await errorOf(t.ecs.send(new ListContainerInstancesCommand({ cluster: 'lists', filter: 'attribute:ecs.instance-type ==' })));
    expect(bad.name).toBe('InvalidParameterException');
  });

  it('pages with maxResults and nextToken', async () => {
    const first = await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'lists', maxResults: 2 }));
    expect(first.containerInstanceArns).toEqual(arns.slice(0, 2));
    const second = await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'lists', maxResults: 2, nextToken: first.nextToken }));
    expect(second.containerInstanceArns).toEqual(arns.slice(2));
    expect(second.nextToken).toBeUndefined();
  });

  it('refuses a status it does not filter on and an unknown cluster', async () => {
    const status = await errorOf(t.ecs.send(new ListContainerInstancesCommand({ cluster: 'lists', status: 'SLEEPING' as never })));
    expect(status.name).toBe('InvalidParameterException');
    expect((await errorOf(t.ecs.send(new ListContainerInstancesCommand({ cluster: 'nowhere' })))).name).toBe('ClusterNotFoundException');
  });
});

describe('UpdateContainerInstancesState', () => {
  it('drains and reactivates, bumping the version, and reports unknown instances as failures', async () => {
    const instance = await register('states');
    const drained = await t.ecs.send(
      new UpdateContainerInstancesStateCommand({
        cluster: 'states',
        containerInstances: [instance.containerInstanceArn!, 'ffffffffffffffffffffffffffffffff'],
        status: 'DRAINING',
      }),
    );
    expect(drained.containerInstances?.[0]?.status).toBe('DRAINING');
    expect(drained.containerInstances?.[0]?.version).toBe(instance.version! + 1);
    expect(drained.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/states/ffffffffffffffffffffffffffffffff', reason: 'MISSING' },
    ]);
    const active = await t.ecs.send(
      new UpdateContainerInstancesStateCommand({ cluster: 'states', containerInstances: [instance.containerInstanceArn!], status: 'ACTIVE' }),
    );
    expect(active.containerInstances?.[0]?.status).toBe('ACTIVE');
  });

  it('tells the runtime and the services of the cluster, through the instance event', async () => {
    const instance = await register('states');
    const seen: string[] = [];
    const listener = (i: { containerInstanceArn: string; status: string }) => seen.push(`${i.containerInstanceArn} ${i.status}`);
    t.running.sandbox.events.on('instance', listener);
    try {
      await t.ecs.send(
        new UpdateContainerInstancesStateCommand({ cluster: 'states', containerInstances: [instance.containerInstanceArn!], status: 'DRAINING' }),
      );
    } finally {
      t.running.sandbox.events.off('instance', listener);
    }
    expect(seen).toEqual([`${instance.containerInstanceArn} DRAINING`]);
  });

  it('only moves between ACTIVE and DRAINING', async () => {
    const instance = await register('states');
    const bad = await errorOf(
      t.ecs.send(
        new UpdateContainerInstancesStateCommand({ cluster: 'states', containerInstances: [instance.containerInstanceArn!], status: 'INACTIVE' as never }),
      ),
    );
    expect(bad.name).toBe('InvalidParameterException');
    await t.ecs.send(new DeregisterContainerInstanceCommand({ cluster: 'states', containerInstance: instance.containerInstanceArn }));
    const gone = await t.ecs.send(
      new UpdateContainerInstancesStateCommand({ cluster: 'states', containerInstances: [instance.containerInstanceArn!], status: 'ACTIVE' }),
    );
    expect(gone.containerInstances).toEqual([]);
    expect(gone.failures?.[0]).toMatchObject({ arn: instance.containerInstanceArn, reason: 'INACTIVE' });
    const tooMany = Array.from({ length: 11 }, (_, i) => i.toString(16).padStart(32, '0'));
    expect(
      (await errorOf(t.ecs.send(new UpdateContainerInstancesStateCommand({ cluster: 'states', containerInstances: tooMany, status: 'ACTIVE' })))).name,
    ).toBe('InvalidParameterException');
  });
});

describe('DeregisterContainerInstance', () => {
  it('makes an idle instance INACTIVE: still described, no longer listed', async () => {
    const instance = await register('dereg');
    const out = await t.ecs.send(new DeregisterContainerInstanceCommand({ cluster: 'dereg', containerInstance: instance.containerInstanceArn }));
    expect(out.containerInstance?.status).toBe('INACTIVE');
    expect(out.containerInstance?.agentConnected).toBe(false);
    const listed = await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'dereg' }));
    expect(listed.containerInstanceArns).not.toContain(instance.containerInstanceArn);
    const described = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'dereg', containerInstances: [instance.containerInstanceArn!] }));
    expect(described.containerInstances?.[0]?.status).toBe('INACTIVE');
  });

  it('refuses an unknown instance', async () => {
    const error = await errorOf(
      t.ecs.send(new DeregisterContainerInstanceCommand({ cluster: 'dereg', containerInstance: '0123456789abcdef0123456789abcdef' })),
    );
    expect(error.name).toBe('InvalidParameterException');
    const noCluster = await errorOf(
      t.ecs.send(new DeregisterContainerInstanceCommand({ cluster: 'nowhere', containerInstance: '0123456789abcdef0123456789abcdef' })),
    );
    expect(noCluster.name).toBe('ClusterNotFoundException');
  });
});
