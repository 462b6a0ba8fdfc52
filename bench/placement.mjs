// In-process cost of placing one task with the sandbox's scheduler, side by side for the usual
// strategies and constraints, on a cluster of N container instances over 3 Availability Zones
// holding T running tasks of G services (task groups). Each round places one task of the first
// service, reserves it and stops an old task, so the cluster stays full of real reservations;
// only the placeTasks call is timed.
// Prints one JSON line: per scenario p50 / p99 / mean microseconds per task, and p50 over the budget.
// Usage: npm run build && node bench/placement.mjs [--instances 1000] [--tasks 5000] [--groups 10] [--rounds 20000]
import { parseArgs } from 'node:util';
import { Random } from '../dist/sim/random.js';
import { GroupCounts, instanceResources, placeTasks, release, reserve, taskDemand } from '../dist/sim/scheduler/index.js';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1000' },
    tasks: { type: 'string', default: '5000' },
    groups: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '20000' },
  },
});
const INSTANCES = Number(values.instances);
const TASKS = Number(values.tasks);
const GROUPS = Number(values.groups);
const ROUNDS = Number(values.rounds);
const BUDGET_MICROS = 50;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const ARN = 'arn:aws:ecs:us-east-1:123456789012';

const SCENARIOS = {
  random: { strategies: [], constraints: [] },
  binpackMemory: { strategies: [{ type: 'binpack', field: 'memory' }], constraints: [] },
  spreadZoneThenInstance: {
    strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }],
    constraints: [],
  },
  memberOfBinpackCpu: {
    strategies: [{ type: 'binpack', field: 'cpu' }],
    constraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone != us-east-1c' }],
  },
};

/** An m5.xlarge's registration: 4 vCPU, 15.3 GiB after the agent's share. */
function makeInstance(i) {
  const id = i.toString(16).padStart(32, '0');
  return {
    containerInstanceArn: `${ARN}:container-instance/bench/${id}`,
    id,
    clusterArn: `${ARN}:cluster/bench`,
    region: 'us-east-1',
    ec2InstanceId: `i-${id.slice(15)}`,
    version: 1,
    versionInfo: { agentVersion: '1.89.0', agentHash: 'bench', dockerVersion: 'DockerVersion: 25.0.8' },
    status: 'ACTIVE',
    agentConnected: true,
    ...instanceResources(4096, 15682),
    attributes: [
      { name: 'ecs.availability-zone', value: ZONES[i % 3] },
      { name: 'ecs.instance-type', value: i % 4 === 0 ? 't3.xlarge' : 'm5.xlarge' },
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'ecs.cpu-architecture', value: 'x86_64' },
    ],
    tags: [],
    registeredAt: 0,
    runningTasksCount: 0,
    pendingTasksCount: 0,
  };
}

const definition = {
  family: 'web',
  networkMode: 'bridge',
  containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 64, memory: 128, portMappings: [{ containerPort: 80 }] }],
  requiresAttributes: [],
};
const demand = taskDemand(definition);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function run(scenario) {
  const random = new Random(7);
  const instances = Array.from({ length: INSTANCES }, (_, i) => makeInstance(i));
  const tasks = [];
  // Per group, tasks per instance: the count the sandbox keeps beside its task index.
  const groupCounts = new Map();
  const countsOf = (group) => groupCounts.get(group) ?? groupCounts.set(group, new GroupCounts()).get(group);
  const count = (task, delta) => countsOf(task.group).add(task.containerInstanceArn, delta);
  const place = (group) =>
    placeTasks({ instances, tasks, groupCounts: countsOf(group), demand, count: 1, group, strategies: scenario.strategies, constraints: scenario.constraints, random });
  const keep = (outcome, group) => {
    const { instance, reservation } = outcome.placements[0];
    reserve(instance, reservation);
    const task = { group, lastStatus: 'RUNNING', containerInstanceArn: instance.containerInstanceArn, _reservation: reservation, _instance: instance };
    tasks.push(task);
    count(task, 1);
  };
  while (tasks.length < TASKS) {
    const group = `service:app-${tasks.length % GROUPS}`;
    keep(place(group), group);
  }
  const micros = new Float64Array(ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    const outcome = place('service:app-0');
    micros[round] = Number(process.hrtime.bigint() - start) / 1000;
    if (outcome.placements.length !== 1) throw new Error(`round ${round}: no placement: ${JSON.stringify(outcome.failures[0])}`);
    keep(outcome, 'service:app-0');
    const old = tasks.splice(random.int(0, tasks.length - 2), 1)[0];
    release(old._instance, old._reservation);
    count(old, -1);
  }
  const sorted = [...micros].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  return {
    microsPerTask_p50: +p50.toFixed(2),
    microsPerTask_p99: +percentile(sorted, 99).toFixed(2),
    microsPerTask_mean: +(micros.reduce((s, v) => s + v, 0) / ROUNDS).toFixed(2),
    p50OverBudget: +(p50 / BUDGET_MICROS).toFixed(3),
  };
}

const scenarios = {};
for (const [name, scenario] of Object.entries(SCENARIOS)) scenarios[name] = run(scenario);
const headline = scenarios.random;
console.log(
  JSON.stringify({
    instances: INSTANCES,
    tasks: TASKS,
    groups: GROUPS,
    rounds: ROUNDS,
    budgetMicros: BUDGET_MICROS,
    microsPerTask_p50: headline.microsPerTask_p50,
    p99: headline.microsPerTask_p99,
    scenarios,
    rssMB: Math.round(process.memoryUsage().rss / 1048576),
  }),
);
