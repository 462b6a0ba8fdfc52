import type { ContainerInstance, Service, Task } from '@aws-sdk/client-ecs';

export const ARN = 'arn:aws:ecs:us-east-1:123456789012';
export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A task as DescribeTasks returns it (the SDK's types), with what the panes read. */
export function task(id: string, fields: Partial<Task> & { family?: string; revision?: number; instance?: string; ports?: number[] } = {}): Task {
  const { family = 'web', revision = 1, instance, ports = [], ...rest } = fields;
  return {
    taskArn: `${ARN}:task/demo/${id}`,
    clusterArn: `${ARN}:cluster/demo`,
    taskDefinitionArn: `${ARN}:task-definition/${family}:${revision}`,
    containerInstanceArn: instance ? `${ARN}:container-instance/demo/${instance}` : undefined,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    version: 3,
    group: `service:${family}`,
    createdAt: new Date(T0 - 120_000),
    startedAt: new Date(T0 - 90_000),
    containers: [{ name: family, networkBindings: ports.map((hostPort) => ({ hostPort, containerPort: 80, protocol: 'tcp' })) }],
    ...rest,
  };
}

/** A container instance as DescribeContainerInstances returns it. */
export function instance(
  id: string,
  zone: string,
  fields: { ec2?: string; type?: string; cpu?: [number, number]; memory?: [number, number]; ports?: string[]; status?: string; agentConnected?: boolean } = {},
): ContainerInstance {
  const reserved = ['22', '2375', '2376', '51678', '51679'];
  const [cpuTotal, cpuLeft] = fields.cpu ?? [2048, 2048];
  const [memTotal, memLeft] = fields.memory ?? [3904, 3904];
  return {
    containerInstanceArn: `${ARN}:container-instance/demo/${id}`,
    ec2InstanceId: fields.ec2 ?? `i-${id.slice(0, 8)}`,
    status: fields.status ?? 'ACTIVE',
    agentConnected: fields.agentConnected ?? true,
    version: 2,
    attributes: [
      { name: 'ecs.availability-zone', value: zone },
      { name: 'ecs.instance-type', value: fields.type ?? 't3.medium' },
    ],
    registeredResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: cpuTotal },
      { name: 'MEMORY', type: 'INTEGER', integerValue: memTotal },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: reserved },
    ],
    remainingResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: cpuLeft },
      { name: 'MEMORY', type: 'INTEGER', integerValue: memLeft },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: [...reserved, ...(fields.ports ?? [])] },
    ],
  };
}

export function service(name: string, fields: Partial<Service> = {}): Service {
  return {
    serviceArn: `${ARN}:service/demo/${name}`,
    serviceName: name,
    status: 'ACTIVE',
    desiredCount: 3,
    runningCount: 3,
    pendingCount: 0,
    taskDefinition: `${ARN}:task-definition/${name}:2`,
    schedulingStrategy: 'REPLICA',
    deployments: [
      { id: 'ecs-svc/1111', status: 'PRIMARY', taskDefinition: `${ARN}:task-definition/${name}:2`, desiredCount: 3, runningCount: 3, pendingCount: 0, failedTasks: 0, rolloutState: 'COMPLETED' },
    ],
    events: [
      { id: 'e2', createdAt: new Date(T0 - 10_000), message: `(service ${name}) has reached a steady state.` },
      { id: 'e1', createdAt: new Date(T0 - 60_000), message: `(service ${name}) has started 3 tasks: (task aaaa) (task bbbb) (task cccc).` },
    ],
    ...fields,
  };
}
