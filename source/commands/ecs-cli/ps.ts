import type { DesiredStatus } from '@aws-sdk/client-ecs';
import { stringFlag } from './parse-args.js';
import { containerRows, psLines } from './ps-table.js';
import { defineVerb } from './run-verb.js';
import { listTasks } from './task-list.js';
import { withTarget } from './target.js';

/** `ps`: every container of the cluster's tasks, in ecs-cli's table. */
export const ps = defineVerb('ps', async (args, context) =>
  withTarget(args, context, async (target) => {
    const tasks = await listTasks(target.backend, target.cluster, { desiredStatus: stringFlag(args, 'desired-status') as DesiredStatus | undefined });
    for (const line of psLines(await containerRows(target.backend, target.cluster, tasks))) context.print(line);
  }),
  { clusterWord: true },
);
