import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TaskRecord } from '../model.js';
import { runtimeOf, type ContainerRuntime } from '../runtime/index.js';
import type { Sandbox } from '../sandbox.js';

/**
 * `GET /_ecsh/logs?task=ID|ARN[&container=NAME][&follow=1]`: what a task's container printed,
 * a line each as plain text, on either runtime (`.logs` in the shell, curl beside `ecsh serve`).
 * Without a container named, the task's only container is read, or its only essential one.
 * With follow=1 the answer stays open (chunked) and each line comes as it is printed, until the
 * task stops, the runtime is replaced, the sandbox closes or the client goes away. Headers say
 * what was read: x-ecsh-task-arn, x-ecsh-container, x-ecsh-runtime, and x-ecsh-log-note for a
 * container with a log configuration (awslogs): the sandbox sends logs nowhere, so the lines
 * are the container's own output. Errors are JSON {code, message[, containers]}, as the other
 * /_ecsh/ endpoints answer.
 */
export const LOGS_PATH = '/_ecsh/logs';

interface RouteError {
  status: number;
  code: string;
  message: string;
  containers?: string[];
}

/** Answers the request when it is for the logs route; false when it is for another. */
export function serveLogs(sb: Sandbox, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (url.pathname !== LOGS_PATH) return false;
  req.resume();
  const read = readRequest(sb, req, url);
  if ('code' in read) {
    sendError(res, read);
    return true;
  }
  const { runtime, task, container, follow } = read;
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-ecsh-task-arn': task.taskArn,
    'x-ecsh-container': container,
    'x-ecsh-runtime': runtime.kind,
    ...logNote(sb, task, container),
  });
  const backlog = runtime.logs(task.taskArn, container);
  if (!follow || task.lastStatus === 'STOPPED') {
    res.end(backlog.map((line) => `${line}\n`).join(''));
    return true;
  }
  if (backlog.length > 0) res.write(backlog.map((line) => `${line}\n`).join(''));
  followUntilDone(sb, runtime, task, container, res);
  return true;
}

function readRequest(sb: Sandbox, req: IncomingMessage, url: URL): RouteError | { runtime: ContainerRuntime; task: TaskRecord; container: string; follow: boolean } {
  if (req.method !== 'GET') return { status: 405, code: 'MethodNotAllowed', message: `${LOGS_PATH} answers GET only` };
  const ref = url.searchParams.get('task');
  if (!ref) return { status: 400, code: 'MissingTask', message: `say which task: ${LOGS_PATH}?task=TASK_ID_OR_ARN[&container=NAME][&follow=1]` };
  const task = findTask(sb, ref);
  if (!task) return { status: 404, code: 'TaskNotFound', message: `no task '${ref}' in the sandbox; list tasks with: ecs list-tasks --cluster NAME` };
  const chosen = chooseContainer(task, url.searchParams.get('container'));
  if (typeof chosen !== 'string') return chosen;
  const runtime = runtimeOf(sb);
  if (!runtime) return { status: 409, code: 'NoRuntime', message: 'the sandbox runs no containers (it was started without a runtime): there is no output to read' };
  const follow = ['1', 'true', ''].includes(url.searchParams.get('follow') ?? 'no');
  return { runtime, task, container: chosen, follow };
}

/** A task by its ARN or its id (the last part of its ARN). */
function findTask(sb: Sandbox, ref: string): TaskRecord | undefined {
  if (ref.startsWith('arn:')) return sb.tables.tasks.get(ref);
  for (const task of sb.tables.tasks.values()) if (task.id === ref) return task;
  return undefined;
}

function chooseContainer(task: TaskRecord, name: string | null): string | RouteError {
  const names = task.containers.map((c) => c.name);
  if (name) {
    if (names.includes(name)) return name;
    return { status: 404, code: 'ContainerNotFound', message: `task ${task.id} has no container '${name}'; its containers: ${names.join(', ')}`, containers: names };
  }
  if (names.length === 1) return names[0]!;
  const essential = task.containers.filter((c) => c.essential).map((c) => c.name);
  if (essential.length === 1) return essential[0]!;
  return {
    status: 400,
    code: 'AmbiguousContainer',
    message: `task ${task.id} has ${essential.length} essential containers (${essential.join(', ')}); name one with container=NAME`,
    containers: names,
  };
}

/** The note for a container whose definition sends its logs somewhere (awslogs): the sandbox keeps them itself. */
function logNote(sb: Sandbox, task: TaskRecord, container: string): Record<string, string> {
  const def = sb.tables.taskDefinitions.get(task.taskDefinitionArn);
  const definition = def?.containerDefinitions.find((d) => d.name === container);
  const driver = (definition?.logConfiguration as { logDriver?: unknown } | undefined)?.logDriver;
  if (typeof driver !== 'string' || driver === '') return {};
  // Header values are ASCII: a driver name is, unless someone typed otherwise.
  const shown = driver.replace(/[^\x20-\x7e]/g, '?');
  return { 'x-ecsh-log-note': `the ${shown} log configuration sends nothing anywhere in the sandbox: these lines are the container's own output` };
}

function followUntilDone(sb: Sandbox, runtime: ContainerRuntime, task: TaskRecord, container: string, res: ServerResponse): void {
  const unfollow = runtime.followLogs(task.taskArn, container, (line) => res.write(`${line}\n`));
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    unfollow();
    sb.events.off('task', onTask);
    sb.events.off('runtime-replaced', finish);
    sb.events.off('close', finish);
    if (!res.writableEnded) res.end();
  };
  // A container's last lines may still be on their way from Docker when its task is reported STOPPED.
  const onTask = (changed: TaskRecord) => {
    if (changed.taskArn === task.taskArn && changed.lastStatus === 'STOPPED') setImmediate(finish);
  };
  sb.events.on('task', onTask);
  sb.events.once('runtime-replaced', finish);
  sb.events.once('close', finish);
  res.once('close', finish);
}

function sendError(res: ServerResponse, error: RouteError): void {
  const { status, ...body } = error;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
