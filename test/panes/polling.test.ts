import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateServiceCommand,
  ECSClient,
  ECSServiceException,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaneApi } from '../../source/panes/models/pane-api.js';
import { loadPlacement } from '../../source/panes/models/placement-model.js';
import { PollLoop } from '../../source/panes/models/poll-loop.js';
import { loadServices } from '../../source/panes/models/services-model.js';
import { loadTasks, type TasksSnapshot } from '../../source/panes/models/tasks-model.js';
import { TEST_CREDENTIALS } from '../support/sandbox.js';
import { clusterWithInstances, startPaneSandbox, type PaneSandbox } from './support/pane-sandbox.js';

let t: PaneSandbox;
beforeAll(async () => {
  t = await startPaneSandbox();
  // Small enough for hundreds of tasks on a few instances.
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: 'tiny', containerDefinitions: [{ name: 'app', image: 'nginx', cpu: 1, memory: 6 }] }));
});
afterAll(() => t.close());

interface Sent {
  command: string;
  input: Record<string, unknown>;
}

/**
 * An SDK client of its own on the sandbox, recording every request it sends and how many of
 * each kind were out at once; `slow` holds each request a little so that overlaps would show.
 */
function recordingApi(options: { slow?: boolean; fail?: (command: string, n: number) => Error | undefined } = {}) {
  const ecs = new ECSClient({ endpoint: t.running.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  const sent: Sent[] = [];
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  ecs.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName!.replace(/Command$/, '');
      sent.push({ command, input: args.input as Record<string, unknown> });
      const failure = options.fail?.(command, sent.filter((s) => s.command === command).length);
      if (failure) throw failure;
      inFlight.set(command, (inFlight.get(command) ?? 0) + 1);
      peak.set(command, Math.max(peak.get(command) ?? 0, inFlight.get(command)!));
      try {
        if (options.slow) await sleep(3);
        return await next(args);
      } finally {
        inFlight.set(command, inFlight.get(command)! - 1);
      }
    },
    { step: 'initialize', name: 'recordRequests' },
  );
  const api = new PaneApi({ kind: 'sandbox', ecs, endpoints: t.running.url });
  const sizes = (command: string, key: string) => sent.filter((s) => s.command === command).map((s) => (s.input[key] as unknown[]).length);
  return { api, sent, peak, sizes, close: () => ecs.destroy() };
}

async function runTiny(cluster: string, count: number): Promise<void> {
  for (let left = count; left > 0; left -= 10) {
    await t.ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'tiny', count: Math.min(10, left) }));
  }
}

function throttled(): Error {
  return new ECSServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' });
}

