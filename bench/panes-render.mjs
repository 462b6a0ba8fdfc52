// Render cost of the live panes at 1 Hz: the tasks pane over 2,000 tasks and the placement pane
// over 200 container instances (3 zones), each frame after a poll in which 2% of the tasks
// changed (new versions, PENDING -> RUNNING, replacements). A frame is timed from the poll's
// answer to the frame written: shaping the rows, React, layout and the output string. The CPU
// share is the CPU time of those frames over the wall time of the paced run (making up the
// poll's answers, which the SDK would do, is left out of both).
// Side by side: `reuse` is the panes as built (unchanged rows keep their objects, so memoized
// rows skip rendering); `fresh` shapes every row anew each poll, as without row reuse.
// Prints one JSON line. Usage: npm run build && node bench/panes-render.mjs [--frames 10] [--tasks 2000] [--instances 200] [--hz 1]
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '10' },
    tasks: { type: 'string', default: '2000' },
    instances: { type: 'string', default: '200' },
    hz: { type: 'string', default: '1' },
    // React's development build checks and records every element: several times slower.
    react: { type: 'string', default: 'production' },
  },
});
// React picks its build when first loaded, so this goes before anything imports it.
process.env.NODE_ENV = values.react;
const { render } = await import('ink');
const { createElement } = await import('react');
const { placementSnapshot } = await import('../dist/panes/models/placement-model.js');
const { tasksSnapshot } = await import('../dist/panes/models/tasks-model.js');
const { PlacementPane } = await import('../dist/panes/PlacementPane.js');
const { TasksPane } = await import('../dist/panes/TasksPane.js');
const FRAMES = Number(values.frames);
const TASKS = Number(values.tasks);
const INSTANCES = Number(values.instances);
const INTERVAL_MS = 1000 / Number(values.hz);
const CHANGED_SHARE = 0.02;
const BUDGET_MS = 10;
const BUDGET_CPU = 0.1;
/** The body of a pane beside the prompt in a 120x45 terminal (half the columns, less its rule; less title and footer). */
const WIDTH = 59;
const HEIGHT = 42;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const FAMILIES = Array.from({ length: 12 }, (_, i) => `app${i}`);
const ARN = 'arn:aws:ecs:us-east-1:123456789012';
const T0 = Date.UTC(2026, 0, 1);

/** A deterministic generator, so both variants see the same cluster and the same changes. */
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const hex = (n, width = 32) => n.toString(16).padStart(width, '0');

function makeCluster() {
  const instances = Array.from({ length: INSTANCES }, (_, i) => ({
    containerInstanceArn: `${ARN}:container-instance/bench/${hex(i)}`,
    ec2InstanceId: `i-${hex(i, 17)}`,
    status: 'ACTIVE',
    agentConnected: true,
    version: 1,
    attributes: [
      { name: 'ecs.availability-zone', value: ZONES[i % 3] },
      { name: 'ecs.instance-type', value: 'm5.xlarge' },
    ],
    registeredResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 15682 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
    ],
    remainingResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 4096 - 10 * 128 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 15682 - 10 * 256 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679', '32768', '32769'] },
    ],
  }));
  const tasks = Array.from({ length: TASKS }, (_, i) => makeTask(i, i % INSTANCES, 'RUNNING'));
  return { instances, tasks };
}

function makeTask(i, instanceIndex, lastStatus) {
  const family = FAMILIES[i % FAMILIES.length];
  return {
    taskArn: `${ARN}:task/bench/${hex(i)}`,
    taskDefinitionArn: `${ARN}:task-definition/${family}:3`,
    containerInstanceArn: `${ARN}:container-instance/bench/${hex(instanceIndex)}`,
    availabilityZone: ZONES[instanceIndex % 3],
    lastStatus,
    desiredStatus: 'RUNNING',
    version: 1,
    group: `service:${family}`,
    createdAt: new Date(T0 + i),
    startedAt: lastStatus === 'RUNNING' ? new Date(T0 + i + 1400) : undefined,
    containers: [{ name: family, networkBindings: [{ hostPort: 32768 + (i % 2), containerPort: 80, protocol: 'tcp' }] }],
  };
}

