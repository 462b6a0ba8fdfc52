import { invalidParameter } from '../errors.js';
import type { ContainerInstanceRecord, InstanceResource, Reservation } from '../model.js';

/**
 * A container instance's resources as ECS keeps them. CPU and MEMORY count down as tasks take
 * them; PORTS and PORTS_UDP list the host ports in use (the agent's reserved ones first), so
 * that "remaining" for ports means "taken", exactly as DescribeContainerInstances renders it.
 */

/** SSH, the Docker daemon (2375, 2376) and the agent (51678, 51679), in the order ECS lists them. */
export const RESERVED_PORTS: readonly number[] = [22, 2376, 2375, 51678, 51679];

function integerResource(name: string, value: number): InstanceResource {
  return { name, type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: value };
}

function portsResource(name: string, ports: readonly number[]): InstanceResource {
  return { name, type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: ports.map(String) };
}

function render(r: Reservation): InstanceResource[] {
  return [
    integerResource('CPU', r.cpu),
    integerResource('MEMORY', r.memory),
    portsResource('PORTS', r.ports),
    portsResource('PORTS_UDP', r.portsUdp),
  ];
}

/** What a newly registered instance with `cpu` units and `memory` MiB holds. */
export function instanceResources(
  cpu: number,
  memory: number,
): Pick<ContainerInstanceRecord, 'registeredResources' | '_registered' | '_remaining'> {
  if (!Number.isInteger(cpu) || cpu < 0) throw invalidParameter(`CPU must be a non-negative integer; got ${cpu}.`);
  if (!Number.isInteger(memory) || memory < 0) throw invalidParameter(`MEMORY must be a non-negative integer; got ${memory}.`);
  const registered: Reservation = { cpu, memory, ports: [...RESERVED_PORTS], portsUdp: [] };
  return {
    registeredResources: render(registered),
    _registered: registered,
    _remaining: { cpu, memory, ports: [...RESERVED_PORTS], portsUdp: [] },
  };
}

/** `remainingResources` as DescribeContainerInstances shows it. */
export function renderRemainingResources(instance: ContainerInstanceRecord): InstanceResource[] {
  return render(instance._remaining);
}

/** A reservation that does not fit is a bug in whoever placed it, never a user error. */
class ReservationError extends Error {
  constructor(instance: ContainerInstanceRecord, what: string) {
    super(`reservation on ${instance.containerInstanceArn}: ${what}`);
    this.name = 'ReservationError';
  }
}

function removeOnce(list: number[], value: number): void {
  list.splice(list.indexOf(value), 1);
}

/**
 * Holds `r` on the instance from launch until the task is STOPPED. `runningTasksCount` counts
 * the tasks holding resources there, which is ECS's definition: tasks whose desired status is
 * RUNNING (pending ones included). `pendingTasksCount` belongs to the task lifecycle.
 */
export function reserve(instance: ContainerInstanceRecord, r: Reservation): void {
  const left = instance._remaining;
  if (r.cpu < 0 || r.memory < 0) throw new ReservationError(instance, 'negative reservation');
  if (r.cpu > left.cpu) throw new ReservationError(instance, `needs ${r.cpu} CPU, ${left.cpu} left`);
  if (r.memory > left.memory) throw new ReservationError(instance, `needs ${r.memory} MiB, ${left.memory} left`);
  if (new Set(r.ports).size !== r.ports.length || new Set(r.portsUdp).size !== r.portsUdp.length) {
    throw new ReservationError(instance, 'a port appears twice in one reservation');
  }
  for (const port of r.ports) if (left.ports.includes(port)) throw new ReservationError(instance, `tcp port ${port} is already in use`);
  for (const port of r.portsUdp) if (left.portsUdp.includes(port)) throw new ReservationError(instance, `udp port ${port} is already in use`);
  left.ports.push(...r.ports);
  left.portsUdp.push(...r.portsUdp);
  left.cpu -= r.cpu;
  left.memory -= r.memory;
  instance.runningTasksCount += 1;
}

/** Gives back what `reserve` took, when the task is STOPPED. */
export function release(instance: ContainerInstanceRecord, r: Reservation): void {
  const left = instance._remaining;
  const total = instance._registered;
  if (left.cpu + r.cpu > total.cpu) throw new ReservationError(instance, `releasing ${r.cpu} CPU would exceed ${total.cpu}`);
  if (left.memory + r.memory > total.memory) {
    throw new ReservationError(instance, `releasing ${r.memory} MiB would exceed ${total.memory}`);
  }
  if (instance.runningTasksCount < 1) throw new ReservationError(instance, 'no task holds resources here');
  // The instance's own reserved ports (22, the agent's, ...) are never a task's to give back.
  for (const port of r.ports) {
    if (!left.ports.includes(port) || total.ports.includes(port)) throw new ReservationError(instance, `tcp port ${port} is not held by a task`);
  }
  for (const port of r.portsUdp) {
    if (!left.portsUdp.includes(port) || total.portsUdp.includes(port)) throw new ReservationError(instance, `udp port ${port} is not held by a task`);
  }
  for (const port of r.ports) removeOnce(left.ports, port);
  for (const port of r.portsUdp) removeOnce(left.portsUdp, port);
  left.cpu += r.cpu;
  left.memory += r.memory;
  instance.runningTasksCount -= 1;
}
