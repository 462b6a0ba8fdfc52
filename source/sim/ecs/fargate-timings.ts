import type { Sandbox } from '../sandbox.js';
import type { TaskStep } from '../model.js';

/**
 * How long a Fargate task takes, which is longer than on an instance that is already there:
 * Fargate first provisions a host and attaches the task's network interface (PROVISIONING),
 * then pulls the image onto that empty host (PENDING), then starts the containers. Stopping,
 * the containers get their SIGTERM, then the host and its interface go (DEPROVISIONING). The
 * durations are log-normal around what Fargate tasks of a small image take, seeded.
 */
const PROVISIONING_MS = { median: 9_000, p99: 30_000 };
const PULL_MS = { median: 6_000, p99: 25_000 };
const CONTAINER_START_MS = { median: 800, p99: 3_000 };
/** From registering in a load balancer (ACTIVATING) to RUNNING. */
const ACTIVATION_MS = { min: 500, max: 1_500 };
const STOP_MS = { stopping: { min: 200, max: 600 }, containersExit: { min: 1_000, max: 4_000 }, deprovisioning: { min: 3_000, max: 10_000 } };

function logNormal(sb: Sandbox, range: { median: number; p99: number }): number {
  return sb.random.logNormal(range.median, range.p99);
}

/** A Fargate task's way to RUNNING, from `now`. */
export function fargateStartSteps(sb: Sandbox, now: number, behindLoadBalancer: boolean): TaskStep[] {
  const provisioned = now + logNormal(sb, PROVISIONING_MS);
  const pullStarted = provisioned + sb.random.int(100, 500);
  const pullStopped = pullStarted + logNormal(sb, PULL_MS);
  const started = pullStopped + logNormal(sb, CONTAINER_START_MS);
  const steps: TaskStep[] = [
    { at: provisioned, to: 'PENDING' },
    { at: pullStarted, to: 'PULL_STARTED' },
    { at: pullStopped, to: 'PULL_STOPPED' },
  ];
  if (behindLoadBalancer) {
    steps.push({ at: started, to: 'ACTIVATING' });
    steps.push({ at: started + sb.random.int(ACTIVATION_MS.min, ACTIVATION_MS.max), to: 'RUNNING' });
  } else {
    steps.push({ at: started, to: 'RUNNING' });
  }
  return steps;
}

/** A Fargate task's way down, from `now`: STOPPING, DEPROVISIONING, STOPPED (after DEACTIVATING when given). */
export function fargateStopSteps(sb: Sandbox, now: number, deactivating: boolean): TaskStep[] {
  let at = now;
  const after = (range: { min: number; max: number }) => (at += sb.random.int(range.min, range.max));
  const steps: TaskStep[] = [];
  if (deactivating) steps.push({ at: after(STOP_MS.stopping), to: 'DEACTIVATING' });
  steps.push({ at: after(STOP_MS.stopping), to: 'STOPPING' });
  steps.push({ at: after(STOP_MS.containersExit), to: 'DEPROVISIONING' });
  steps.push({ at: after(STOP_MS.deprovisioning), to: 'STOPPED' });
  return steps;
}
