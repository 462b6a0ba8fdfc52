import { join } from 'node:path';
import { CreateKeyPairCommand } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetGroupBehindAlb } from '../../support/load-balancers.js';
import { startEcsCliHarness, succeeded, type EcsCliHarness } from './support.js';

/** `compose` without `service`: the project as standalone tasks in the group task:PROJECT. */
let h: EcsCliHarness;
const CLUSTER = 'tasks';
const PROJECT = `version: "2"
services:
  web:
    image: nginx:1.27
    mem_limit: 64m
    ports: ["80"]
  worker:
    image: busybox
    mem_limit: 32m
    command: sleep 3600
`;
let cwd: string;

beforeAll(async () => {
  h = await startEcsCliHarness(7751);
  succeeded(await h.run(`ecs-cli configure --cluster ${CLUSTER} --region us-east-1`));
  await h.t.ec2.send(new CreateKeyPairCommand({ KeyName: 'k' }));
  succeeded(await h.run('ecs-cli up --size 2 --instance-role ecsInstanceRole --keypair k'));
  h.write('hello/docker-compose.yml', PROJECT);
  cwd = join(h.home, 'hello');
});
afterAll(() => h?.close());

async function projectTasks(desiredStatus: 'RUNNING' | 'STOPPED' = 'RUNNING') {
  const { taskArns = [] } = await h.t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family: 'hello', desiredStatus }));
  return taskArns.length === 0 ? [] : (await h.t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: taskArns }))).tasks!;
}

