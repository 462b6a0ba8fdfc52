import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ManualClock, startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../source/sim/index.js';

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