describe('polling through the SDK', () => {
  it('describes tasks 100, instances 100 and services 10 to a call, and follows every page of the lists', async () => {
    await clusterWithInstances(t, 'big', Array.from({ length: 120 }, (_, i) => ['us-east-1a', 'us-east-1b', 'us-east-1c'][i % 3]!));
    await runTiny('big', 250);
    for (let i = 0; i < 25; i++) {
      await t.ecs.send(new CreateServiceCommand({ cluster: 'big', serviceName: `svc${i}`, taskDefinition: 'tiny', desiredCount: 0 }));
    }
    const recorder = recordingApi();
    try {
      const tasks = await loadTasks(recorder.api, { cluster: 'big' });
      expect(tasks.rows).toHaveLength(250);
      expect(recorder.sizes('DescribeTasks', 'tasks')).toEqual([100, 100, 50]);
      const listed = recorder.sent.filter((s) => s.command === 'ListTasks');
      expect(listed.map((s) => [s.input.desiredStatus, s.input.maxResults, s.input.nextToken === undefined])).toEqual([
        ['RUNNING', 100, true],
        ['RUNNING', 100, false],
        ['RUNNING', 100, false],
        ['STOPPED', 100, true],
      ]);

      const placement = await loadPlacement(recorder.api, { cluster: 'big' });
      expect(placement.zones.map((z) => z.instances.length)).toEqual([40, 40, 40]);
      expect(placement.zones.reduce((n, z) => n + z.taskCount, 0)).toBe(250);
      expect(recorder.sizes('DescribeContainerInstances', 'containerInstances')).toEqual([100, 20]);

      const services = await loadServices(recorder.api, { cluster: 'big' });
      expect(services.services).toHaveLength(25);
      expect(recorder.sizes('DescribeServices', 'services')).toEqual([10, 10, 5]);
    } finally {
      recorder.close();
    }
  });

  it('never has two requests of a kind in flight, however many panes and refreshes ask at once', async () => {
    await clusterWithInstances(t, 'busy', ['us-east-1a', 'us-east-1b']);
    await clusterWithInstances(t, 'busier', ['us-east-1a']);
    await runTiny('busy', 30);
    await runTiny('busier', 5);
    const recorder = recordingApi({ slow: true });
    try {
      const tasks = new PollLoop(() => loadTasks(recorder.api, { cluster: 'busy' }), 1_000);
      const others = new PollLoop(() => loadTasks(recorder.api, { cluster: 'busier' }), 1_000);
      const placement = new PollLoop(() => loadPlacement(recorder.api, { cluster: 'busy' }), 1_000);
      await Promise.all([tasks.refresh(), others.refresh(), tasks.refresh(), placement.refresh(), tasks.refresh(), placement.refresh()]);
      expect(Object.fromEntries(recorder.peak)).toEqual({ ListTasks: 1, DescribeTasks: 1, ListContainerInstances: 1, DescribeContainerInstances: 1 });
      // The three refreshes of one loop while its poll was out made that one poll.
      const stoppedLists = recorder.sent.filter((s) => s.command === 'ListTasks' && s.input.desiredStatus === 'STOPPED');
      expect(stoppedLists.map((s) => s.input.cluster)).toEqual(expect.arrayContaining(['busy', 'busier']));
      expect(stoppedLists).toHaveLength(2);
      expect(tasks.state.data?.rows).toHaveLength(30);
      expect(others.state.data?.rows).toHaveLength(5);
      expect(placement.state.data?.zones).toHaveLength(2);
    } finally {
      recorder.close();
    }
  });

  it('backs off while throttled, keeps showing the last data, and goes back to its interval after', async () => {
    await clusterWithInstances(t, 'throttled', ['us-east-1a']);
    await runTiny('throttled', 3);
    let throttle = false;
    const recorder = recordingApi({ fail: () => (throttle ? throttled() : undefined) });
    try {
      const loop = new PollLoop(() => loadTasks(recorder.api, { cluster: 'throttled' }), 1_000);
      await loop.refresh();
      const first = loop.state.data;
      expect(first?.rows).toHaveLength(3);
      expect(loop.state).toMatchObject({ throttled: false, delayMs: 1_000 });
      expect(loop.state.error).toBeUndefined();

      throttle = true;
      const delays: number[] = [];
      for (let i = 0; i < 7; i++) {
        await loop.refresh();
        delays.push(loop.state.delayMs);
      }
      expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
      expect(loop.state.throttled).toBe(true);
      expect(loop.state.error).toBe('ThrottlingException: Rate exceeded');
      expect(loop.state.data).toBe(first);

      throttle = false;
      await loop.refresh();
      expect(loop.state).toMatchObject({ throttled: false, delayMs: 1_000 });
      expect(loop.state.error).toBeUndefined();
    } finally {
      recorder.close();
    }
  });

  it('gives back the same row objects for tasks that did not change, so only changed rows draw again', async () => {
    await clusterWithInstances(t, 'steady', ['us-east-1a']);
    await runTiny('steady', 4);
    t.advance(10_000);
    const recorder = recordingApi();
    try {
      const before: TasksSnapshot = await loadTasks(recorder.api, { cluster: 'steady' });
      const same = await loadTasks(recorder.api, { cluster: 'steady' }, before);
      expect(same.rows.every((row, i) => row === before.rows[i])).toBe(true);

      const victim = before.rows[1]!;
      await t.ecs.send(new StopTaskCommand({ cluster: 'steady', task: victim.key }));
      const after = await loadTasks(recorder.api, { cluster: 'steady' }, same);
      const changed = after.rows.filter((row) => !before.rows.includes(row));
      expect(changed.map((row) => row.key)).toEqual([victim.key]);
      expect(changed[0]!.desiredStatus).toBe('STOPPED');
    } finally {
      recorder.close();
    }
  });
});
