import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../support/aws-cli.js';
import { startServe, type ServeProcess } from '../support/cli.js';
import { freePort } from '../support/load-balancers.js';

/**
 * The AWS CLI builds the talk's first demo on `ecsh serve`: three instances in three zones, an
 * application load balancer with a target group and a listener, and a service of nginx tasks
 * behind it; then the listener is curled for real while the service scales, loses a task and
 * rolls out a new revision. The sandbox runs 50x faster than real time, so the ALB's
 * provisioning, health checks and deregistration delays pass in a moment.
 */
let serve: ServeProcess;
const { json } = awsCli(() => serve.url);

const CLUSTER = 'net';

async function until<T>(what: string, probe: () => Promise<T | undefined>, attempts = 120): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * nginx serves a page naming the revision and the container's hostname (the first 12 hex digits
 * of its runtime id, as Docker does), so a reply through the listener says which task gave it.
 */
function nginxDefinition(revision: number): string {
  return JSON.stringify([
    {
      name: 'web',
      image: 'nginx',
      memory: 128,
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 0 }],
      environment: [{ name: 'REVISION', value: String(revision) }],
      command: ['sh', '-c', `echo "revision $REVISION host $HOSTNAME" > /usr/share/nginx/html/index.html && nginx -g 'daemon off;'`],
    },
  ]);
}

const pageOf = (body: string) => /^revision (\d+) host ([0-9a-f]{12})$/m.exec(body);

interface TaskView {
  taskArn: string;
  lastStatus: string;
  taskDefinitionArn: string;
  containerInstanceArn: string;
  containers: Array<{ runtimeId?: string; networkBindings: Array<{ hostPort: number }> }>;
}

async function serviceTasks(): Promise<TaskView[]> {
  const list = await json('ecs', 'list-tasks', '--cluster', CLUSTER, '--service-name', 'web');
  if (list.taskArns.length === 0) return [];
  return (await json('ecs', 'describe-tasks', '--cluster', CLUSTER, '--tasks', ...list.taskArns)).tasks;
}

async function describeService(): Promise<any> {
  return (await json('ecs', 'describe-services', '--cluster', CLUSTER, '--services', 'web')).services[0];
}

async function healthyTargets(tgArn: string): Promise<string[]> {
  const health = await json('elbv2', 'describe-target-health', '--target-group-arn', tgArn);
  return health.TargetHealthDescriptions.filter((d: any) => d.TargetHealth.State === 'healthy').map((d: any) => `${d.Target.Id}:${d.Target.Port}`);
}

/** Waits until the service runs `count` tasks of one deployment, all of them healthy targets. */
async function settled(tgArn: string, count: number, taskDefinition: string): Promise<TaskView[]> {
  return until(`${count} healthy tasks of ${taskDefinition}`, async () => {
    const service = await describeService();
    if (service.runningCount !== count || service.deployments.length !== 1 || service.deployments[0].rolloutState !== 'COMPLETED') return undefined;
    const tasks = (await serviceTasks()).filter((t) => t.lastStatus === 'RUNNING');
    if (tasks.length !== count || tasks.some((t) => !t.taskDefinitionArn.endsWith(`/${taskDefinition}`))) return undefined;
    return (await healthyTargets(tgArn)).length === count ? tasks : undefined;
  });
}

const hostnameOf = (task: TaskView) => task.containers[0]!.runtimeId!.slice(0, 12);

