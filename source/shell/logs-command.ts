import { ContainerLogsError, readContainerLogs, type ContainerLogs } from '../api/index.js';
import { oneLine } from './one-line.js';
import { sandboxBackend } from './sandbox-backend.js';
import { failure, info, type LineOutcome, type RunLineOptions, type ShellContext } from './shell-context.js';

/**
 * `.logs TASK [CONTAINER] [--follow]`: what a task's container printed, on either runtime, read
 * from the sandbox's /_ecsh/logs route (in-process or `ecsh serve`). TASK is an ARN, an id, or
 * the start of an id that no other task shares (the panes show the first 8 characters). With --follow, the lines
 * printed from then on go to the output as they come (RunLineOptions.progress), until ctrl-c or
 * the task stops.
 */
const USAGE = '.logs TASK [CONTAINER] [--follow]';

const ON_AWS = ".logs reads the sandbox's containers; on AWS a task's logs are in CloudWatch Logs: !aws logs tail LOG_GROUP --follow (the group is in the task definition's awslogs options)";

interface LogsArgs {
  task: string;
  container?: string;
  follow: boolean;
}

function parseArgs(args: string[]): LogsArgs | string {
  const positional = args.filter((arg) => arg !== '--follow' && arg !== '-f');
  const unknown = positional.find((arg) => arg.startsWith('-'));
  if (unknown) return `usage: ${USAGE}; '${unknown}' is not an option (--follow is)`;
  if (positional.length === 0 || positional.length > 2) return `usage: ${USAGE} (TASK is a task id, a unique start of one, or an ARN)`;
  const [task, container] = positional;
  return { task: task!, ...(container !== undefined ? { container } : {}), follow: positional.length < args.length };
}

export async function logsCommand(args: string[], context: ShellContext, options: RunLineOptions = {}): Promise<LineOutcome> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') return failure(parsed);
  const found = await sandboxBackend(context, ON_AWS);
  if ('failed' in found) return found.failed;
  const { backend } = found;
  if (!backend.endpoints) return failure(ON_AWS);
  // The panes show the start of each id: that is enough when no other task starts the same way.
  // The completion module brings the SDK's ECS client in, which the first prompt does not wait for.
  const { findTaskByPrefix } = await import('../completion/index.js');
  const task = await findTaskByPrefix(backend.ecs, parsed.task);
  if ('error' in task) return failure(task.error);
  const printed: string[] = [];
  // Without a place to stream to, followed lines come with the outcome.
  const show = options.progress ?? ((line: string) => printed.push(line));
  let logs: ContainerLogs;
  try {
    logs = await readContainerLogs(backend.endpoints, {
      task: task.task.taskArn,
      ...(parsed.container !== undefined ? { container: parsed.container } : {}),
      follow: parsed.follow,
      ...(options.signal ? { signal: options.signal } : {}),
      onOpen(opened) {
        if (opened.note) show(noteLine(opened.note));
      },
      onLines(lines) {
        for (const line of lines) show(line);
      },
    });
  } catch (error) {
    return failure(error instanceof ContainerLogsError ? explain(error, parsed) : oneLine(error));
  }
  const where = `${logs.container} of task ${taskId(logs.taskArn)}`;
  if (parsed.follow) {
    const ending = logs.cancelled ? `stopped following ${where}` : `end of the output of ${where}: its task stopped`;
    return printed.length > 0 ? { ok: true, output: [...printed, ending].map((line) => `${line}\n`).join(''), format: 'plain' } : info(ending);
  }
  const lines = [...(logs.note ? [noteLine(logs.note)] : []), ...logs.lines];
  if (logs.lines.length === 0) lines.push(`${where} has printed nothing`);
  return { ok: true, output: lines.map((line) => `${line}\n`).join(''), format: 'plain' };
}

function noteLine(note: string): string {
  return `note: ${note}`;
}

/** The route's errors, worded for the shell: what to type instead. */
function explain(error: ContainerLogsError, args: LogsArgs): string {
  if (error.code === 'Cancelled') return 'cancelled';
  if (error.code === 'AmbiguousContainer' && error.containers) {
    return `task ${args.task} has more than one essential container; name one: .logs ${args.task} CONTAINER (its containers: ${error.containers.join(', ')})`;
  }
  return error.message;
}

function taskId(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}
