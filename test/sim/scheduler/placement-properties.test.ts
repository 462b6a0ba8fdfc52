import { describe, expect, it } from 'vitest';
import type { ContainerInstanceRecord, PortMapping, TaskRecord } from '../../../source/sim/model.js';
import { Random } from '../../../source/sim/random.js';
import {
  type PlacementConstraint,
  type PlacementStrategy,
  parseClusterQuery,
  matchesClusterQuery,
  placeTasks,
  release,
  reserve,
  taskDemand,
} from '../../../source/sim/scheduler/index.js';
import { container, instance, task, taskDefinition } from './fixtures.js';

const STRATEGIES: PlacementStrategy[][] = [
  [],
  [{ type: 'binpack', field: 'memory' }],
  [{ type: 'binpack', field: 'cpu' }],
  [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }],
  [{ type: 'spread', field: 'instanceId' }, { type: 'binpack', field: 'memory' }],
  [{ type: 'random' }],
];

const EXPRESSIONS = [
  'attribute:ecs.availability-zone != us-east-1c',
  'attribute:ecs.instance-type =~ t3.*',
  'not(task:group == family:batch)',
  'runningTasksCount < 6',
];

const PORT_CHOICES: PortMapping[] = [
  { containerPort: 80, hostPort: 80 },
  { containerPort: 80, hostPort: 8080 },
  { containerPort: 80 },
  { containerPort: 80, hostPort: 0 },
  { containerPort: 53, hostPort: 53, protocol: 'udp' },
  { containerPort: 5000, protocol: 'udp' },
];

interface World {
  instances: ContainerInstanceRecord[];
  live: TaskRecord[];
}

function randomPlacement(rng: Random, world: World) {
  const mappings = PORT_CHOICES.filter(() => rng.next() < 0.25);
  const def = taskDefinition({
    networkMode: rng.next() < 0.2 ? 'host' : 'bridge',
    containers: [container({ cpu: rng.pick([0, 128, 256, 512, 1024]), memory: rng.pick([64, 128, 512, 900]), portMappings: mappings })],
  });
  const constraints: PlacementConstraint[] = [];
  if (rng.next() < 0.2) constraints.push({ type: 'distinctInstance' });
  if (rng.next() < 0.3) constraints.push({ type: 'memberOf', expression: rng.pick(EXPRESSIONS) });
  const group = rng.pick(['family:web', 'family:batch', 'service:api']);
  const strategies = rng.pick(STRATEGIES);
  const outcome = placeTasks({
    instances: world.instances,
    tasks: world.live,
    demand: taskDemand(def),
    count: rng.int(1, 6),
    group,
    strategies,
    constraints,
    random: rng,
  });
  for (const { instance: host, reservation } of outcome.placements) {
    expect(host.status).toBe('ACTIVE');
    expect(host.agentConnected).toBe(true);
    const groupHere = world.live.filter((t) => t.containerInstanceArn === host.containerInstanceArn && t.group === group).length;
    if (constraints.some((c) => c.type === 'distinctInstance')) expect(groupHere).toBe(0);
    for (const c of constraints) {
      if (c.type === 'memberOf') expect(matchesClusterQuery(parseClusterQuery(c.expression!), host, world.live)).toBe(true);
    }
    reserve(host, reservation);
    const placed = task(host, group);
    placed._reservation = reservation;
    world.live.push(placed);
  }
}

function stop(world: World, doomed: TaskRecord): void {
  const host = world.instances.find((i) => i.containerInstanceArn === doomed.containerInstanceArn)!;
  release(host, doomed._reservation);
  world.live.splice(world.live.indexOf(doomed), 1);
}

function addInstance(rng: Random, world: World): void {
  const zone = rng.pick(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  const instanceType = rng.pick(['t3.medium', 'm5.large']);
  world.instances.push(instance({ cpu: rng.int(1, 4) * 1024, memory: rng.int(1, 8) * 512, zone, instanceType }));
}

function step(rng: Random, world: World): void {
  const roll = rng.next();
  if (roll < 0.1) {
    addInstance(rng, world);
  } else if (roll < 0.55) {
    randomPlacement(rng, world);
  } else if (roll < 0.8) {
    if (world.live.length > 0) stop(world, rng.pick(world.live));
  } else if (roll < 0.88) {
    const host = rng.pick(world.instances);
    for (const t of world.live.filter((l) => l.containerInstanceArn === host.containerInstanceArn)) stop(world, t);
    host.status = 'INACTIVE';
    host.agentConnected = false;
  } else {
    const host = rng.pick(world.instances);
    if (host.status === 'INACTIVE') return;
    if (rng.next() < 0.5) host.status = host.status === 'ACTIVE' ? 'DRAINING' : 'ACTIVE';
    else host.agentConnected = !host.agentConnected;
  }
}

function sameMultiset(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.every((v, i) => v === y[i]);
}

/** What every instance must hold after any sequence of operations; the broken rules, if any. */
function violations(world: World): string[] {
  const broken: string[] = [];
  for (const host of world.instances) {
    const mine = world.live.filter((t) => t.containerInstanceArn === host.containerInstanceArn);
    const cpu = mine.reduce((sum, t) => sum + t._reservation.cpu, 0);
    const memory = mine.reduce((sum, t) => sum + t._reservation.memory, 0);
    const tcp = [...host._registered.ports, ...mine.flatMap((t) => t._reservation.ports)];
    const udp = [...host._registered.portsUdp, ...mine.flatMap((t) => t._reservation.portsUdp)];
    const left = host._remaining;
    if (left.cpu !== host._registered.cpu - cpu || left.cpu < 0) broken.push(`${host.id}: cpu ${left.cpu}, held ${cpu}`);
    if (left.memory !== host._registered.memory - memory || left.memory < 0) broken.push(`${host.id}: memory ${left.memory}, held ${memory}`);
    if (new Set(tcp).size !== tcp.length) broken.push(`${host.id}: tcp host port clash ${tcp}`);
    if (new Set(udp).size !== udp.length) broken.push(`${host.id}: udp host port clash ${udp}`);
    if (!sameMultiset(left.ports, tcp)) broken.push(`${host.id}: ports in use ${left.ports}, held ${tcp}`);
    if (!sameMultiset(left.portsUdp, udp)) broken.push(`${host.id}: udp ports in use ${left.portsUdp}, held ${udp}`);
    if (host.runningTasksCount !== mine.length) broken.push(`${host.id}: runningTasksCount ${host.runningTasksCount}, ${mine.length} tasks`);
  }
  return broken;
}

describe('placement under random sequences of operations', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i: never over-commits, never clashes ports, remaining = registered - held', (seed) => {
    const rng = new Random(seed);
    const world: World = { instances: [], live: [] };
    for (let i = 0; i < 24; i++) addInstance(rng, world);
    for (let i = 0; i < 400; i++) {
      step(rng, world);
      const broken = violations(world);
      if (broken.length > 0) expect.fail(`after step ${i}: ${broken.join('; ')}`);
    }
    expect(world.instances.length).toBeGreaterThan(24);
    expect(world.live.length).toBeGreaterThan(0);
  });
});
