import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeContainerInstancesCommand, DescribeTaskDefinitionCommand, type Task } from '@aws-sdk/client-ecs';
import type { Backend } from '../../api/index.js';

/**
 * ecs-cli's container table (`ps`): one row per container of each task,
 *   Name          TASK_ID/CONTAINER
 *   State         its last status, with ` ExitCode: N` and ` Reason: ...` once STOPPED
 *   Ports         IP:HOST->CONTAINER/PROTO, comma-separated: the instance's public IP (else its
 *                 private one) in bridge and host mode, the task's ENI address in awsvpc mode
 *   TaskDefinition family:revision
 *   Health        the container's health status
 * laid out as Go's tabwriter lays it out (minimum width 4, padding 2), header only when there are rows.
 */

const COLUMNS = ['Name', 'State', 'Ports', 'TaskDefinition', 'Health'] as const;
const MIN_WIDTH = 4;
const PADDING = 2;

export type ContainerRow = Record<(typeof COLUMNS)[number], string>;

export function psLines(rows: ContainerRow[]): string[] {
  if (rows.length === 0) return [];
  const table = [[...COLUMNS] as string[], ...rows.map((row) => COLUMNS.map((column) => row[column]))];
  const widths = COLUMNS.slice(0, -1).map((_, i) => Math.max(MIN_WIDTH, ...table.map((cells) => [...cells[i]!].length + PADDING)));
  return table.map((cells) => cells.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]! + cell.length - [...cell].length) : cell)).join(''));
}

export async function containerRows(backend: Backend, cluster: string, tasks: Task[]): Promise<ContainerRow[]> {
  const hostIps = await instanceAddresses(backend, cluster, tasks);
  const definitions = new Map<string, Promise<Awaited<ReturnType<typeof describeDefinition>>>>();
  const rows: ContainerRow[] = [];
  for (const task of tasks) {
    const taskId = task.taskArn!.split('/').pop()!;
    const family = task.taskDefinitionArn!.split('/').pop()!;
    const eni = task.attachments?.find((a) => a.type === 'ElasticNetworkInterface');
    const eniIp = eni?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    for (const container of task.containers ?? []) {
      let ports: string[];
      if (eni) {
        if (!definitions.has(task.taskDefinitionArn!)) definitions.set(task.taskDefinitionArn!, describeDefinition(backend, task.taskDefinitionArn!));
        const definition = await definitions.get(task.taskDefinitionArn!)!;
        const mappings = definition?.containerDefinitions?.find((c) => c.name === container.name)?.portMappings ?? [];
        ports = mappings.map((m) => `${eniIp ?? '(PENDING)'}:${m.containerPort}->${m.containerPort}/${m.protocol ?? 'tcp'}`);
      } else {
        const ip = hostIps.get(task.containerInstanceArn ?? '') ?? '';
        ports = (container.networkBindings ?? []).map((b) => `${ip}:${b.hostPort}->${b.containerPort}/${b.protocol ?? 'tcp'}`);
      }
      let state = container.lastStatus ?? '';
      if (state === 'STOPPED') {
        if (container.exitCode !== undefined) state += ` ExitCode: ${container.exitCode}`;
        if (container.reason !== undefined) state += ` Reason: ${container.reason}`;
      }
      rows.push({ Name: `${taskId}/${container.name}`, State: state, Ports: ports.join(', '), TaskDefinition: family, Health: container.healthStatus ?? '' });
    }
  }
  return rows;
}

async function describeDefinition(backend: Backend, arn: string) {
  return (await backend.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition;
}

/** Container instance ARN -> the address ports are published on (public if it has one, else private). */
async function instanceAddresses(backend: Backend, cluster: string, tasks: Task[]): Promise<Map<string, string>> {
  const arns = [...new Set(tasks.map((t) => t.containerInstanceArn).filter((a): a is string => a !== undefined))];
  const byArn = new Map<string, string>();
  if (arns.length === 0) return byArn;
  const ec2ByArn = new Map<string, string>();
  for (let i = 0; i < arns.length; i += 100) {
    const { containerInstances = [] } = await backend.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: arns.slice(i, i + 100) }));
    for (const c of containerInstances) if (c.ec2InstanceId) ec2ByArn.set(c.containerInstanceArn!, c.ec2InstanceId);
  }
  const ids = [...new Set(ec2ByArn.values())];
  if (ids.length === 0) return byArn;
  // A filter, not InstanceIds: an instance terminated long ago is unknown to EC2, which must not fail the table.
  const { Reservations = [] } = await backend.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids }] }));
  const ipById = new Map(Reservations.flatMap((r) => r.Instances ?? []).map((i) => [i.InstanceId!, i.PublicIpAddress ?? i.PrivateIpAddress ?? '']));
  for (const [arn, id] of ec2ByArn) byArn.set(arn, ipById.get(id) ?? '');
  return byArn;
}
