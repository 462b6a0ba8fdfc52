import type { Task } from '@aws-sdk/client-ecs';
import { familyOf } from './arn-ids.js';
import { sumFamilies, type FamilyCount } from './family-counts.js';
import { compareText } from './reuse-rows.js';
import { taskSize } from './task-network.js';

/**
 * The Fargate tasks of one Availability Zone: they run on no instance of the account's, so
 * the placement pane shows them as one row per zone, beside the zone's instances.
 */
export interface FargateBlock {
  key: string;
  signature: string;
  zone: string;
  /** Tasks by family, in family order. */
  tasks: FamilyCount[];
  count: number;
  /** Of those, the ones on FARGATE_SPOT (which may be interrupted). */
  spot: number;
  /** What the tasks hold in all: task-level CPU units and MiB. */
  cpu: number;
  memory: number;
  /** The tasks' ARNs, for the details view. */
  taskArns: string[];
}

/** The key of a zone's Fargate row: no ARN looks like it. */
export function fargateKey(zone: string): string {
  return `fargate:${zone}`;
}

/** Live Fargate tasks grouped by zone (`zoneOf` names a task's zone), reusing a previous block whose tasks have not changed. */
export function fargateBlocks(tasks: readonly Task[], zoneOf: (task: Task) => string, previous: readonly FargateBlock[] = []): Map<string, FargateBlock> {
  const byZone = new Map<string, Task[]>();
  for (const task of tasks) {
    const zone = zoneOf(task);
    const list = byZone.get(zone) ?? [];
    list.push(task);
    byZone.set(zone, list);
  }
  const before = new Map(previous.map((block) => [block.key, block]));
  const blocks = new Map<string, FargateBlock>();
  for (const [zone, list] of byZone) {
    list.sort((a, b) => compareText(a.taskArn ?? '', b.taskArn ?? ''));
    const signature = list.map((task) => `${task.taskArn}:${task.version ?? ''}:${task.lastStatus}`).join(';');
    const old = before.get(fargateKey(zone));
    blocks.set(zone, old && old.signature === signature ? old : fargateBlock(zone, list, signature));
  }
  return blocks;
}

function fargateBlock(zone: string, tasks: readonly Task[], signature: string): FargateBlock {
  return {
    key: fargateKey(zone),
    signature,
    zone,
    tasks: sumFamilies(tasks.map((task) => ({ family: familyOf(task.taskDefinitionArn), count: 1, pending: task.lastStatus === 'RUNNING' ? 0 : 1 }))),
    count: tasks.length,
    spot: tasks.filter((task) => task.capacityProviderName === 'FARGATE_SPOT').length,
    cpu: tasks.reduce((n, task) => n + taskSize(task.cpu), 0),
    memory: tasks.reduce((n, task) => n + taskSize(task.memory), 0),
    taskArns: tasks.map((task) => task.taskArn ?? ''),
  };
}