describe.skipIf(!hasAwsCli)('the AWS CLI builds a load-balanced service on ecsh serve', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    serve = await startServe(['--ephemeral', '--port', '0', '--speed', '50', '--seed', '6']);
  });
  afterAll(() => serve?.stop());

  let vpcId: string;
  let subnets: string[];
  let tgArn: string;
  let listenerUrl: string;

  it('starts three instances, one per zone, that join the cluster from their user data', async () => {
    await json('ecs', 'create-cluster', '--cluster-name', CLUSTER);
    vpcId = (await json('ec2', 'describe-vpcs', '--filters', 'Name=is-default,Values=true')).Vpcs[0].VpcId;
    const found = await json('ec2', 'describe-subnets', '--filters', `Name=vpc-id,Values=${vpcId}`);
    const byZone = [...found.Subnets].sort((a: any, b: any) => a.AvailabilityZone.localeCompare(b.AvailabilityZone)).slice(0, 3);
    expect(new Set(byZone.map((s: any) => s.AvailabilityZone)).size).toBe(3);
    subnets = byZone.map((s: any) => s.SubnetId);
    const images = await json('ec2', 'describe-images', '--owners', 'amazon', '--filters', 'Name=name,Values=al2023-ami-ecs-hvm-*');
    await Promise.all(
      subnets.map((subnet) =>
        json(
          'ec2', 'run-instances', '--image-id', images.Images[0].ImageId, '--count', '1', '--instance-type', 't3.medium',
          '--subnet-id', subnet, '--user-data', `#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config`,
        ),
      ),
    );
    const arns = await until('3 container instances', async () => {
      const list = await json('ecs', 'list-container-instances', '--cluster', CLUSTER);
      return list.containerInstanceArns.length === 3 ? list.containerInstanceArns : undefined;
    });
    const described = await json('ecs', 'describe-container-instances', '--cluster', CLUSTER, '--container-instances', ...arns);
    const zones = described.containerInstances.map((c: any) => c.attributes.find((a: any) => a.name === 'ecs.availability-zone').value);
    expect(new Set(zones).size).toBe(3);
  });

  it('creates an application load balancer, a target group and a listener that answers 503 with no targets', async () => {
    const lb = (await json('elbv2', 'create-load-balancer', '--name', 'front', '--subnets', ...subnets)).LoadBalancers[0];
    expect(lb.State.Code).toBe('provisioning');
    expect(lb.DNSName).toMatch(/^front-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    const tg = await json(
      'elbv2', 'create-target-group', '--name', 'web', '--protocol', 'HTTP', '--port', '80', '--vpc-id', vpcId,
      '--health-check-path', '/', '--health-check-interval-seconds', '5', '--health-check-timeout-seconds', '2',
      '--healthy-threshold-count', '2', '--unhealthy-threshold-count', '2',
    );
    tgArn = tg.TargetGroups[0].TargetGroupArn;
    await json('elbv2', 'modify-target-group-attributes', '--target-group-arn', tgArn, '--attributes', 'Key=deregistration_delay.timeout_seconds,Value=5');
    const port = await freePort();
    const listener = await json(
      'elbv2', 'create-listener', '--load-balancer-arn', lb.LoadBalancerArn, '--protocol', 'HTTP', '--port', String(port),
      '--default-actions', JSON.stringify([{ Type: 'forward', TargetGroupArn: tgArn }]),
    );
    const listenerArn = listener.Listeners[0].ListenerArn;
    await until('the load balancer to be active', async () => {
      const out = await json('elbv2', 'describe-load-balancers', '--load-balancer-arns', lb.LoadBalancerArn);
      return out.LoadBalancers[0].State.Code === 'active' ? true : undefined;
    });
    listenerUrl = await until('the listener in /_ecsh/endpoints', async () => {
      const endpoints = (await (await fetch(`${serve.url}/_ecsh/endpoints`)).json()) as Array<{ kind: string; arn?: string; url: string }>;
      return endpoints.find((e) => e.kind === 'load-balancer-listener' && e.arn === listenerArn)?.url;
    });
    const empty = await fetch(listenerUrl);
    await empty.arrayBuffer();
    expect(empty.status).toBe(503);
  });

  it('runs a service of 3 nginx tasks behind it, and 30 requests through the listener reach every task', async () => {
    await json('ecs', 'register-task-definition', '--family', 'web', '--container-definitions', nginxDefinition(1));
    const created = await json(
      'ecs', 'create-service', '--cluster', CLUSTER, '--service-name', 'web', '--task-definition', 'web:1', '--desired-count', '3',
      '--load-balancers', JSON.stringify([{ targetGroupArn: tgArn, containerName: 'web', containerPort: 80 }]),
    );
    expect(created.service.loadBalancers[0].targetGroupArn).toBe(tgArn);
    const tasks = await settled(tgArn, 3, 'web:1');
    expect(new Set(tasks.map((t) => t.containerInstanceArn)).size).toBe(3);
    for (const task of tasks) expect(task.containers[0]!.networkBindings[0]!.hostPort).toBeGreaterThanOrEqual(32768);

    const answered = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const res = await fetch(listenerUrl);
      const body = await res.text();
      expect(res.status).toBe(200);
      const page = pageOf(body);
      expect(page?.[1]).toBe('1');
      answered.set(page![2]!, (answered.get(page![2]!) ?? 0) + 1);
    }
    expect([...answered.keys()].sort()).toEqual(tasks.map(hostnameOf).sort());
    expect([...answered.values()]).toEqual([10, 10, 10]);

    const messages: string[] = (await describeService()).events.map((e: any) => e.message);
    expect(messages.filter((m) => m === `(service web) registered 1 targets in (target-group ${tgArn})`)).toHaveLength(3);
  });

  it('scales to 6, loses a task and rolls out a new revision while a client polls, dropping no request', async () => {
    const failures: string[] = [];
    const revisions = new Set<string>();
    const hosts = new Set<string>();
    let polls = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        polls += 1;
        try {
          const res = await fetch(listenerUrl);
          const body = await res.text();
          const page = pageOf(body);
          if (res.status !== 200 || !page) failures.push(`${res.status}: ${body.slice(0, 120)}`);
          else {
            revisions.add(page[1]!);
            hosts.add(page[2]!);
          }
        } catch (error) {
          failures.push(String((error as Error).cause ?? error));
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    try {
      await json('ecs', 'update-service', '--cluster', CLUSTER, '--service', 'web', '--desired-count', '6');
      const six = await settled(tgArn, 6, 'web:1');

      const victim = six[0]!;
      await json('ecs', 'stop-task', '--cluster', CLUSTER, '--task', victim.taskArn, '--reason', 'proof: one task lost');
      await until('the stopped task to be replaced', async () => {
        const [stopped] = (await json('ecs', 'describe-tasks', '--cluster', CLUSTER, '--tasks', victim.taskArn)).tasks;
        if (stopped.lastStatus !== 'STOPPED') return undefined;
        const tasks = await settled(tgArn, 6, 'web:1');
        return tasks.every((t) => t.taskArn !== victim.taskArn) ? true : undefined;
      });

      await json('ecs', 'register-task-definition', '--family', 'web', '--container-definitions', nginxDefinition(2));
      await json('ecs', 'update-service', '--cluster', CLUSTER, '--service', 'web', '--task-definition', 'web:2');
      const rolled = await settled(tgArn, 6, 'web:2');
      expect(new Set(rolled.map((t) => t.containerInstanceArn)).size).toBe(3);
    } finally {
      polling = false;
      await poller;
    }

    expect(failures).toEqual([]);
    expect(polls).toBeGreaterThan(100);
    expect(revisions).toEqual(new Set(['1', '2']));
    // 3 first tasks, 3 more from scaling, 1 replacement and 6 of the new revision all answered.
    expect(hosts.size).toBe(13);

    const after = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const page = pageOf(await (await fetch(listenerUrl)).text());
      expect(page?.[1]).toBe('2');
      after.add(page![2]!);
    }
    expect(after.size).toBe(6);
    const messages: string[] = (await describeService()).events.map((e: any) => e.message);
    // One task stopped by hand and six replaced by the rollout each left the target group first.
    expect(messages.filter((m) => m === '(service web) has begun draining connections on 1 tasks.')).toHaveLength(7);
  });
});