/** One poll's worth of change: 2% of the tasks move on a version, a few are replaced. */
function poll(cluster, random, tick) {
  const tasks = cluster.tasks;
  const changes = Math.round(tasks.length * CHANGED_SHARE);
  for (let n = 0; n < changes; n++) {
    const at = Math.floor(random() * tasks.length);
    const old = tasks[at];
    tasks[at] =
      n % 4 === 0
        ? makeTask(TASKS + tick * changes + n, Math.floor(random() * INSTANCES), 'PENDING')
        : { ...old, version: old.version + 1, lastStatus: old.lastStatus === 'PENDING' ? 'RUNNING' : old.lastStatus };
  }
  for (let n = 0; n < changes / 10; n++) {
    const at = Math.floor(random() * cluster.instances.length);
    cluster.instances[at] = { ...cluster.instances[at], version: cluster.instances[at].version + 1 };
  }
  // What the SDK hands over after a poll: new objects for everything, changed or not.
  return { tasks: structuredClone(tasks), instances: structuredClone(cluster.instances) };
}

class FakeStdout extends EventEmitter {
  columns = WIDTH;
  rows = HEIGHT + 2;
  bytes = 0;
  write = (frame) => {
    this.bytes += frame.length;
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = false;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return null;
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const PANES = {
  tasks: (data, previous, tick) => {
    const snapshot = tasksSnapshot({ cluster: 'bench' }, data.tasks, previous);
    const selectedKey = snapshot.rows[Math.floor(snapshot.rows.length / 2)].key;
    return { snapshot, tree: createElement(TasksPane, { rows: snapshot.rows, selectedKey, width: WIDTH, height: HEIGHT, now: T0 + 600_000 + tick * INTERVAL_MS }) };
  },
  placement: (data, previous) => {
    const snapshot = placementSnapshot({ cluster: 'bench' }, data.instances, data.tasks, previous);
    const selectedKey = snapshot.zones[1].instances[10].key;
    return { snapshot, tree: createElement(PlacementPane, { zones: snapshot.zones, families: snapshot.families, selectedKey, width: WIDTH, height: HEIGHT }) };
  },
};

async function run(pane, reuse) {
  const cluster = makeCluster();
  const random = lcg(42);
  const stdout = new FakeStdout();
  let { snapshot, tree } = PANES[pane](poll(cluster, random, 0), undefined, 0);
  // debug: every render is written at once, unthrottled, so the frame's whole cost is in the timing.
  const instance = render(tree, { stdout, stdin: new FakeStdin(), debug: true, patchConsole: false, exitOnCtrlC: false });
  const ms = [];
  let cpuMicros = 0;
  await sleep(INTERVAL_MS);
  const wallStart = performance.now();
  for (let tick = 1; tick <= FRAMES; tick++) {
    const tickStart = performance.now();
    const data = poll(cluster, random, tick);
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    ({ snapshot, tree } = PANES[pane](data, reuse ? snapshot : undefined, tick));
    instance.rerender(tree);
    ms.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuMicros += cpu.user + cpu.system;
    await sleep(Math.max(0, INTERVAL_MS - (performance.now() - tickStart)));
  }
  const wall = performance.now() - wallStart;
  instance.unmount();
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    msPerFrame_p50: +percentile(sorted, 50).toFixed(2),
    msPerFrame_p99: +percentile(sorted, 99).toFixed(2),
    msPerFrame_mean: +(ms.reduce((s, v) => s + v, 0) / ms.length).toFixed(2),
    cpuShare: +(cpuMicros / 1000 / wall).toFixed(4),
    bytesPerFrame: Math.round(stdout.bytes / (FRAMES + 1)),
  };
}

const results = {};
for (const pane of Object.keys(PANES)) {
  const reuse = await run(pane, true);
  const fresh = await run(pane, false);
  results[pane] = { reuse, fresh, freshOverReuse: +(fresh.msPerFrame_mean / reuse.msPerFrame_mean).toFixed(2) };
}
const worst = Math.max(results.tasks.reuse.msPerFrame_p50, results.placement.reuse.msPerFrame_p50);
const worstCpu = Math.max(results.tasks.reuse.cpuShare, results.placement.reuse.cpuShare);
console.log(
  JSON.stringify({
    taskCount: TASKS,
    instanceCount: INSTANCES,
    react: values.react,
    frames: FRAMES,
    hz: Number(values.hz),
    pane: `${WIDTH}x${HEIGHT}`,
    budgetMs: BUDGET_MS,
    budgetCpuShare: BUDGET_CPU,
    msPerFrame_p50: worst,
    cpuShare: worstCpu,
    withinBudget: worst <= BUDGET_MS && worstCpu <= BUDGET_CPU,
    ...results,
    rssMB: Math.round(process.memoryUsage().rss / 1048576),
  }),
);
