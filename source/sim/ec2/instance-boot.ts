import type { Ec2InstanceRecord, Ec2InstanceStateName } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { releasePrivateIp } from './subnets.js';

/**
 * An instance's life on the simulated clock: pending -> running, stopping -> stopped,
 * shutting-down -> terminated, each after a seeded delay; then, on a running instance
 * with the ECS agent, the agent's start (sim/ecs/instance-agent.ts). Terminated instances
 * stay visible for an hour, as in EC2, then disappear.
 */

export const STATE_CODES: Record<Ec2InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

const TRANSITION_JOB = 'ec2-instance';
/** The ECS agent's start on a running instance (ECS handles the job: the agent is its side). */
export const AGENT_JOB = 'ecs-agent';
const PURGE_JOB = 'ec2-instance-purge';

/** Median and 99th percentile of each step, in simulated ms: a few seconds, as the sandbox keeps things brisk. */
const DELAYS: Record<'pending' | 'stopping' | 'shutting-down' | 'agent', [number, number]> = {
  pending: [4000, 8000],
  stopping: [5000, 10_000],
  'shutting-down': [4000, 8000],
  agent: [2000, 4000],
};
const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;

export function setState(sb: Sandbox, instance: Ec2InstanceRecord, name: Ec2InstanceStateName): void {
  instance.state = { code: STATE_CODES[name], name };
  sb.events.emit('ec2-instance', instance);
}

/** Puts an instance into a transitional state and schedules the step that ends it. */
export function beginTransition(sb: Sandbox, instance: Ec2InstanceRecord, name: 'pending' | 'stopping' | 'shutting-down'): void {
  setState(sb, instance, name);
  const [median, p99] = DELAYS[name];
  const delay = Math.round(sb.random.logNormal(median, p99));
  instance._transitionAt = sb.now() + delay;
  sb.schedule(delay, TRANSITION_JOB, instance.instanceId);
}

/** How EC2 words a user-initiated change: "User initiated (2026-01-01 12:00:00 GMT)". */
export function userInitiated(sb: Sandbox): string {
  return `User initiated (${new Date(sb.now()).toISOString().slice(0, 19).replace('T', ' ')} GMT)`;
}

/**
 * The host is going down: whatever runs on it hears so (the ECS agent disconnects, and ECS
 * stops the tasks on it). An event, so that EC2 knows nothing of ECS.
 */
export function hostGoingDown(sb: Sandbox, instance: Ec2InstanceRecord, what: 'stopped' | 'terminated'): void {
  sb.events.emit('ec2-host-down', instance, what);
}

function finishTransition(sb: Sandbox, instanceId: string): void {
  const instance = sb.tables.ec2Instances.get(instanceId);
  // A job for a transition that was superseded (a start after a stop, say) finds a later due time.
  if (!instance || instance._transitionAt === undefined || instance._transitionAt > sb.now()) return;
  instance._transitionAt = undefined;
  switch (instance.state.name) {
    case 'pending':
      instance.stateReason = undefined;
      instance._runningSince = sb.now();
      setState(sb, instance, 'running');
      if (instance._ecsCluster) sb.schedule(Math.round(sb.random.logNormal(...DELAYS.agent)), AGENT_JOB, instanceId);
      break;
    case 'stopping':
      instance.publicIpAddress = undefined;
      instance.publicDnsName = undefined;
      setState(sb, instance, 'stopped');
      break;
    case 'shutting-down':
      instance.publicIpAddress = undefined;
      instance.publicDnsName = undefined;
      releasePrivateIp(sb, instance.subnetId, instance.privateIpAddress);
      setState(sb, instance, 'terminated');
      sb.schedule(TERMINATED_VISIBLE_MS, PURGE_JOB, instanceId);
      break;
    default:
      break;
  }
}

function purge(sb: Sandbox, instanceId: string): void {
  const instance = sb.tables.ec2Instances.get(instanceId);
  if (instance?.state.name === 'terminated') sb.tables.ec2Instances.delete(instanceId);
}

export function installInstanceJobs(sb: Sandbox): void {
  sb.onJob(TRANSITION_JOB, finishTransition);
  sb.onJob(PURGE_JOB, purge);
}
