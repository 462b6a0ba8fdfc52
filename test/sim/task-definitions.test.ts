import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type ContainerDefinition,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

const web: ContainerDefinition = { name: 'web', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80 }] };
const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

function register(input: Partial<RegisterTaskDefinitionCommandInput> & { family: string }) {
  return t.ecs.send(new RegisterTaskDefinitionCommand({ containerDefinitions: [web], ...input }));
}

async function refusal(input: Partial<RegisterTaskDefinitionCommandInput> & { family: string }) {
  const error = await errorOf(register(input));
  return { code: error.name, message: error.message };
}

describe('RegisterTaskDefinition', () => {
  it('registers revision 1 with the ARN, defaults and compatibilities ECS gives', async () => {
    const { taskDefinition: def } = await register({ family: 'nginx' });
    expect(def?.taskDefinitionArn).toBe(`${ARN}/nginx:1`);
    expect(def?.revision).toBe(1);
    expect(def?.status).toBe('ACTIVE');
    expect(def?.networkMode).toBe('bridge');
    expect(def?.compatibilities).toEqual(['EXTERNAL', 'EC2']);
    expect(def?.registeredBy).toBe('arn:aws:iam::123456789012:root');
    expect(def?.registeredAt).toEqual(new Date(t.clock.now()));
    expect(def?.containerDefinitions?.[0]).toMatchObject({
      name: 'web',
      image: 'nginx:1.27',
      cpu: 0,
      memory: 128,
      essential: true,
      environment: [],
      mountPoints: [],
      volumesFrom: [],
      portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
    });
    expect(def?.requiresAttributes).toContainEqual({ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' });
  });

  it('numbers revisions upward per family', async () => {
    const second = await register({ family: 'nginx' });
    expect(second.taskDefinition?.revision).toBe(2);
    const other = await register({ family: 'other' });
    expect(other.taskDefinition?.revision).toBe(1);
  });

  it('converts task cpu and memory given in vCPU and GB, and returns the tags', async () => {
    const out = await register({ family: 'sized', cpu: '0.5 vCPU', memory: '1 GB', tags: [{ key: 'team', value: 'web' }] });
    expect(out.taskDefinition?.cpu).toBe('512');
    expect(out.taskDefinition?.memory).toBe('1024');
    expect(out.tags).toEqual([{ key: 'team', value: 'web' }]);
  });

  it('settles host ports: the container port in awsvpc and host mode', async () => {
    const out = await register({ family: 'vpc', networkMode: 'awsvpc', cpu: '256', memory: '512' });
    expect(out.taskDefinition?.containerDefinitions?.[0]?.portMappings).toEqual([{ containerPort: 80, hostPort: 80, protocol: 'tcp' }]);
    expect(out.taskDefinition?.compatibilities).toEqual(['EC2', 'FARGATE']);
    expect(out.taskDefinition?.requiresAttributes).toContainEqual({ name: 'ecs.capability.task-eni' });
  });

  it('accepts a Fargate definition with a valid size', async () => {
    const out = await register({
      family: 'fargate',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '1024',
      memory: '3072',
      containerDefinitions: [{ name: 'app', image: 'app' }],
    });
    expect(out.taskDefinition?.requiresCompatibilities).toEqual(['FARGATE']);
  });

  it('refuses bad names and images with ECS messages', async () => {
    expect(await refusal({ family: 'bad name' })).toEqual({ code: 'ClientException', message: 'Family contains invalid characters.' });
    expect(await refusal({ family: 'x', containerDefinitions: [{ ...web, name: 'a b' }] })).toEqual({
      code: 'ClientException',
      message: 'Container.name contains invalid characters.',
    });
    expect(await refusal({ family: 'x', containerDefinitions: [{ name: 'a', memory: 64 } as ContainerDefinition] })).toEqual({
      code: 'ClientException',
      message: 'Container.image should not be null or empty.',
    });
    expect(await refusal({ family: 'x', containerDefinitions: [web, { ...web, portMappings: [] }] })).toEqual({
      code: 'ClientException',
      message: 'Container names must be unique within a Task Definition.',
    });
    expect(await refusal({ family: 'x', containerDefinitions: [] })).toEqual({ code: 'ClientException', message: 'Container list cannot be empty.' });
  });

  it('needs memory somewhere for EC2', async () => {
    const { memory: _memory, ...noMemory } = web;
    expect(await refusal({ family: 'x', containerDefinitions: [noMemory] })).toEqual({
      code: 'ClientException',
      message: "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.",
    });
    const withTaskMemory = await register({ family: 'task-memory', memory: '256', containerDefinitions: [noMemory] });
    expect(withTaskMemory.taskDefinition?.memory).toBe('256');
    const soft = await register({ family: 'soft', containerDefinitions: [{ ...noMemory, memoryReservation: 64 }] });
    expect(soft.taskDefinition?.requiresAttributes).toContainEqual({ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.21' });
  });

  it('checks memory and cpu against each other and the task', async () => {
    expect((await refusal({ family: 'x', containerDefinitions: [{ ...web, memoryReservation: 256 }] })).message).toMatch(
      /'memory' must be greater than or equal to 'memoryReservation'/,
    );
    expect(await refusal({ family: 'x', memory: '64' })).toEqual({
      code: 'ClientException',
      message: "The 'memory' setting for container 'web' is greater than for the task.",
    });
    expect(await refusal({ family: 'x', cpu: '256', containerDefinitions: [{ ...web, cpu: 512 }] })).toEqual({
      code: 'ClientException',
      message: "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
    });
    expect(await refusal({ family: 'x', cpu: 'lots' })).toEqual({ code: 'ClientException', message: "Invalid 'cpu' setting for task." });
  });

  it('applies port mapping rules per network mode', async () => {
    const mismatch = { ...web, portMappings: [{ containerPort: 80, hostPort: 8080 }] };
    expect(await refusal({ family: 'x', networkMode: 'awsvpc', containerDefinitions: [mismatch] })).toEqual({
      code: 'ClientException',
      message: 'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
    });
    expect((await refusal({ family: 'x', networkMode: 'host', containerDefinitions: [mismatch] })).message).toMatch(/networkMode=host/);
    const twice = [mismatch, { ...mismatch, name: 'other' }];
    expect(await refusal({ family: 'x', containerDefinitions: twice })).toEqual({
      code: 'ClientException',
      message: "TCP host port '8080' is mapped multiple times in task.",
    });
    expect(await refusal({ family: 'x', containerDefinitions: [{ ...web, portMappings: [{ hostPort: 80 }] }] })).toEqual({
      code: 'ClientException',
      message: "Invalid 'containerPort' setting for container 'web'.",
    });
    const invalidMode = await errorOf(register({ family: 'x', networkMode: 'overlay' as never }));
    expect(invalidMode.name).toBe('ClientException');
  });

  it('checks volumes and the references to them', async () => {
    const mounted = { ...web, mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] };
    expect(await refusal({ family: 'x', containerDefinitions: [mounted] })).toEqual({ code: 'ClientException', message: "Unknown volume 'data'." });
    const ok = await register({ family: 'volumes', containerDefinitions: [mounted], volumes: [{ name: 'data', host: { sourcePath: '/srv' } }] });
    expect(ok.taskDefinition?.volumes).toEqual([{ name: 'data', host: { sourcePath: '/srv' } }]);
  });

  it('applies Fargate requirements', async () => {
    const base = { requiresCompatibilities: ['FARGATE' as const], containerDefinitions: [{ name: 'app', image: 'app' }] };
    expect(await refusal({ family: 'x', ...base, cpu: '256', memory: '512' })).toEqual({
      code: 'ClientException',
      message: 'Fargate only supports network mode ‘awsvpc’.',
    });
    expect(await refusal({ family: 'x', ...base, networkMode: 'awsvpc', memory: '512' })).toEqual({
      code: 'ClientException',
      message: "Fargate requires that 'cpu' be defined at the task level.",
    });
    expect((await refusal({ family: 'x', ...base, networkMode: 'awsvpc', cpu: '256', memory: '4096' })).message).toMatch(
      /^No Fargate configuration exists for given values: 256 CPU, 4096 memory/,
    );
  });
});

describe('DescribeTaskDefinition', () => {
  it('finds a family (latest ACTIVE), family:revision and the ARN; includes tags on request', async () => {
    const latest = await t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nginx' }));
    expect(latest.taskDefinition?.revision).toBe(2);
    expect(latest.tags).toBeUndefined();
    const first = await t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nginx:1' }));
    expect(first.taskDefinition?.revision).toBe(1);
    const byArn = await t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${ARN}/sized:1`, include: ['TAGS'] }));
    expect(byArn.tags).toEqual([{ key: 'team', value: 'web' }]);
  });

  it('answers ClientException for a definition that does not exist', async () => {
    for (const ref of ['ghost', 'nginx:99']) {
      const error = await errorOf(t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref })));
      expect([error.name, error.message]).toEqual(['ClientException', 'Unable to describe task definition.']);
    }
  });
});

describe('DeregisterTaskDefinition', () => {
  it('marks a revision INACTIVE; a bare family falls back to the latest ACTIVE one', async () => {
    await register({ family: 'retire' });
    await register({ family: 'retire' });
    t.advance(5000);
    const out = await t.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'retire:2' }));
    expect(out.taskDefinition?.status).toBe('INACTIVE');
    expect(out.taskDefinition?.deregisteredAt).toEqual(new Date(t.clock.now()));
    const latest = await t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'retire' }));
    expect(latest.taskDefinition?.revision).toBe(1);
    const inactive = await t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'retire:2' }));
    expect(inactive.taskDefinition?.status).toBe('INACTIVE');
  });

  it('needs a revision, and an existing one', async () => {
    const bare = await errorOf(t.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'retire' })));
    expect([bare.name, bare.message]).toEqual(['ClientException', 'Invalid revision number. Number: retire']);
    const missing = await errorOf(t.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'retire:9' })));
    expect(missing.name).toBe('ClientException');
  });
});

describe('ListTaskDefinitions and ListTaskDefinitionFamilies', () => {
  it('lists ACTIVE revisions by family and revision, DESC on request, for one whole family', async () => {
    const all = await t.ecs.send(new ListTaskDefinitionsCommand({}));
    expect(all.taskDefinitionArns).toContain(`${ARN}/nginx:2`);
    expect(all.taskDefinitionArns).not.toContain(`${ARN}/retire:2`);
    const nginx = await t.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'nginx' }));
    expect(nginx.taskDefinitionArns).toEqual([`${ARN}/nginx:1`, `${ARN}/nginx:2`]);
    const desc = await t.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'nginx', sort: 'DESC' }));
    expect(desc.taskDefinitionArns).toEqual([`${ARN}/nginx:2`, `${ARN}/nginx:1`]);
    const prefixOnly = await t.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'ngi' }));
    expect(prefixOnly.taskDefinitionArns).toEqual([]);
    const inactive = await t.ecs.send(new ListTaskDefinitionsCommand({ status: 'INACTIVE' }));
    expect(inactive.taskDefinitionArns).toEqual([`${ARN}/retire:2`]);
  });

  it('pages with maxResults and nextToken', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.ecs.send(new ListTaskDefinitionsCommand({ maxResults: 3, nextToken }));
      expect(page.taskDefinitionArns!.length).toBeLessThanOrEqual(3);
      seen.push(...page.taskDefinitionArns!);
      nextToken = page.nextToken;
    } while (nextToken);
    const all = await t.ecs.send(new ListTaskDefinitionsCommand({}));
    expect(seen).toEqual(all.taskDefinitionArns);
    const bad = await errorOf(t.ecs.send(new ListTaskDefinitionsCommand({ maxResults: 101 })));
    expect(bad.name).toBe('InvalidParameterException');
  });

  it('lists families by prefix and status', async () => {
    const active = await t.ecs.send(new ListTaskDefinitionFamiliesCommand({ familyPrefix: 'n' }));
    expect(active.families).toEqual(['nginx']);
    await t.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'other:1' }));
    const inactive = await t.ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'INACTIVE' }));
    expect(inactive.families).toEqual(['other']);
    const all = await t.ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'ALL', familyPrefix: 'o' }));
    expect(all.families).toEqual(['other']);
  });
});

describe('DeleteTaskDefinitions', () => {
  it('deletes only INACTIVE revisions and reports the others as failures', async () => {
    const out = await t.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: ['retire:2', 'retire:1', 'ghost:1', 'retire'] }));
    expect(out.taskDefinitions?.map((d) => [d.taskDefinitionArn, d.status])).toEqual([[`${ARN}/retire:2`, 'DELETE_IN_PROGRESS']]);
    expect(out.failures?.map((f) => [f.arn, f.reason])).toEqual([
      [`${ARN}/retire:1`, 'TASK_DEFINITION_NOT_INACTIVE'],
      [`${ARN}/ghost:1`, 'MISSING'],
      ['retire', 'INVALID_REVISION'],
    ]);
  });

  it('keeps a deleted revision DELETE_IN_PROGRESS for a while, listed and described', async () => {
    t.advance(60_000);
    const listed = await t.ecs.send(new ListTaskDefinitionsCommand({ status: 'DELETE_IN_PROGRESS' }));
    expect(listed.taskDefinitionArns).toEqual([`${ARN}/retire:2`]);
    const described = await t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'retire:2' }));
    expect(described.taskDefinition).toMatchObject({ status: 'DELETE_IN_PROGRESS', deleteRequestedAt: expect.any(Date) });
    const families = await t.ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'ALL', familyPrefix: 'retire' }));
    expect(families.families).toEqual(['retire']);
  });

  it('forgets a deleted revision once nothing uses it, and never hands its number out again', async () => {
    t.advance(10 * 60_000);
    const gone = await errorOf(t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'retire:2' })));
    expect(gone.name).toBe('ClientException');
    expect((await t.ecs.send(new ListTaskDefinitionsCommand({ status: 'DELETE_IN_PROGRESS' }))).taskDefinitionArns).toEqual([]);
    await t.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'retire:1' }));
    await t.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: ['retire:1'] }));
    t.advance(10 * 60_000);
    const next = await register({ family: 'retire' });
    expect(next.taskDefinition?.revision).toBe(3);
  });
});
