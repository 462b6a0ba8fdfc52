/**
 * What a task's container printed, read from the sandbox's own route (`GET /_ecsh/logs`), so
 * that it reads the same from an in-process sandbox and from `ecsh serve` at an endpoint URL.
 * The SDK has no call for it: ECS keeps no logs, CloudWatch Logs does, and the sandbox has no
 * CloudWatch.
 */
export interface ContainerLogsQuery {
  /** A task id or ARN. */
  task: string;
  /** Default: the task's only container, or its only essential one. */
  container?: string;
  /** Keep reading the lines printed from now on, until the task stops or `signal` cancels. */
  follow?: boolean;
  signal?: AbortSignal;
  /** With follow: the lines as they arrive, the earlier ones first. */
  onLines?(lines: string[]): void;
  /** With follow: which container is read, before its lines. */
  onOpen?(logs: ContainerLogs): void;
}

export interface ContainerLogs {
  taskArn: string;
  container: string;
  /** The runtime that ran the container: virtual or docker. */
  runtime: string;
  /** Why a log configuration (awslogs) changes nothing: the lines are the container's own output. */
  note?: string;
  /** Without follow, the lines; with follow they went to onLines, and this is empty. */
  lines: string[];
  /** The follow ended because `signal` cancelled it, not because the task stopped. */
  cancelled: boolean;
}

/** The sandbox could not say: the message says why and what to do, in one line. */
export class ContainerLogsError extends Error {
  override readonly name = 'ContainerLogsError';
  constructor(
    message: string,
    /** The route's code (TaskNotFound, ContainerNotFound, AmbiguousContainer...), or Unreachable, NotASandbox. */
    readonly code: string,
    /** The task's containers, when the container was not found or not named where it had to be. */
    readonly containers?: string[],
  ) {
    super(message);
  }
}

const LOGS_PATH = '/_ecsh/logs';

export async function readContainerLogs(endpoint: string, query: ContainerLogsQuery): Promise<ContainerLogs> {
  const params = new URLSearchParams({ task: query.task });
  if (query.container !== undefined) params.set('container', query.container);
  if (query.follow) params.set('follow', '1');
  let response: Response;
  try {
    response = await fetch(`${endpoint}${LOGS_PATH}?${params}`, { signal: query.signal });
  } catch (error) {
    if (query.signal?.aborted) throw new ContainerLogsError('cancelled', 'Cancelled');
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ContainerLogsError(`cannot reach the sandbox at ${endpoint} (${cause?.code ?? cause?.message ?? (error as Error).message})`, 'Unreachable');
  }
  if (!response.ok) throw await routeError(endpoint, response);
  const logs: ContainerLogs = {
    taskArn: response.headers.get('x-ecsh-task-arn') ?? query.task,
    container: response.headers.get('x-ecsh-container') ?? query.container ?? '',
    runtime: response.headers.get('x-ecsh-runtime') ?? 'virtual',
    lines: [],
    cancelled: false,
  };
  const note = response.headers.get('x-ecsh-log-note');
  if (note) logs.note = note;
  if (!query.follow) {
    logs.lines = linesOf(await response.text());
    return logs;
  }
  query.onOpen?.(logs);
  logs.cancelled = await streamLines(response, query);
  return logs;
}

/** Hands the body's lines to onLines as they come; resolves to whether the signal cut it short. */
async function streamLines(response: Response, query: ContainerLogsQuery): Promise<boolean> {
  if (!response.body) return false;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let partial = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      partial += decoder.decode(value, { stream: true });
      const parts = partial.split('\n');
      partial = parts.pop()!;
      if (parts.length > 0) query.onLines?.(parts);
    }
  } catch (error) {
    if (query.signal?.aborted) return true;
    throw new ContainerLogsError(`the sandbox stopped sending the logs: ${(error as Error).message}`, 'Unreachable');
  }
  partial += decoder.decode();
  if (partial !== '') query.onLines?.([partial]);
  return false;
}

async function routeError(endpoint: string, response: Response): Promise<ContainerLogsError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; containers?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string') {
      const containers = Array.isArray(body.containers) ? body.containers.filter((c): c is string => typeof c === 'string') : undefined;
      return new ContainerLogsError(body.message, body.code, containers);
    }
  } catch {
    // Not the sandbox's JSON: said below.
  }
  return new ContainerLogsError(`${endpoint} does not serve ${LOGS_PATH} (HTTP ${response.status}): container logs come from an ecsh sandbox`, 'NotASandbox');
}

function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
