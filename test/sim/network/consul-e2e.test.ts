import { CreateServiceCommand, DescribeTasksCommand, ListTasksCommand, RegisterTaskDefinitionCommand, StopTaskCommand, type Task } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerNetworkImages } from '../../../source/sim/network/images.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { endpoints, eventually, instancesJoining } from '../runtime/fixtures.js';
import { askUdp, dig, digInstalled } from './dns-client.js';

/**
 * The Consul demo on the sandbox: consul and registrator as DAEMON services on two instances,
 * Fabio, two app services registered by Registrator from their SERVICE_* variables, and the
 * demo's portal finding the weather service by a DNS SRV lookup.
 */
type Json = any;

const CLUSTER = 'discovery';
let t: TestSandbox;
const notices: string[] = [];

beforeAll(async () => {
  registerNetworkImages();
  // A seed of its own gives this file instance addresses that other test files do not use.
  t = await startTestSandbox({ seed: 6363, network: { notify: (message) => notices.push(message) } });
  await instancesJoining(t, CLUSTER, ['us-east-1a', 'us-east-1b']);
  const definitions = [
    {
      family: 'consul',
      containerDefinitions: [
        {
          name: 'consul',
          image: 'hashicorp/consul:1.20',
          memory: 128,
          command: ['agent', '-server', '-bootstrap-expect=1', '-client=0.0.0.0'],
          portMappings: [{ containerPort: 8500 }, { containerPort: 8600, protocol: 'udp' as const }],
        },
      ],
    },
    { family: 'registrator', containerDefinitions: [{ name: 'registrator', image: 'gliderlabs/registrator:latest', memory: 64, command: ['consul://localhost:8500'] }] },
    { family: 'fabio', containerDefinitions: [{ name: 'fabio', image: 'fabiolb/fabio', memory: 64, portMappings: [{ containerPort: 9999 }, { containerPort: 9998 }] }] },
    {
      family: 'web',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          memory: 64,
          portMappings: [{ containerPort: 80 }],
          environment: [
            { name: 'SERVICE_NAME', value: 'web' },
            { name: 'SERVICE_TAGS', value: 'urlprefix-/web strip=/web' },
            { name: 'SERVICE_CHECK_HTTP', value: '/' },
            { name: 'SERVICE_CHECK_INTERVAL', value: '5s' },
          ],
        },
      ],
    },
    {
      family: 'weather',
      containerDefinitions: [
        {
          name: 'weather',
          image: 'my_docker_hub_repo/weather',
          memory: 64,
          portMappings: [{ containerPort: 4567 }],
          environment: [
            { name: 'SERVICE_4567_NAME', value: 'weather' },
            { name: 'SERVICE_4567_CHECK_HTTP', value: '/health' },
            { name: 'SERVICE_4567_CHECK_INTERVAL', value: '10s' },
            { name: 'SERVICE_TAGS', value: 'http,urlprefix-/weather' },
          ],
        },
      ],
    },
    { family: 'portal', containerDefinitions: [{ name: 'portal', image: 'my_docker_hub_repo/portal', memory: 64, portMappings: [{ containerPort: 4567 }] }] },
  ];
  for (const definition of definitions) await t.ecs.send(new RegisterTaskDefinitionCommand(definition));
  const services: Array<[string, number | 'DAEMON']> = [['consul', 'DAEMON'], ['registrator', 'DAEMON'], ['fabio', 1], ['web', 2], ['weather', 2], ['portal', 1]];
  for (const [name, count] of services) {
    await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: name,
        taskDefinition: name,
        ...(count === 'DAEMON' ? { schedulingStrategy: 'DAEMON' } : { desiredCount: count, placementStrategy: [{ type: 'spread', field: 'instanceId' }] }),
      }),
    );
  }
  t.advance(30_000);
});

afterAll(() => t.close());

/** Waits for what the services do on the sandbox clock (pings, retries, checks): time moves on a little each round. */
function eventuallyAdvancing<T>(probe: () => Promise<T | undefined>, what: string, stepMs = 500): Promise<T> {
  return eventually(async () => {
    const value = await probe();
    if (value === undefined) t.advance(stepMs);
    return value;
  }, what);
}

async function tasksOf(family: string): Promise<Task[]> {
  const arns = (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family, desiredStatus: 'RUNNING' }))).taskArns!;
  if (arns.length === 0) return [];
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks!.filter((task) => task.lastStatus === 'RUNNING');
}

async function endpointOf(kind: string): Promise<string> {
  return eventually(async () => (await endpoints(t)).find((e) => e.kind === kind)?.url, `a ${kind} endpoint`);
}

/** The real host ports of a family's tasks, as /_ecsh/endpoints lists where they listen. */
async function taskPorts(family: string): Promise<number[]> {
  const arns = new Set((await tasksOf(family)).map((task) => task.taskArn));
  return (await endpoints(t)).filter((e) => e.kind === 'task-port' && arns.has(e.arn!)).map((e) => Number(new URL(e.url).port)).sort();
}

