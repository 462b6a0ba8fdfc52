import type { TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { ec2InstanceTwin, loopbackTwin, urlAddress } from './addresses.js';
import { listEndpoints } from './endpoints.js';

/**
 * Where a load balancer's target really answers on this machine. An instance target (id +
 * port) is the instance's loopback twin at that port, an IP target the twin of that address;
 * where the task behind it had to fall back to another address or port, the task's published
 * endpoint says where it went.
 */
export interface TargetAddress {
  host: string;
  port: number;
}

function eniAddress(task: TaskRecord): string | undefined {
  const eni = task.attachments.find((a: any) => a?.type === 'ElasticNetworkInterface') as { details?: Array<{ name: string; value?: string }> } | undefined;
  return eni?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
}

/** The task and container port behind `hostPort` of an instance, or behind `port` of a task's own address. */
function taskBehind(sb: Sandbox, match: (task: TaskRecord) => boolean, port: number, byContainerPort: boolean) {
  for (const task of sb.tables.tasks.values()) {
    if (task.lastStatus === 'STOPPED' || !match(task)) continue;
    for (const container of task.containers) {
      const binding = container.networkBindings.find((b) => (byContainerPort ? b.containerPort : b.hostPort) === port && b.protocol === 'tcp');
      if (binding) return { task, container: container.name, containerPort: binding.containerPort };
    }
    if (byContainerPort) {
      const def = sb.tables.taskDefinitions.get(task.taskDefinitionArn);
      const container = def?.containerDefinitions.find((c) => c.portMappings?.some((m) => m.containerPort === port));
      if (container) return { task, container: container.name, containerPort: port };
    }
  }
  return undefined;
}

/** Where the runtime published that container port, when it did. */
function publishedAt(sb: Sandbox, found: { task: TaskRecord; container: string; containerPort: number }): TargetAddress | undefined {
  const prefix = `${found.container}:${found.containerPort} `;
  const endpoint = listEndpoints(sb).find((e) => e.kind === 'task-port' && e.arn === found.task.taskArn && e.name.startsWith(prefix));
  if (!endpoint) return undefined;
  return urlAddress(endpoint.url);
}

export function resolveTarget(sb: Sandbox, type: 'instance' | 'ip', id: string, port: number): TargetAddress | undefined {
  if (type === 'ip') {
    const twin = loopbackTwin(id);
    if (!twin) return undefined;
    const found = taskBehind(sb, (task) => eniAddress(task) === id, port, true);
    return (found && publishedAt(sb, found)) ?? { host: twin, port };
  }
  const twin = ec2InstanceTwin(sb, id);
  if (!twin) return undefined;
  const instanceArns = new Set<string>();
  for (const instance of sb.tables.containerInstances.values()) if (instance.ec2InstanceId === id) instanceArns.add(instance.containerInstanceArn);
  const found = taskBehind(sb, (task) => instanceArns.has(task.containerInstanceArn ?? ''), port, false);
  return (found && publishedAt(sb, found)) ?? { host: twin, port };
}
