import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../support/aws-cli.js';
import { startServe, type ServeProcess } from '../support/cli.js';
import { freePort } from '../support/load-balancers.js';

/**
 * AWS's getting-started flow for Fargate, through the AWS CLI against `ecsh serve`: register the
 * tutorial's task definition (httpd, cpu 256, memory 512, awsvpc), create a service of 2 on the
 * default subnets with a public IP, wait for it with `aws ecs wait services-stable`, find each
 * task's interface, address and zone, curl each task on the loopback twin of its address, and
 * put an application load balancer with an `ip` target group in front of the service. The
 * sandbox runs 100x faster than real time, so Fargate's provisioning and pulls pass in a moment.
 */
let serve: ServeProcess;
const { json, aws } = awsCli(() => serve.url);
const CLUSTER = 'fargate-cluster';

async function until<T>(what: string, probe: () => Promise<T | undefined>, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The tutorial's definition, its page naming the host that serves it so that a reply says which task gave it. */
const TASK_DEFINITION = {
  family: 'sample-fargate',
  networkMode: 'awsvpc',
  containerDefinitions: [
    {
      name: 'fargate-app',
      image: 'public.ecr.aws/docker/library/httpd:latest',
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
      essential: true,
      entryPoint: ['sh', '-c'],
      command: [
        `/bin/sh -c "echo '<html> <head> <title>Amazon ECS Sample App</title> </head><body> <h1>Amazon ECS Sample App</h1> <p>host '$HOSTNAME'</p> </body></html>' > /usr/local/apache2/htdocs/index.html && httpd-foreground"`,
      ],
    },
  ],
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
};

const hostOf = (page: string) => /<p>host ([0-9a-f]{12})<\/p>/.exec(page)?.[1];

function inCidr(ip: string, cidr: string): boolean {
  const toNumber = (text: string) => text.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const [base, bits] = cidr.split('/');
  const offset = toNumber(ip) - toNumber(base!);
  return offset >= 0 && offset < 2 ** (32 - Number(bits));
}

const eniDetail = (task: any, name: string): string => task.attachments[0].details.find((d: any) => d.name === name).value;

describe.skipIf(!hasAwsCli)('the AWS CLI follows the Fargate getting-started tutorial on ecsh serve', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    serve = await startServe(['--ephemeral', '--port', '0', '--speed', '100', '--seed', '10']);
  });
  afterAll(() => serve?.stop());

  let subnets: Array<{ SubnetId: string; AvailabilityZone: string; CidrBlock: string }>;
  let securityGroup: string;
  let tgArn: string;
  let listenerArn: string;
  let tasks: any[];

  it('registers the Fargate task definition', async () => {
    await json('ecs', 'create-cluster', '--cluster-name', CLUSTER);
    const file = join(mkdtempSync(join(tmpdir(), 'ecsh-fargate-')), 'fargate-task.json');
    writeFileSync(file, JSON.stringify(TASK_DEFINITION));
    const out = await json('ecs', 'register-task-definition', '--cli-input-json', `file://${file}`);
    expect(out.taskDefinition).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/sample-fargate:1',
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      requiresCompatibilities: ['FARGATE'],
      compatibilities: ['EC2', 'FARGATE'],
    });
  });

  it('finds the default subnets and security group, and puts an ALB with an ip target group on them', async () => {
    subnets = (await json('ec2', 'describe-subnets', '--filters', 'Name=default-for-az,Values=true')).Subnets;
    expect(subnets).toHaveLength(3);
    const vpcId = (await json('ec2', 'describe-vpcs', '--filters', 'Name=is-default,Values=true')).Vpcs[0].VpcId;
    securityGroup = (await json('ec2', 'describe-security-groups', '--filters', `Name=vpc-id,Values=${vpcId}`, 'Name=group-name,Values=default')).SecurityGroups[0].GroupId;
    const lb = (await json('elbv2', 'create-load-balancer', '--name', 'fargate-alb', '--subnets', ...subnets.map((s) => s.SubnetId))).LoadBalancers[0];
    const tg = await json(
      'elbv2', 'create-target-group', '--name', 'fargate-tg', '--protocol', 'HTTP', '--port', '80', '--vpc-id', vpcId, '--target-type', 'ip',
      '--health-check-interval-seconds', '5', '--health-check-timeout-seconds', '2', '--healthy-threshold-count', '2',
    );
    tgArn = tg.TargetGroups[0].TargetGroupArn;
    expect(tg.TargetGroups[0].TargetType).toBe('ip');
    const listener = await json(
      'elbv2', 'create-listener', '--load-balancer-arn', lb.LoadBalancerArn, '--protocol', 'HTTP', '--port', String(await freePort()),
      '--default-actions', JSON.stringify([{ Type: 'forward', TargetGroupArn: tgArn }]),
    );
    listenerArn = listener.Listeners[0].ListenerArn;
    await json('elbv2', 'wait', 'load-balancer-available', '--load-balancer-arns', lb.LoadBalancerArn);
  });

  it('creates a service of 2 with a public IP, and waits until it is stable', async () => {
    const network = `awsvpcConfiguration={subnets=[${subnets.map((s) => s.SubnetId).join(',')}],securityGroups=[${securityGroup}],assignPublicIp=ENABLED}`;
    const created = await json(
      'ecs', 'create-service', '--cluster', CLUSTER, '--service-name', 'fargate-service', '--task-definition', 'sample-fargate:1',
      '--desired-count', '2', '--launch-type', 'FARGATE', '--network-configuration', network,
      '--load-balancers', `targetGroupArn=${tgArn},containerName=fargate-app,containerPort=80`,
    );
    expect(created.service).toMatchObject({ launchType: 'FARGATE', platformVersion: 'LATEST', desiredCount: 2 });
    expect(created.service.networkConfiguration.awsvpcConfiguration).toEqual({
      subnets: subnets.map((s) => s.SubnetId),
      securityGroups: [securityGroup],
      assignPublicIp: 'ENABLED',
    });
    const wait = await aws('ecs', 'wait', 'services-stable', '--cluster', CLUSTER, '--services', 'fargate-service');
    expect(wait).toMatchObject({ code: 0, stderr: '' });
    const [service] = (await json('ecs', 'describe-services', '--cluster', CLUSTER, '--services', 'fargate-service')).services;
    expect(service).toMatchObject({ runningCount: 2, desiredCount: 2 });
    expect(service.deployments).toHaveLength(1);
  });

  it('describes the tasks: Fargate 1.4.0, interfaces ATTACHED, addresses in the default subnets of two zones', async () => {
    const arns = (await json('ecs', 'list-tasks', '--cluster', CLUSTER, '--service-name', 'fargate-service')).taskArns;
    expect(arns).toHaveLength(2);
    tasks = (await json('ecs', 'describe-tasks', '--cluster', CLUSTER, '--tasks', ...arns)).tasks;
    for (const task of tasks) {
      expect(task).toMatchObject({ launchType: 'FARGATE', platformVersion: '1.4.0', lastStatus: 'RUNNING', cpu: '256', memory: '512' });
      expect(task.containerInstanceArn).toBeUndefined();
      expect(task.pullStartedAt).toBeDefined();
      expect(task.pullStoppedAt).toBeDefined();
      expect(task.attachments[0]).toMatchObject({ type: 'ElasticNetworkInterface', status: 'ATTACHED' });
      const subnet = subnets.find((s) => s.SubnetId === eniDetail(task, 'subnetId'))!;
      expect(subnet.AvailabilityZone).toBe(task.availabilityZone);
      expect(inCidr(eniDetail(task, 'privateIPv4Address'), subnet.CidrBlock)).toBe(true);
    }
    expect(new Set(tasks.map((task) => task.availabilityZone)).size).toBe(2);

    const enis = await json('ec2', 'describe-network-interfaces', '--network-interface-ids', ...tasks.map((task) => eniDetail(task, 'networkInterfaceId')));
    for (const eni of enis.NetworkInterfaces) {
      expect(eni).toMatchObject({ Status: 'in-use', InterfaceType: 'interface', RequesterManaged: true, Groups: [{ GroupId: securityGroup, GroupName: 'default' }] });
      expect(eni.Description).toMatch(/^arn:aws:ecs:us-east-1:123456789012:attachment\/[0-9a-f-]{36}$/);
      expect(eni.Association.PublicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
  });

  it('answers on the loopback twin of each task address, at the container port', async () => {
    const endpoints = (await (await fetch(`${serve.url}/_ecsh/endpoints`)).json()) as Array<{ kind: string; arn?: string; url: string }>;
    for (const task of tasks) {
      const twin = `127.${eniDetail(task, 'privateIPv4Address').split('.').slice(1).join('.')}`;
      expect(endpoints.find((e) => e.kind === 'task-port' && e.arn === task.taskArn)?.url).toBe(`http://${twin}:80`);
      const res = await fetch(`http://${twin}:80/`);
      const page = await res.text();
      expect(res.status).toBe(200);
      expect(page).toContain('<title>Amazon ECS Sample App</title>');
      expect(hostOf(page)).toBe(task.containers[0].runtimeId.slice(0, 12));
    }
  });

  it('serves both tasks through the load balancer, whose ip targets are their addresses', async () => {
    await until('both targets healthy', async () => {
      const health = await json('elbv2', 'describe-target-health', '--target-group-arn', tgArn);
      const healthy = health.TargetHealthDescriptions.filter((d: any) => d.TargetHealth.State === 'healthy').map((d: any) => `${d.Target.Id}:${d.Target.Port}`);
      return healthy.length === 2 ? healthy : undefined;
    }).then((healthy) => expect(healthy.sort()).toEqual(tasks.map((task) => `${eniDetail(task, 'privateIPv4Address')}:80`).sort()));
    const endpoints = (await (await fetch(`${serve.url}/_ecsh/endpoints`)).json()) as Array<{ kind: string; arn?: string; url: string }>;
    const listenerUrl = endpoints.find((e) => e.kind === 'load-balancer-listener' && e.arn === listenerArn)!.url;
    const hosts = new Map<string, number>();
    for (let i = 0; i < 10; i++) {
      const res = await fetch(listenerUrl);
      const host = hostOf(await res.text());
      expect(res.status).toBe(200);
      hosts.set(host!, (hosts.get(host!) ?? 0) + 1);
    }
    expect([...hosts.keys()].sort()).toEqual(tasks.map((task) => task.containers[0].runtimeId.slice(0, 12)).sort());
    expect([...hosts.values()]).toEqual([5, 5]);
  });
});
