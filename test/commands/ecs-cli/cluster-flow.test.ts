import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateKeyPairCommand, DescribeInstancesCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../../support/aws-cli.js';
import { startEcsCliHarness, succeeded, type EcsCliHarness } from './support.js';

/**
 * The talk's ecs-cli session, end to end on a sandbox: configure, up, a compose project as a
 * service (scaled, listed, changed and rolled out, stopped, removed), scale down with
 * draining, and down. Each step is checked through the API, with the AWS CLI where it is
 * installed, not through ecs-cli's own output alone.
 */
let h: EcsCliHarness;
const CLUSTER = 'demo';
const WEB = `version: "3"
services:
  web:
    image: nginx:1.27
    mem_limit: 128m
    ports:
      - "80"
`;

beforeAll(async () => {
  h = await startEcsCliHarness(7731);
});
afterAll(() => h?.close());

async function instancesOfSetup(states = ['pending', 'running']) {
  const out = await h.t.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:ecsh:cluster', Values: [CLUSTER] }, { Name: 'instance-state-name', Values: states }] }),
  );
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

async function service(name: string) {
  return (await h.t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!;
}

async function serviceTasks(name: string) {
  const { taskArns = [] } = await h.t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: name, desiredStatus: 'RUNNING' }));
  return taskArns.length === 0 ? [] : (await h.t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: taskArns }))).tasks!;
}

