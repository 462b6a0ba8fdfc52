// A task named by hand as the panes show it (`05f42882`, the start of its id) is found among the
// tasks ECS still lists, running and recently stopped, as `docker` finds a container by a unique
// start of its id. ECS's own operations take only whole ids and ARNs; this is for the shell's
// commands (`.logs`) and panes.
import { paginateListClusters, paginateListTasks, type ECSClient } from '@aws-sdk/client-ecs';

export interface FoundTask {
  /** The whole id, which ECS takes in place of the ARN. */
  taskId: string;
  taskArn: string;
  /** The name of the cluster the task is in. */
  cluster: string;
}

export type TaskLookup = { task: FoundTask } | { error: string };

/** A task id as ECS makes them: 32 hex digits (older ones are UUIDs with dashes). */
const WHOLE_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const MOST_SHOWN = 5;

/**
 * The task whose id starts with `typed`, among those of `cluster` (every cluster when omitted).
 * An ARN or a whole id is taken as it is, without a call. The error says what to type instead:
 * more of the id when several tasks start alike, or where to find the ids when none does.
 */
export async function findTaskByPrefix(ecs: ECSClient, typed: string, options: { cluster?: string } = {}): Promise<TaskLookup> {
  const text = typed.trim();
  if (text.startsWith('arn:')) return { task: fromArn(text) };
  const id = text.toLowerCase();
  if (WHOLE_ID.test(id)) return { task: { taskId: id, taskArn: id, cluster: options.cluster ?? '' } };
  if (!/^[0-9a-f-]+$/.test(id)) return { error: `'${typed}' is not a task id: a task id is hex digits (32 of them, or as many as make it unique, as the panes show it)` };
  const clusters = options.cluster !== undefined ? [options.cluster] : await clusterArns(ecs);
  const found = new Map<string, FoundTask>();
  for (const cluster of clusters) {
    for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
      for await (const page of paginateListTasks({ client: ecs, pageSize: 100 }, { cluster, desiredStatus })) {
        for (const arn of page.taskArns ?? []) {
          const task = fromArn(arn);
          if (task.taskId.startsWith(id)) found.set(arn, task);
        }
      }
    }
  }
  const matches = [...found.values()];
  const where = options.cluster !== undefined ? `cluster ${clusterName(options.cluster)}` : 'any cluster';
  if (matches.length === 1) return { task: matches[0]! };
  if (matches.length === 0) return { error: `no task id starts with '${typed}' in ${where}; list the tasks with: ecs list-tasks --cluster NAME` };
  const shown = matches.slice(0, MOST_SHOWN).map((task) => `${task.taskId} (${task.cluster})`);
  const more = matches.length > MOST_SHOWN ? `, and ${matches.length - MOST_SHOWN} more` : '';
  return { error: `'${typed}' starts ${matches.length} task ids in ${where}: ${shown.join(', ')}${more}; type more of the id` };
}

async function clusterArns(ecs: ECSClient): Promise<string[]> {
  const arns: string[] = [];
  for await (const page of paginateListClusters({ client: ecs, pageSize: 100 }, {})) arns.push(...(page.clusterArns ?? []));
  return arns;
}

/** A task's ARN, long (`task/CLUSTER/ID`) or old and short (`task/ID`). */
function fromArn(arn: string): FoundTask {
  const parts = arn.slice(arn.indexOf(':task/') + ':task/'.length).split('/');
  return { taskId: parts[parts.length - 1]!, taskArn: arn, cluster: parts.length > 1 ? parts[0]! : '' };
}

function clusterName(cluster: string): string {
  return cluster.slice(cluster.lastIndexOf('/') + 1);
}