describe('compose task commands', { timeout: 120_000 }, () => {
  it('registers a revision only when the definition, ecs-params included, changed', async () => {
    const first = succeeded(await h.run('ecs-cli compose create', { cwd }));
    expect(first.stdout).toEqual(['INFO[0000] Using ECS task definition                     TaskDefinition="hello:1"']);
    expect(succeeded(await h.run('ecs-cli compose create', { cwd })).stdout).toEqual(first.stdout);
    h.write('hello/ecs-params.yml', 'version: 1\ntask_definition:\n  services:\n    worker:\n      essential: false\n');
    const changed = succeeded(await h.run('ecs-cli compose create', { cwd }));
    expect(changed.stdout).toEqual([
      'INFO[0000] Using ecs-params value as override (was true but is now false)  option name=essential service name=worker',
      'INFO[0000] Using ECS task definition                     TaskDefinition="hello:2"',
    ]);
  });

  it('up runs one task and waits until its containers run', async () => {
    const run = succeeded(await h.run('ecs-cli compose up', { cwd }));
    const tasks = await projectTasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.group).toBe('task:hello');
    const id = tasks[0]!.taskArn!.split('/').pop();
    expect(run.stdout).toContain(`INFO[0000] Starting container...                         container=${id}/web`);
    expect(run.stdout.filter((l) => l.includes('Started container...'))).toEqual([
      expect.stringMatching(new RegExp(`Started container\\.\\.\\. +container=${id}/web desiredStatus=RUNNING lastStatus=RUNNING taskDefinition="hello:2"$`)),
      expect.stringMatching(new RegExp(`Started container\\.\\.\\. +container=${id}/worker desiredStatus=RUNNING lastStatus=RUNNING taskDefinition="hello:2"$`)),
    ]);
  });

  it('scales to 3 tasks and lists their containers', async () => {
    succeeded(await h.run('ecs-cli compose scale 3', { cwd }));
    const tasks = await projectTasks();
    expect(tasks.map((t) => t.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    const ps = succeeded(await h.run('ecs-cli compose ps', { cwd }));
    expect(ps.stdout).toHaveLength(1 + 6);
    expect(ps.stdout[0]).toMatch(/^Name +State +Ports +TaskDefinition +Health$/);
    expect(ps.stdout.filter((l) => /\/worker +RUNNING {2,}hello:2 /.test(l))).toHaveLength(3);
    expect(ps.stdout.filter((l) => /\/web +RUNNING +[\d.]+:\d+->80\/tcp +hello:2 /.test(l))).toHaveLength(3);
    const bad = await h.run('ecs-cli compose scale many', { cwd });
    expect(bad.stderr).toEqual(['ecs-cli compose scale takes one number: scale N']);
  });

  it('up replaces the tasks of an older revision, as many as ran', async () => {
    h.write('hello/docker-compose.yml', PROJECT.replace('sleep 3600', 'sleep 7200'));
    const run = succeeded(await h.run('ecs-cli compose up', { cwd }));
    expect(run.stdout.find((l) => l.includes('Using ECS task definition'))).toMatch(/TaskDefinition="hello:3"$/);
    expect(run.stdout.filter((l) => l.includes('Stopping container...'))).toHaveLength(6);
    const tasks = await projectTasks();
    expect(tasks.map((t) => t.taskDefinitionArn!.split('/').pop())).toEqual(['hello:3', 'hello:3', 'hello:3']);
    expect(tasks.every((t) => t.lastStatus === 'RUNNING')).toBe(true);
  });

  it('runs one task with a command overridden', async () => {
    succeeded(await h.run(['ecs-cli', 'compose', 'run', 'worker', 'sleep 600'], { cwd }));
    const overridden = (await projectTasks()).filter((t) => t.overrides?.containerOverrides?.some((o) => o.command));
    expect(overridden).toHaveLength(1);
    expect(overridden[0]!.overrides!.containerOverrides!.find((o) => o.command)).toEqual({ name: 'worker', command: ['sleep', '600'] });
    expect(overridden[0]!.lastStatus).toBe('RUNNING');
  });

  it('stops every task of the project', async () => {
    const run = succeeded(await h.run('ecs-cli compose stop', { cwd }));
    expect(run.stdout.filter((l) => l.includes('Stopped container...'))).toHaveLength(8);
    expect(await projectTasks()).toEqual([]);
    expect(succeeded(await h.run('ecs-cli compose ps --desired-status RUNNING', { cwd })).stdout).toEqual([]);
    const stopped = succeeded(await h.run('ecs-cli compose ps --desired-status STOPPED', { cwd })).stdout;
    expect(stopped.slice(1).every((l) => / STOPPED ExitCode: \d+ /.test(l))).toBe(true);
  });

  it('says why ECS could not run a task, or a service that never gets going', async () => {
    h.write('huge/docker-compose.yml', 'version: "3"\nservices:\n  big:\n    image: nginx\n    mem_limit: 8g\n');
    const huge = join(h.home, 'huge');
    const task = await h.run('ecs-cli compose up', { cwd: huge });
    expect(task.stderr).toEqual(["Couldn't run containers: RESOURCE:MEMORY"]);
    const service = await h.run('ecs-cli compose service up --timeout 0.5', { cwd: huge });
    expect(service.code).toBe(1);
    expect(service.stdout.some((l) => l.includes('(service huge) was unable to place a task because no container instance met all of its requirements.'))).toBe(true);
    expect(service.stderr).toEqual(['Deployment has not completed: Running count has not changed for 0.50 minutes']);
  });

  it('puts a service behind a target group, and warns that an existing one keeps its load balancers', async () => {
    const targetGroupArn = await targetGroupBehindAlb(h.t, 'compose-lb');
    h.write('lb/docker-compose.yml', 'version: "3"\nservices:\n  web:\n    image: nginx\n    mem_limit: 64m\n    ports: ["80"]\n');
    const cwd = join(h.home, 'lb');
    const flags = `--target-groups targetGroupArn=${targetGroupArn},containerName=web,containerPort=80 --health-check-grace-period 30`;
    succeeded(await h.run(`ecs-cli compose service up ${flags}`, { cwd }));
    const described = (await h.t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['lb'] }))).services![0]!;
    expect(described.loadBalancers).toEqual([{ targetGroupArn, containerName: 'web', containerPort: 80 }]);
    expect(described.healthCheckGracePeriodSeconds).toBe(30);
    expect(described.runningCount).toBe(1);
    const again = succeeded(await h.run(`ecs-cli compose service up ${flags}`, { cwd }));
    expect(again.stdout).toContain('WARN[0000] Load balancer settings cannot be changed on an existing service: they are ignored  service=lb');
    expect((await h.run('ecs-cli compose service up --target-group-arn x', { cwd })).stderr).toEqual([
      'a load balancer needs --container-name and --container-port: the container and port it sends traffic to',
    ]);
  });
});
