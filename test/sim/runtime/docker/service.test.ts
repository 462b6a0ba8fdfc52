import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../../../source/sim/runtime/docker/index.js';
import {
  clusterContainers,
  describeTasks,
  docker,
  engine,
  eventually,
  startDockerCluster,
  taskReaches,
  uniqueName,
  type DockerSandbox,
} from './docker-fixtures.js';

describe.skipIf(!engine.docker)(`a service on the Docker runtime${engine.skipped}`, () => {
  const cluster = uniqueName('docker-service');
  const family = uniqueName('web');
  let t: DockerSandbox;
  let twin: string;

  const webDefinition = () =>
    new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: [{ name: 'web', image: 'ecsh/web', memory: 64, portMappings: [{ containerPort: 80, hostPort: 0 }], stopTimeout: 5 }],
    });

  /** The service's tasks that are RUNNING, once there are `count` and no others. */
  const runningTasks = (count: number, revision: string) =>
    eventually(async () => {
      const listed = await t.ecs.send(new ListTasksCommand({ cluster, serviceName: 'web' }));
      const tasks = await describeTasks(t, cluster, listed.taskArns ?? []);
      const running = tasks.filter((task) => task.lastStatus === 'RUNNING' && task.taskDefinitionArn!.endsWith(`:${revision}`));
      return running.length === count && tasks.length === count ? running : undefined;
    }, `${count} running tasks of revision ${revision}`);

  beforeAll(async () => {
    ({ t, twin } = await startDockerCluster(cluster));
    await t.ecs.send(webDefinition());
    await t.ecs.send(new CreateServiceCommand({ cluster, serviceName: 'web', taskDefinition: family, desiredCount: 3 }));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('runs one container per task, named and labelled as the ECS agent does', async () => {
    const tasks = await runningTasks(3, '1');
    const containers = (await clusterContainers(cluster)).filter((c) => c.State === 'running');
    expect(containers).toHaveLength(3);
    for (const task of tasks) {
      const container = containers.find((c) => c.Labels[LABEL.taskArn] === task.taskArn)!;
      expect(container.Id).toBe(task.containers![0]!.runtimeId);
      expect(container.Names[0]).toMatch(new RegExp(`^/ecs-${family}-1-web-[0-9a-f]{20}$`));
      expect(container.Labels).toMatchObject({
        [LABEL.cluster]: cluster,
        [LABEL.containerName]: 'web',
        [LABEL.family]: family,
        [LABEL.version]: '1',
      });
    }
  });

  it("publishes each task's port on its instance's address, at the port Docker chose", async () => {
    const tasks = await runningTasks(3, '1');
    const ports = new Set<number>();
    for (const task of tasks) {
      const [binding] = task.containers![0]!.networkBindings!;
      const inspected = await docker().getContainer(task.containers![0]!.runtimeId!).inspect();
      expect(binding).toMatchObject({ bindIP: twin, containerPort: 80, protocol: 'tcp' });
      expect(String(binding!.hostPort)).toBe(inspected.NetworkSettings.Ports['80/tcp']![0]!.HostPort);
      const page = await (await fetch(`http://${binding!.bindIP}:${binding!.hostPort}/`)).text();
      expect(page).toContain('Welcome to nginx!');
      expect(page).toContain(`in container ${inspected.Config.Hostname}`);
      ports.add(binding!.hostPort!);
    }
    expect(ports.size).toBe(3);
    // The instance's books count the ports Docker chose, not the ones the scheduler had picked.
    const [instanceArn] = (await t.ecs.send(new ListContainerInstancesCommand({ cluster }))).containerInstanceArns!;
    const described = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [instanceArn!] }));
    const inUse = described.containerInstances![0]!.remainingResources!.find((r) => r.name === 'PORTS')!.stringSetValue!.map(Number);
    expect(inUse).toEqual(expect.arrayContaining([...ports]));
    expect(t.notices.filter((n) => n.includes('counts as another task'))).toEqual([]);
  });

  it('answers on the agent API with the tasks and containers the API shows', async () => {
    const tasks = await runningTasks(3, '1');
    const listed = (await (await fetch(`http://${twin}:51678/v1/tasks`)).json()) as { Tasks: Array<{ Arn: string; KnownStatus: string; Family: string; Containers: Array<{ DockerId: string; DockerName: string; Name: string }> }> };
    for (const task of tasks) {
      const entry = listed.Tasks.find((e) => e.Arn === task.taskArn)!;
      const container = await docker().getContainer(task.containers![0]!.runtimeId!).inspect();
      expect(entry).toMatchObject({ KnownStatus: 'RUNNING', Family: family });
      expect(entry.Containers).toEqual([expect.objectContaining({ DockerId: container.Id, DockerName: container.Name.slice(1), Name: 'web' })]);
      const byId = (await (await fetch(`http://${twin}:51678/v1/tasks?dockerid=${container.Id.slice(0, 12)}`)).json()) as { Arn: string };
      expect(byId.Arn).toBe(task.taskArn);
    }
  });

  it('sees a container killed from outside: the task stops with its exit code and the service replaces it', async () => {
    const [victim] = await runningTasks(3, '1');
    await docker().getContainer(victim!.containers![0]!.runtimeId!).kill();
    const stopped = await taskReaches(t, cluster, victim!.taskArn!, 'STOPPED');
    expect(stopped.stoppedReason).toBe('Essential container in task exited');
    expect(stopped.containers![0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 137 });
    const replaced = await runningTasks(3, '1');
    expect(replaced.map((task) => task.taskArn)).not.toContain(victim!.taskArn);
    expect(await clusterContainers(cluster)).toHaveLength(3);
  });

  it('deploys a new revision by starting its containers before stopping the old ones', async () => {
    await runningTasks(3, '1');
    const events = await docker().getEvents({ filters: { type: ['container'], label: [`${LABEL.cluster}=${cluster}`] } });
    const seen: Array<{ action: string; version: string; id: string }> = [];
    events.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const event = JSON.parse(line) as { Action: string; Actor: { ID: string; Attributes: Record<string, string> } };
        seen.push({ action: event.Action, version: event.Actor.Attributes[LABEL.version]!, id: event.Actor.ID });
      }
    });
    try {
      await t.ecs.send(webDefinition());
      await t.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` }));
      await runningTasks(3, '2');
      await eventually(async () => ((await clusterContainers(cluster)).length === 3 ? true : undefined), 'the old containers to be removed');
    } finally {
      (events as NodeJS.ReadableStream & { destroy(): void }).destroy();
    }
    const started = new Set<string>();
    const stopping = new Set<string>();
    for (const event of seen) {
      if (event.version === '2' && event.action === 'start') started.add(event.id);
      if (event.version === '1' && (event.action === 'kill' || event.action === 'die') && !stopping.has(event.id)) {
        stopping.add(event.id);
        expect(started.size, 'new containers running when an old one is stopped').toBeGreaterThanOrEqual(stopping.size);
      }
    }
    expect(started.size).toBe(3);
    expect(stopping.size).toBe(3);
  });

  it('leaves no container behind once the service is deleted', async () => {
    await t.ecs.send(new DeleteServiceCommand({ cluster, service: 'web', force: true }));
    await eventually(async () => {
      const out = await t.ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }));
      return out.services![0]!.status === 'INACTIVE' && out.services![0]!.runningCount === 0 ? true : undefined;
    }, 'the service to be deleted');
    await eventually(async () => ((await clusterContainers(cluster)).length === 0 ? true : undefined), 'no container left');
  });
});
