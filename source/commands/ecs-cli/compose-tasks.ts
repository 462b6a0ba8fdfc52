import type { RunTaskCommandInput, Task } from '@aws-sdk/client-ecs';
import { shellWords } from '../compose/index.js';
import { loadProject, projectName, registerIfChanged, type ComposeProject } from './compose-project.js';
import type { EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import type { VerbLog } from './log.js';
import { booleanFlag, stringFlag, type ParsedArgs } from './parse-args.js';
import { containerRows, psLines } from './ps-table.js';
import { parseTags } from './tags.js';
import type { Target } from './target.js';
import { listTasks } from './task-list.js';
import { runTasks, stopTasks, waitForTasks } from './task-waiter.js';

/**
 * `compose create|up|start|run|ps|scale|stop`: the project run as standalone tasks in the
 * group `task:PROJECT`, by which they are found again. `up` replaces tasks of an older
 * revision (stop, then run as many), as ecs-cli does.
 */
export async function composeTaskCommand(args: ParsedArgs, context: EcsCliContext, target: Target, log: VerbLog): Promise<void> {
  const verb = args.command.path[1]!;
  const name = projectName(args, context);
  if (verb === 'ps') return printTasks(args, context, target, name);
  const running = () => projectTasks(target, name, 'RUNNING');
  if (verb === 'stop') {
    const tasks = await running();
    await stopTasks(target.backend, target.cluster, tasks, 'ecs-cli compose stop', log);
    return waitForTasks(target.backend, target.cluster, tasks, 'STOPPED', context, log);
  }
  const project = loadProject(args, context, target, log);
  const definition = await registerIfChanged(target, project, parseTags(stringFlag(args, 'tags')), log);
  if (verb === 'create') return;
  const runInput = runInputOf(target, project, definition.arn, args);
  if (verb === 'run') {
    const started = await runTasks(target.backend, { ...runInput, overrides: { containerOverrides: commandOverrides(args.positionals) } }, 1, log);
    return waitForTasks(target.backend, target.cluster, started, 'RUNNING', context, log);
  }
  const current = await running();
  if (verb === 'scale') return scaleTasks(args, context, target, log, current, runInput);
  // up and start: one task when there is none; replacements for those of another revision.
  const stale = verb === 'up' && booleanFlag(args, 'force-update') ? current : current.filter((t) => t.taskDefinitionArn !== definition.arn);
  if (stale.length > 0) {
    await stopTasks(target.backend, target.cluster, stale, `ecs-cli compose ${verb}: replaced by ${definition.name}`, log);
    await waitForTasks(target.backend, target.cluster, stale, 'STOPPED', context, log);
  }
  const wanted = current.length === 0 ? 1 : stale.length;
  const started = wanted > 0 ? await runTasks(target.backend, runInput, wanted, log) : [];
  await waitForTasks(target.backend, target.cluster, [...current.filter((t) => !stale.includes(t)), ...started], 'RUNNING', context, log);
}

async function scaleTasks(args: ParsedArgs, context: EcsCliContext, target: Target, log: VerbLog, current: Task[], runInput: Omit<RunTaskCommandInput, 'count'>): Promise<void> {
  const count = countArgument(args);
  if (count > current.length) {
    const started = await runTasks(target.backend, runInput, count - current.length, log);
    await waitForTasks(target.backend, target.cluster, [...current, ...started], 'RUNNING', context, log);
  } else if (count < current.length) {
    const extra = current.slice(count);
    await stopTasks(target.backend, target.cluster, extra, `ecs-cli compose scale ${count}`, log);
    await waitForTasks(target.backend, target.cluster, extra, 'STOPPED', context, log);
  }
}

/** `scale N`: N as a whole number. */
export function countArgument(args: ParsedArgs): number {
  const [text, extra] = args.positionals;
  if (text === undefined || extra !== undefined || !/^\d+$/.test(text)) throw new EcsCliError(`ecs-cli ${args.command.path.join(' ')} takes one number: scale N`);
  return Number(text);
}

async function projectTasks(target: Target, name: string, desiredStatus?: 'RUNNING' | 'STOPPED'): Promise<Task[]> {
  const tasks = await listTasks(target.backend, target.cluster, { family: name, desiredStatus });
  return tasks.filter((t) => t.group === `task:${name}`);
}

async function printTasks(args: ParsedArgs, context: EcsCliContext, target: Target, name: string): Promise<void> {
  const tasks = await projectTasks(target, name, stringFlag(args, 'desired-status') as 'RUNNING' | 'STOPPED' | undefined);
  for (const line of psLines(await containerRows(target.backend, target.cluster, tasks))) context.print(line);
}

function runInputOf(target: Target, project: ComposeProject, taskDefinition: string, args: ParsedArgs): Omit<RunTaskCommandInput, 'count'> {
  const { run } = project.translation;
  const tags = parseTags(stringFlag(args, 'tags'));
  return {
    cluster: target.cluster,
    taskDefinition,
    group: `task:${project.name}`,
    launchType: project.launchType,
    networkConfiguration: run.networkConfiguration,
    placementStrategy: run.placementStrategy,
    placementConstraints: run.placementConstraints,
    tags: tags.length > 0 ? tags : undefined,
  };
}

/** `run web "npm test" worker "sleep 5"`: each container's command, split as a shell splits it. */
function commandOverrides(words: string[]): Array<{ name: string; command: string[] }> {
  if (words.length === 0 || words.length % 2 !== 0) throw new EcsCliError('ecs-cli compose run takes pairs of a container and its command: run web "npm test"');
  const overrides: Array<{ name: string; command: string[] }> = [];
  for (let i = 0; i < words.length; i += 2) {
    const command = shellWords(words[i + 1]!);
    if (!command) throw new EcsCliError(`the command of ${words[i]} has a quote that is not closed`);
    overrides.push({ name: words[i]!, command });
  }
  return overrides;
}
