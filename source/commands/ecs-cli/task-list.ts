import { DescribeTasksCommand, ListTasksCommand, type DesiredStatus, type Task } from '@aws-sdk/client-ecs';
import type { Backend } from '../../api/index.js';

export interface TaskFilter {
  family?: string;
  serviceName?: string;
  /** Both (RUNNING first) when absent, as ecs-cli's ps lists them. */
  desiredStatus?: DesiredStatus;
}

/** The cluster's tasks that pass the filter, described. */
export async function listTasks(backend: Backend, cluster: string, filter: TaskFilter = {}): Promise<Task[]> {
  const statuses: DesiredStatus[] = filter.desiredStatus ? [filter.desiredStatus] : ['RUNNING', 'STOPPED'];
  const arns: string[] = [];
  for (const desiredStatus of statuses) {
    let token: string | undefined;
    do {
      const page = await backend.ecs.send(
        new ListTasksCommand({ cluster, family: filter.family, serviceName: filter.serviceName, desiredStatus, nextToken: token }),
      );
      arns.push(...(page.taskArns ?? []));
      token = page.nextToken;
    } while (token);
  }
  return describeTasks(backend, cluster, arns);
}

export async function describeTasks(backend: Backend, cluster: string, arns: string[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const page = await backend.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }));
    // Described in the order listed, which DescribeTasks does not keep.
    const byArn = new Map((page.tasks ?? []).map((t) => [t.taskArn!, t]));
    for (const arn of arns.slice(i, i + 100)) if (byArn.has(arn)) tasks.push(byArn.get(arn)!);
  }
  return tasks;
}
