import { StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, type TestSandbox } from '../../support/sandbox.js';
import {
  agentViews,
  APP_SERVICES,
  appTasks,
  CLUSTER,
  consulGet,
  nodeFqdn,
  runningTasks,
  srvRecords,
  startConsulDemo,
  taskInstances,
  type DemoOptions,
} from './consul-demo-fixtures.js';

/**
 * The Consul demo (demos/consul-discovery/) on two instances, one of which runs both the
 * consul-server and a consul-agent: whatever the order its services start in, Registrator
 * registers each app task with the agent of the instance it runs on, so that the catalog,
 * health and every agent's DNS name that instance's node (i-….node.us1.consul) and address,
 * and each agent's /v1/agent/services lists what was registered through it.
 */
type Json = any;

const key = (node: string, address: string, port: number) => `${node} ${address}:${port}`;

/** Everything that disagrees with "each app task is registered on its own instance's node", one line each. */
async function registrationFaults(t: TestSandbox): Promise<string[]> {
  const agents = await agentViews(t);
  const apps = await appTasks(t);
  const faults: string[] = [];
  const clients = agents.filter((a) => !a.server);
  for (const agent of clients) if (agent.nodeName !== agent.instanceId) faults.push(`the agent on ${agent.instanceId} is node ${agent.nodeName}`);
  for (const agent of agents.filter((a) => a.server)) {
    const ids = Object.keys(agent.services);
    if (ids.length > 0) faults.push(`nothing registers through server ${agent.nodeName}, yet its /v1/agent/services lists ${ids.join(', ')}`);
  }
  for (const agent of agents) {
    const node = (await consulGet(agent, `/v1/catalog/node/${agent.nodeName}`)) as Json;
    for (const service of Object.values(agent.services) as Json[]) {
      if (service.Address && service.Address !== node.Node.Address) faults.push(`${service.ID} has address ${service.Address} on node ${agent.nodeName} at ${node.Node.Address}`);
    }
  }
  for (const app of apps) {
    const where = (services: Record<string, Json>) => Object.values(services).some((s: Json) => s.Service === app.family && s.Address === app.host && s.Port === app.port);
    const own = clients.find((a) => a.instanceId === app.instanceId);
    if (!own || !where(own.services)) faults.push(`${app.family} on ${app.instanceId} is not in /v1/agent/services of that instance's agent`);
    for (const other of agents.filter((a) => a !== own && where(a.services))) faults.push(`${app.family} on ${app.instanceId} is in /v1/agent/services of ${other.nodeName}`);
  }
  const reader = agents[0]!;
  for (const family of APP_SERVICES) {
    const expected = apps.filter((a) => a.family === family).map((a) => key(a.instanceId, a.host, a.port)).sort();
    const catalog = ((await consulGet(reader, `/v1/catalog/service/${family}`)) as Json[]).map((s) => key(s.Node, s.ServiceAddress, s.ServicePort)).sort();
    if (catalog.join() !== expected.join()) faults.push(`catalog ${family}: ${catalog.join(', ')}; tasks: ${expected.join(', ')}`);
    const health = ((await consulGet(reader, `/v1/health/service/${family}`)) as Json[]).map((e) => key(e.Node.Node, e.Service.Address, e.Service.Port)).sort();
    if (health.join() !== expected.join()) faults.push(`health ${family}: ${health.join(', ')}; tasks: ${expected.join(', ')}`);
    const wanted = apps.filter((a) => a.family === family).map((a) => key(nodeFqdn(a.instanceId), a.host, a.port)).sort();
    for (const agent of agents) {
      const srv = (await srvRecords(agent, family)).map((r) => key(r.target, r.address ?? '-', r.port)).sort();
      if (srv.join() !== wanted.join()) faults.push(`DNS of ${agent.nodeName} for ${family}: ${srv.join(', ')}; tasks: ${wanted.join(', ')}`);
    }
  }
  const fabio = ((await consulGet(reader, '/v1/catalog/service/fabio')) as Json[]).map((s) => s.Node).sort();
  const fabioTasks = await taskInstances(t, 'fabio');
  if (fabio.join() !== fabioTasks.join()) faults.push(`Fabio registered itself on ${fabio.join(', ') || 'no node'}; its tasks run on ${fabioTasks.join(', ') || 'none'}`);
  return faults;
}

/**
 * The faults once Registrator and Consul's checks have caught up with the tasks (they answer
 * in real time, while the clock is simulated): none, or those still there after 15 s.
 */
async function settledFaults(t: TestSandbox): Promise<string[]> {
  const giveUpAt = Date.now() + 15_000;
  for (;;) {
    const faults = await registrationFaults(t);
    if (faults.length === 0 || Date.now() > giveUpAt) return faults;
    await drive(t, 1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const SCENARIOS: Array<{ title: string } & DemoOptions> = [
  {
    title: "the demo's order, each service running before the next is created (as typed by hand)",
    region: 'eu-west-1',
    seed: 4242,
    order: ['consul-server', 'consul-agent', 'registrator', 'weather', 'stock-price', 'portal', 'fabio'],
    gapMs: 20_000,
  },
  {
    title: 'Fabio, Registrator and the apps before the Consul agents',
    region: 'eu-west-1',
    seed: 31,
    order: ['consul-server', 'fabio', 'registrator', 'weather', 'stock-price', 'portal', 'consul-agent'],
    gapMs: 20_000,
  },
  {
    title: 'Registrator first, the server last',
    region: 'ap-southeast-2',
    seed: 8,
    order: ['registrator', 'weather', 'stock-price', 'portal', 'consul-agent', 'consul-server'],
    gapMs: 20_000,
  },
  {
    title: 'every service at once, the agents before the server',
    region: 'ap-southeast-2',
    seed: 515,
    order: ['consul-agent', 'registrator', 'weather', 'stock-price', 'portal', 'consul-server'],
    gapMs: 0,
  },
];

describe.each(SCENARIOS)('the Consul demo: $title', (scenario) => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startConsulDemo(scenario);
  });
  afterAll(() => t.close());

  it('puts one instance\'s consul-server beside its consul-agent', async () => {
    const server = (await runningTasks(t, 'consul-server'))[0]!;
    const agents = await runningTasks(t, 'consul-agent');
    expect(agents).toHaveLength(2);
    expect(agents.map((a) => a.containerInstanceArn)).toContain(server.containerInstanceArn);
  });

  it("registers every app task on its own instance's node, and catalog, health and DNS agree", async () => {
    expect(await settledFaults(t)).toEqual([]);
  });

  it('takes a stopped task out where it was registered, and registers its replacement', async () => {
    const [victim] = await runningTasks(t, 'weather');
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: victim!.taskArn!, reason: 'a weather task lost' }));
    await drive(t, 60_000);
    const weather = await runningTasks(t, 'weather');
    expect(weather.map((task) => task.taskArn)).not.toContain(victim!.taskArn);
    expect(weather).toHaveLength(2);
    expect(await settledFaults(t)).toEqual([]);
  });
});