async function consulJson(path: string): Promise<Json> {
  const http = await endpointOf('consul-http');
  return (await fetch(`${http}${path}`)).json();
}

async function srvPorts(name: string): Promise<number[]> {
  const dns = new URL(await endpointOf('consul-dns'));
  const reply = await askUdp(dns.hostname, Number(dns.port), `${name}.service.consul`, 'SRV', true);
  return reply.answers!.map((a: Json) => a.data.port as number).sort();
}

async function fabioRoutes(): Promise<Json[]> {
  return (await fetch(`${await endpointOf('fabio-ui')}/api/routes`)).json();
}

describe('the Consul demo on the sandbox', () => {
  it('runs consul and registrator on every instance, and registers the apps with their SERVICE_ names', async () => {
    expect((await tasksOf('consul')).length).toBe(2);
    expect((await tasksOf('registrator')).length).toBe(2);
    const services = await eventuallyAdvancing(async () => {
      const body = await consulJson('/v1/catalog/services');
      return body.web && body.weather ? body : undefined;
    }, 'web and weather in the catalog');
    expect(services.web).toEqual(['urlprefix-/web strip=/web']);
    expect(services.weather).toEqual(['http', 'urlprefix-/weather']);
    const nodes = (await consulJson('/v1/catalog/nodes')) as Json[];
    expect(nodes.map((n) => n.Node).every((name: string) => name.startsWith('i-'))).toBe(true);
    const web = (await consulJson('/v1/catalog/service/web')) as Json[];
    expect(web.map((s) => s.ServiceID).every((id: string) => /^i-[0-9a-f]+:ecs-web-1-web-[0-9a-f]{20}:80$/.test(id))).toBe(true);
  });

  it('lists every passing task real port in the SRV answer, as dig shows it', async () => {
    const expected = await taskPorts('web');
    expect(expected.length).toBe(2);
    await eventuallyAdvancing(async () => ((await srvPorts('web')).join() === expected.join() ? true : undefined), 'both web tasks in DNS');
    await eventuallyAdvancing(async () => ((await srvPorts('weather')).length === 2 ? true : undefined), 'both weather tasks in DNS');
    expect(await srvPorts('weather')).toEqual(await taskPorts('weather'));
    if (await digInstalled()) {
      const dns = new URL(await endpointOf('consul-dns'));
      const answer = await dig(dns.hostname, Number(dns.port), 'web.service.consul', 'SRV', '+short');
      const ports = answer.trim().split('\n').map((line) => Number(line.split(' ')[2])).sort();
      expect(ports).toEqual(expected);
      // Where nothing had to fall back, services are on their instance's twin: the node's own address.
      if (notices.length === 0) expect(answer).toMatch(/ i-[0-9a-f]+\.node\.dc1\.consul\./);
    }
  });

  it('routes through Fabio by path prefix', async () => {
    await eventually(async () => ((await fabioRoutes()).filter((r) => r.service === 'web').length === 2 ? true : undefined), 'Fabio routes to both web tasks');
    await eventually(async () => ((await fabioRoutes()).some((r) => r.service === 'weather') ? true : undefined), 'Fabio routes to weather');
    const proxy = await endpointOf('fabio-proxy');
    const page = await fetch(`${proxy}/web`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Welcome to nginx!');
    const weather = await fetch(`${proxy}/weather/London`);
    expect(await weather.json()).toEqual({ city: 'London', country: 'GB', temp: 11.2, format: 'Celcius' });
  });

  it('lets the portal find the weather service by a DNS SRV lookup', async () => {
    const [portal] = await tasksOf('portal');
    const url = await eventually(async () => (await endpoints(t)).find((e) => e.kind === 'task-port' && e.arn === portal!.taskArn)?.url, 'the portal port');
    expect(await (await fetch(`${url}/weather/Seattle`)).json()).toEqual({ city: 'Seattle', country: 'US', temp: 9.8, format: 'Celcius' });
    expect(await (await fetch(`${url}/health`)).text()).toBe('OK');
    const home = await fetch(url, { redirect: 'manual' });
    expect([home.status, home.headers.get('location')]).toEqual([302, '/index.html']);
  });

  it('drops a stopped task from DNS and Fabio within 2 seconds of simulated time', async () => {
    const [victim] = await tasksOf('web');
    const listening = (await endpoints(t)).find((e) => e.kind === 'task-port' && e.arn === victim!.taskArn)!;
    const port = Number(new URL(listening.url).port);
    expect(await srvPorts('web')).toContain(port);
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: victim!.taskArn!, reason: 'demo' }));
    t.advance(2000);
    await eventually(async () => (!(await srvPorts('web')).includes(port) ? true : undefined), 'the stopped task to leave DNS');
    await eventually(
      async () => (!(await fabioRoutes()).some((r) => r.service === 'web' && r.dst.endsWith(`:${port}/`)) ? true : undefined),
      'the stopped task to leave Fabio',
    );
  });
});