describe('the ecs-cli workflow on the sandbox', { timeout: 120_000 }, () => {
  it('configures the cluster in ecs-cli\'s format, readable by the user only, and makes it the shell\'s cluster', async () => {
    const run = succeeded(await h.run(`ecs-cli configure --cluster ${CLUSTER} --region us-east-1 --config-name talk`));
    expect(run.stdout).toEqual(['INFO[0000] Saved ECS CLI cluster configuration talk.']);
    const file = join(h.config.ecshDir, 'config');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('version: v1\ndefault: talk\nclusters:\n  talk:\n    cluster: demo\n    region: us-east-1\n');
    expect(h.session.cluster).toBe(CLUSTER);
  });

  it('brings up 3 instances in 2 zones, tagged, that register with the cluster', async () => {
    await h.t.ec2.send(new CreateKeyPairCommand({ KeyName: 'demo' }));
    const run = succeeded(await h.run('ecs-cli up --size 3 --capability-iam --instance-type t3.medium --keypair demo --tags team=web'));
    const lines = run.stdout;
    expect(lines[0]).toBe('INFO[0000] Created cluster                               cluster=demo region=us-east-1');
    const printed = lines.filter((l) => !l.startsWith('INFO'));
    expect(printed.map((l) => l.replace(/ [a-z]+-[0-9a-f]+$/, ''))).toEqual(['VPC created:', 'Security Group created:', 'Subnet created:', 'Subnet created:', 'Cluster creation succeeded.']);
    expect(lines).toContain(lines.find((l) => /Container instances registered +registered=3 size=3$/.test(l)));

    const { containerInstanceArns = [] } = await h.t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
    expect(containerInstanceArns).toHaveLength(3);
    const described = (await h.t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: containerInstanceArns, include: ['CONTAINER_INSTANCE_HEALTH', 'TAGS'] }))).containerInstances!;
    const zones = new Set(described.map((c) => c.attributes!.find((a) => a.name === 'ecs.availability-zone')!.value));
    expect(zones.size).toBe(2);
    const instances = await instancesOfSetup();
    expect(instances).toHaveLength(3);
    expect(new Set(described.map((c) => c.ec2InstanceId))).toEqual(new Set(instances.map((i) => i.InstanceId)));
    for (const instance of instances) {
      expect(instance.Tags).toEqual(expect.arrayContaining([{ Key: 'ecsh:cluster', Value: CLUSTER }, { Key: 'team', Value: 'web' }]));
      expect(instance.InstanceType).toBe('t3.medium');
      expect(instance.KeyName).toBe('demo');
      expect(instance.PublicIpAddress).toBeDefined();
    }
    const vpcs = (await h.t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:ecsh:cluster', Values: [CLUSTER] }] }))).Vpcs!;
    expect(vpcs.map((v) => v.CidrBlock)).toEqual(['10.0.0.0/16']);
    const subnets = (await h.t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcs[0]!.VpcId!] }] }))).Subnets!;
    expect(subnets.map((s) => s.CidrBlock).sort()).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(new Set(subnets.map((s) => s.AvailabilityZone)).size).toBe(2);
    // The container instances carry the --tags, as ecs-cli's user data gives them.
    expect(described[0]!.tags).toEqual(expect.arrayContaining([{ key: 'team', value: 'web' }]));
  });

  it('refuses to set the cluster up twice without --force, before it makes or prints anything, as ecs-cli finds its stack first', async () => {
    const run = await h.run('ecs-cli up --size 1 --capability-iam --keypair demo');
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toEqual([
      expect.stringMatching(
        /^A set-up made by ecs-cli up already exists for the cluster 'demo' in us-east-1 \(vpc-[0-9a-f]+, 2 subnets, 1 security group, 3 instances\)\. Please specify '--force' to clean up your existing resources$/,
      ),
    ]);
    const empty = await h.run('ecs-cli up --empty');
    expect(empty.stderr).toEqual([expect.stringMatching(/already exists for the cluster 'demo' in us-east-1 \(.*\)\. run ecs-cli down --force first$/)]);
    expect(await instancesOfSetup()).toHaveLength(3);
  });

  it('runs a compose file as a service of one running task', async () => {
    h.write('web/docker-compose.yml', WEB);
    const run = succeeded(await h.run('ecs-cli compose service up', { cwd: join(h.home, 'web') }));
    expect(run.stdout[0]).toBe('INFO[0000] Using ECS task definition                     TaskDefinition="web:1"');
    expect(run.stdout[1]).toBe('INFO[0000] Created an ECS service                        service=web taskDefinition="web:1"');
    expect(run.stdout.some((l) => /\(service web\) has started 1 tasks: \(task [0-9a-f]+\)\. +timestamp="2026-/.test(l))).toBe(true);
    expect(run.stdout[run.stdout.length - 1]).toMatch(/^INFO\[\d{4}\] ECS Service has reached a stable state +desiredCount=1 runningCount=1 serviceName=web$/);
    const web = await service('web');
    expect([web.status, web.desiredCount, web.runningCount, web.taskDefinition]).toEqual(['ACTIVE', 1, 1, 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1']);
  });

  it('scales the service to 3', async () => {
    const run = succeeded(await h.run('ecs-cli compose --file web/docker-compose.yml service scale 3'));
    expect(run.stdout[0]).toBe('INFO[0000] Updated ECS service successfully              desiredCount=3 force-deployment=false service=web');
    const web = await service('web');
    expect([web.desiredCount, web.runningCount, web.deployments!.length]).toEqual([3, 3, 1]);
  });

  it('lists the 3 containers in ecs-cli\'s table, with the host ports they really listen on', async () => {
    const run = succeeded(await h.run('ecs-cli ps'));
    const [header, ...rows] = run.stdout;
    expect(rows).toHaveLength(3);
    const nameWidth = rows[0]!.indexOf('RUNNING');
    expect(header).toBe(`${'Name'.padEnd(nameWidth)}State    Ports${' '.repeat(header!.indexOf('TaskDefinition') - nameWidth - 14)}TaskDefinition  Health`);
    const tasks = await serviceTasks('web');
    const endpoints = (await (await fetch(`${h.t.running.url}/_ecsh/endpoints`)).json()) as Array<{ kind: string; arn?: string; url: string }>;
    for (const task of tasks) {
      const container = task.containers![0]!;
      const binding = container.networkBindings![0]!;
      const instance = (await h.t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [task.containerInstanceArn!] }))).containerInstances![0]!;
      const ec2 = (await h.t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance.ec2InstanceId!] }))).Reservations![0]!.Instances![0]!;
      const id = task.taskArn!.split('/').pop();
      const row = rows.find((r) => r.startsWith(`${id}/web `));
      expect(row).toBeDefined();
      expect(row!.split(/\s{2,}/)).toEqual([`${id}/web`, 'RUNNING', `${ec2.PublicIpAddress}:${binding.hostPort}->80/tcp`, 'web:1', container.healthStatus]);
      expect(binding.hostPort).toBeGreaterThanOrEqual(32768);
      // The port the table shows is one the task serves on.
      const endpoint = endpoints.find((e) => e.kind === 'task-port' && e.arn === task.taskArn);
      expect(endpoint).toBeDefined();
      expect((await fetch(endpoint!.url)).status).toBe(200);
    }
  });

  it('rolls out revision 2 when the compose file changes, keeping the count', async () => {
    h.write('web/docker-compose.yml', WEB.replace('mem_limit: 128m', 'mem_limit: 128m\n    environment:\n      - GREETING=hello'));
    const run = succeeded(await h.run('ecs-cli compose service up', { cwd: join(h.home, 'web') }));
    expect(run.stdout[0]).toBe('INFO[0000] Using ECS task definition                     TaskDefinition="web:2"');
    expect(run.stdout).toContain('INFO[0000] Updated the ECS service with a new task definition. Old containers will be stopped automatically, and replaced with new ones');
    expect(run.stdout.some((l) => l.includes('Deployment progress') && l.includes('PRIMARY'))).toBe(true);
    expect(run.stdout[run.stdout.length - 1]).toMatch(/ECS Service has reached a stable state +desiredCount=3 runningCount=3 serviceName=web$/);
    const web = await service('web');
    expect(web.taskDefinition).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:2');
    expect(web.deployments).toHaveLength(1);
    const tasks = await serviceTasks('web');
    expect(tasks.map((t) => t.taskDefinitionArn!.split('/').pop())).toEqual(['web:2', 'web:2', 'web:2']);
    expect(tasks.every((t) => t.containers![0]!.lastStatus === 'RUNNING')).toBe(true);
  });

  it('registers no new revision when nothing changed', async () => {
    const run = succeeded(await h.run('ecs-cli compose service up', { cwd: join(h.home, 'web') }));
    expect(run.stdout[0]).toBe('INFO[0000] Using ECS task definition                     TaskDefinition="web:2"');
    expect(run.stdout).not.toContain('INFO[0000] Updated the ECS service with a new task definition. Old containers will be stopped automatically, and replaced with new ones');
  });

  it('stops the service, then removes it', async () => {
    succeeded(await h.run('ecs-cli compose --project-name web service stop'));
    expect([(await service('web')).desiredCount, (await service('web')).runningCount]).toEqual([0, 0]);
    const run = succeeded(await h.run('ecs-cli compose --project-name web service rm'));
    expect(run.stdout[0]).toBe('INFO[0000] Deleted ECS service                           service=web');
    expect((await service('web')).status).toBe('INACTIVE');
    // As ecs-cli: removing a service already deleted does nothing, and says so.
    expect(succeeded(await h.run('ecs-cli compose --project-name web service rm')).stdout).toEqual(['INFO[0000] ECS Service is already deleted                serviceName=web']);
  });

  it('scales down to 1 instance, moving service tasks off the drained instances before terminating them', async () => {
    h.write('api/docker-compose.yml', 'version: "3.8"\nservices:\n  api:\n    image: httpd:2.4\n    ports: ["80"]\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 128M\n');
    succeeded(await h.run('ecs-cli compose service up', { cwd: join(h.home, 'api') }));
    const before = await serviceTasks('api');
    expect(before).toHaveLength(2);

    const run = succeeded(await h.run('ecs-cli scale --size 1 --capability-iam'));
    const lines = run.stdout;
    const drained = lines.findIndex((l) => l.includes('Draining container instances'));
    const left = lines.map((l) => /Service tasks left on draining instances +tasks=(\d+)/.exec(l)?.[1]).filter((n) => n !== undefined).map(Number);
    const terminated = lines.findIndex((l) => l.includes('Terminating instances'));
    expect(drained).toBeGreaterThanOrEqual(0);
    expect(left[0]).toBeGreaterThan(0);
    expect(left[left.length - 1]).toBe(0);
    expect(terminated).toBeGreaterThan(drained);

    const remaining = await instancesOfSetup();
    expect(remaining).toHaveLength(1);
    const api = await service('api');
    expect([api.desiredCount, api.runningCount]).toEqual([2, 2]);
    const tasks = await serviceTasks('api');
    const hosts = (await h.t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: tasks.map((t) => t.containerInstanceArn!) }))).containerInstances!;
    expect(hosts.map((c) => c.ec2InstanceId)).toEqual([remaining[0]!.InstanceId, remaining[0]!.InstanceId]);
    // A task that was on a drained instance was replaced, not lost.
    expect(tasks.some((t) => !before.some((b) => b.taskArn === t.taskArn))).toBe(true);
  });

  it('will not go down without being asked, nor while a service is active', async () => {
    const unasked = await h.run('ecs-cli down');
    expect(unasked.stderr).toEqual(['ecs-cli down deletes the cluster and its instances: pass --force to do so without being asked']);
    const questions: string[] = [];
    const declined = await h.run('ecs-cli down', { confirm: async (question) => (questions.push(question), false) });
    expect(questions).toEqual(['Are you sure you want to delete your cluster? [y/N]']);
    expect(declined.code).toBe(1);
    const busy = await h.run('ecs-cli down --force');
    expect(busy.stderr).toEqual(['cluster demo has active services (api), which would keep it from being deleted: remove them first with ecs-cli compose --project-name api service rm']);
    expect(await instancesOfSetup()).toHaveLength(1);
  });

  it('goes down: no instance, no VPC, the cluster INACTIVE', async () => {
    succeeded(await h.run('ecs-cli compose --project-name api service rm'));
    const run = succeeded(await h.run('ecs-cli down --force'));
    expect(run.stdout[0]).toBe('INFO[0000] Waiting for your cluster resources to be deleted...');
    expect(run.stdout[run.stdout.length - 1]).toMatch(/^INFO\[\d{4}\] Deleted cluster +cluster=demo$/);
    expect(await instancesOfSetup(['pending', 'running', 'shutting-down', 'stopping', 'stopped'])).toEqual([]);
    expect((await h.t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:ecsh:cluster', Values: [CLUSTER] }] }))).Vpcs).toEqual([]);
    expect((await h.t.ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER] }))).clusters![0]!.status).toBe('INACTIVE');
  });

  it.skipIf(!hasAwsCli)('leaves nothing the AWS CLI can find', async () => {
    const { json } = awsCli(() => h.t.running.url);
    const instances = await json('ec2', 'describe-instances', '--filters', `Name=tag:ecsh:cluster,Values=${CLUSTER}`, 'Name=instance-state-name,Values=pending,running,stopping,stopped,shutting-down');
    expect(instances.Reservations).toEqual([]);
    for (const [command, key] of [['describe-vpcs', 'Vpcs'], ['describe-subnets', 'Subnets'], ['describe-security-groups', 'SecurityGroups'], ['describe-internet-gateways', 'InternetGateways']] as const) {
      expect((await json('ec2', command, '--filters', `Name=tag:ecsh:cluster,Values=${CLUSTER}`))[key]).toEqual([]);
    }
    const clusters = await json('ecs', 'describe-clusters', '--clusters', CLUSTER);
    expect(clusters.clusters[0].status).toBe('INACTIVE');
  });
});
