import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ManualClock, startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../source/sim/index.js';
import { healthChecksSettled, listEndpoints } from '../../source/sim/network/index.js';

export interface TestSandbox {
  running: RunningSandbox;
  ecs: ECSClient;
  ec2: EC2Client;
  clock: ManualClock;
  /** Moves simulated time forward, running what falls due on the way. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' };

/** A sandbox on a free loopback port with a manual clock, and real SDK clients pointed at it. */
export async function startTestSandbox(options: StartSandboxOptions & { region?: string } = {}): Promise<TestSandbox> {
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock();
  const running = await startSandbox({ seed: 1, ...options, clock });
  const config = { endpoint: running.url, region: options.region ?? 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  const ecs = new ECSClient(config);
  const ec2 = new EC2Client(config);
  return {
    running,
    ecs,
    ec2,
    clock,
    advance: (ms) => running.sandbox.advance(ms),
    close: async () => {
      ecs.destroy();
      ec2.destroy();
      await running.close();
    },
  };
}

/** The error an SDK call fails with (its `name` is the AWS error code). */
export async function errorOf(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Whether every serving task with ports has published them (the runtime binds them asynchronously). */
function tasksListening(t: TestSandbox): boolean {
  const sb = t.running.sandbox;
  const published = new Set(listEndpoints(sb).filter((e) => e.kind === 'task-port').map((e) => e.arn));
  for (const task of sb.tables.tasks.values()) {
    const serving = task.desiredStatus === 'RUNNING' && (task.lastStatus === 'ACTIVATING' || task.lastStatus === 'RUNNING');
    // From the definition: an awsvpc task's ports are its own address's, with no host bindings.
    const def = sb.tables.taskDefinitions.get(task.taskDefinitionArn);
    const ports = def?.containerDefinitions.some((c) => (c.portMappings ?? []).length > 0) ?? false;
    if (serving && ports && !published.has(task.taskArn)) return false;
  }
  return true;
}

/**
 * Moves the clock on in steps, letting what each step starts happen before the next, as it
 * would in real time: tasks' ports start listening, health checks are answered.
 */
export async function drive(t: TestSandbox, ms: number, step = 1_000): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    t.advance(Math.min(step, ms - done));
    while (!tasksListening(t)) await new Promise((resolve) => setTimeout(resolve, 1));
    await healthChecksSettled(t.running.sandbox);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
