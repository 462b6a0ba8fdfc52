import type Docker from 'dockerode';
import type { NetworkBinding, TaskDefinitionRecord, TaskRecord } from '../../model.js';
import type { Sandbox } from '../../sandbox.js';
import { portBindings } from '../../scheduler/index.js';

/**
 * Host ports of real containers. The scheduler reserved a host port for each mapping when it
 * placed the task (for hostPort 0, the lowest free one of the ephemeral range); Docker picks its
 * own for those when the container starts, from the same range. Docker's port is what listens,
 * so it wins: the task reports it in networkBindings, and its reservation on the instance swaps
 * the scheduler's port for Docker's, so that the instance's remaining PORTS and later
 * placements count the port really in use.
 */

/** The ports Docker bound for a container, as ECS reports them. */
export function dockerBindings(info: Docker.ContainerInspectInfo): NetworkBinding[] {
  const out: NetworkBinding[] = [];
  for (const [key, bound] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const [port, protocol] = key.split('/');
    for (const binding of bound ?? []) {
      out.push({ bindIP: binding.HostIp, containerPort: Number(port), hostPort: Number(binding.HostPort), protocol: protocol === 'udp' ? 'udp' : 'tcp' });
    }
  }
  return out;
}

function swap(list: number[], from: number, to: number): void {
  const index = list.indexOf(from);
  if (index >= 0) list[index] = to;
}

/**
 * Another task of the instance that holds `port` in the books but has not reported its own ports
 * yet: tasks starting together can get Docker's ports in another order than the scheduler's.
 */
function unsettledHolder(sb: Sandbox, task: TaskRecord, key: 'ports' | 'portsUdp', port: number): TaskRecord | undefined {
  for (const other of sb.tables.tasks.values()) {
    if (other === task || other.containerInstanceArn !== task.containerInstanceArn || other.lastStatus === 'STOPPED') continue;
    if (other._reservation[key].includes(port) && other.containers.every((c) => c.networkBindings.length === 0)) return other;
  }
  return undefined;
}

/**
 * Records Docker's ports on the task: each container's networkBindings, and its reservation
 * (and its instance's ports in use) with Docker's port in place of the scheduler's. Says what
 * it could not swap: a port that another task of the instance holds in the sandbox's books.
 */
export function adoptDockerPorts(sb: Sandbox, task: TaskRecord, def: TaskDefinitionRecord, bound: ReadonlyMap<string, NetworkBinding[]>, warn: (message: string) => void): void {
  const planned = portBindings(def, task._reservation);
  const instance = task.containerInstanceArn ? sb.tables.containerInstances.get(task.containerInstanceArn) : undefined;
  def.containerDefinitions.forEach((definition, index) => {
    const actual = bound.get(definition.name) ?? [];
    const container = task.containers.find((c) => c.name === definition.name);
    if (!container || actual.length === 0) return;
    for (const plan of planned[index] ?? []) {
      const real = actual.find((b) => b.containerPort === plan.containerPort && b.protocol === plan.protocol);
      if (!real || real.hostPort === plan.hostPort) continue;
      const key = plan.protocol === 'udp' ? 'portsUdp' : 'ports';
      if (instance?._remaining[key].includes(real.hostPort)) {
        // Held by a task still starting: it takes the port the scheduler gave this one, until Docker tells its own.
        const holder = unsettledHolder(sb, task, key, real.hostPort);
        if (!holder) {
          warn(`ecsh: Docker gave ${definition.name} of task ${task.id} host port ${real.hostPort}, which the sandbox counts as another task's`);
          continue;
        }
        swap(holder._reservation[key], real.hostPort, plan.hostPort);
      } else if (instance) swap(instance._remaining[key], plan.hostPort, real.hostPort);
      swap(task._reservation[key], plan.hostPort, real.hostPort);
    }
    container.networkBindings = actual;
  });
}
