import { lastSegment } from '../arn.js';
import { invalidParameter } from '../errors.js';
import { optionalArray, optionalInteger, optionalString } from '../input.js';
import type { NetworkBinding, TaskRecord } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { requireCluster } from './common.js';
import { containerChanged, taskReported } from './task-lifecycle.js';
import { findTask } from './tasks.js';

/**
 * The calls the ECS container agent makes: where to poll for work, and what happened to
 * tasks, containers and network attachments. ECS acknowledges each report with "ACK" and
 * takes it as the truth about the task.
 */
const ACK = { acknowledgment: 'ACK' };
const CONTAINER_STATUSES = ['PENDING', 'RUNNING', 'STOPPED'];
const TASK_STATUSES = ['PENDING', 'RUNNING', 'STOPPED'];

/** The agent's endpoints, named as ECS names them in each region. */
export const DiscoverPollEndpoint: Operation = (sb, input, ctx) => {
  if (input.cluster !== undefined) requireCluster(sb, ctx, input.cluster);
  return {
    endpoint: `https://ecs-a-1.${ctx.region}.amazonaws.com/`,
    telemetryEndpoint: `https://ecs-t-1.${ctx.region}.amazonaws.com/`,
    serviceConnectEndpoint: `https://ecs-sc.${ctx.region}.api.aws`,
  };
};

function requireReportedTask(sb: Sandbox, input: any, ctx: RequestContext): TaskRecord {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const ref = optionalString(input, 'task');
  if (!ref) throw invalidParameter('task is required.');
  const task = findTask(sb, cluster, ref);
  if (!task) throw invalidParameter('The referenced task was not found.');
  return task;
}

/** The agent sends times as epoch seconds. */
function epochMs(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidParameter(`${field} must be a timestamp.`);
  return Math.round(value * 1000);
}

function validBindings(value: unknown): NetworkBinding[] | undefined {
  const list = optionalArray<any>({ value }, 'value');
  return list?.map((b) => ({
    bindIP: typeof b?.bindIP === 'string' ? b.bindIP : '0.0.0.0',
    containerPort: b?.containerPort,
    hostPort: b?.hostPort,
    protocol: b?.protocol === 'udp' ? 'udp' : 'tcp',
  }));
}

interface ContainerReport {
  containerName?: unknown;
  status?: unknown;
  exitCode?: unknown;
  reason?: unknown;
  runtimeId?: unknown;
  networkBindings?: unknown;
}

function applyContainerReport(sb: Sandbox, task: TaskRecord, report: ContainerReport): void {
  const name = report.containerName;
  if (typeof name !== 'string' || !task.containers.some((c) => c.name === name)) {
    throw invalidParameter(`Container ${String(name)} is not a container of task ${task.taskArn}.`);
  }
  const status = optionalString(report, 'status');
  if (status !== undefined && !CONTAINER_STATUSES.includes(status)) {
    throw invalidParameter(`Invalid container status '${status}'. Valid statuses: ${CONTAINER_STATUSES.join(', ')}.`);
  }
  const bindings = validBindings(report.networkBindings);
  if (bindings) task.containers.find((c) => c.name === name)!.networkBindings = bindings;
  containerChanged(sb, task, name, {
    status,
    exitCode: optionalInteger(report, 'exitCode'),
    reason: optionalString(report, 'reason'),
    runtimeId: optionalString(report, 'runtimeId'),
  });
}

function applyAttachmentReports(task: TaskRecord, reports: Array<{ attachmentArn?: unknown; status?: unknown }>): number {
  let applied = 0;
  for (const report of reports) {
    if (typeof report?.attachmentArn !== 'string' || typeof report.status !== 'string') {
      throw invalidParameter('Each attachment state change needs an attachmentArn and a status.');
    }
    const id = lastSegment(report.attachmentArn);
    for (const attachment of task.attachments as Array<{ id?: string; status?: string }>) {
      if (attachment.id !== id) continue;
      attachment.status = report.status;
      applied++;
    }
  }
  return applied;
}

export const SubmitTaskStateChange: Operation = (sb, input, ctx) => {
  const task = requireReportedTask(sb, input, ctx);
  const status = optionalString(input, 'status');
  if (status !== undefined && !TASK_STATUSES.includes(status)) {
    throw invalidParameter(`Invalid task status '${status}'. Valid statuses: ${TASK_STATUSES.join(', ')}.`);
  }
  for (const report of optionalArray<ContainerReport>(input, 'containers') ?? []) applyContainerReport(sb, task, report);
  applyAttachmentReports(task, optionalArray<any>(input, 'attachments') ?? []);
  task.pullStartedAt = epochMs(input.pullStartedAt, 'pullStartedAt') ?? task.pullStartedAt;
  task.pullStoppedAt = epochMs(input.pullStoppedAt, 'pullStoppedAt') ?? task.pullStoppedAt;
  task.executionStoppedAt = epochMs(input.executionStoppedAt, 'executionStoppedAt') ?? task.executionStoppedAt;
  if (status) taskReported(sb, task, status, optionalString(input, 'reason'));
  return ACK;
};

export const SubmitContainerStateChange: Operation = (sb, input, ctx) => {
  const task = requireReportedTask(sb, input, ctx);
  applyContainerReport(sb, task, input);
  return ACK;
};

export const SubmitAttachmentStateChanges: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const reports = optionalArray<any>(input, 'attachments');
  if (!reports || reports.length === 0) throw invalidParameter('attachments can not be empty.');
  let applied = 0;
  for (const task of sb.tables.tasks.values()) {
    if (task.clusterArn === cluster.clusterArn && task.attachments.length > 0) applied += applyAttachmentReports(task, reports);
  }
  if (applied === 0) throw invalidParameter('None of the given attachments belongs to a task of this cluster.');
  return ACK;
};

export const agentOperations: Record<string, Operation> = {
  DiscoverPollEndpoint,
  SubmitTaskStateChange,
  SubmitContainerStateChange,
  SubmitAttachmentStateChanges,
};
