import type { NetworkBinding, PortMapping, Reservation, TaskDefinitionRecord } from '../model.js';

/**
 * Host ports. In bridge mode a mapping with a hostPort is fixed and one without (or with 0, or
 * with a containerPortRange) gets a port the agent picks from the instance's ephemeral range;
 * in host mode the host port is the container port; awsvpc tasks have their own network
 * interface and take no host port of the instance.
 *
 * The ephemeral range is Linux's default ip_local_port_range, which is what the agent reads on
 * the ECS-optimized AMIs. The sandbox hands out the lowest free port of it, so a given history
 * of placements always yields the same ports.
 */
export const DYNAMIC_PORT_RANGE = { first: 32768, last: 60999 } as const;
export const DYNAMIC_PORT_COUNT = DYNAMIC_PORT_RANGE.last - DYNAMIC_PORT_RANGE.first + 1;

type HostPortKind = 'fixed' | 'dynamic' | 'none';

interface MappedPort {
  container: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
  kind: HostPortKind;
  hostPort: number;
}

function containerPorts(mapping: PortMapping): number[] {
  const range = mapping.containerPortRange;
  if (typeof range === 'string') {
    const match = /^(\d+)-(\d+)$/.exec(range.trim());
    if (match) {
      const ports: number[] = [];
      for (let p = Number(match[1]); p <= Number(match[2]); p++) ports.push(p);
      return ports;
    }
  }
  return mapping.containerPort === undefined ? [] : [mapping.containerPort];
}

/** Every container port of the task definition with how its host port is chosen, in mapping order. */
function mappedPorts(def: TaskDefinitionRecord): MappedPort[] {
  const mode = def.networkMode ?? 'bridge';
  const out: MappedPort[] = [];
  def.containerDefinitions.forEach((container, index) => {
    for (const mapping of container.portMappings ?? []) {
      const protocol = mapping.protocol === 'udp' ? 'udp' : 'tcp';
      const ranged = typeof mapping.containerPortRange === 'string';
      for (const containerPort of containerPorts(mapping)) {
        let kind: HostPortKind = 'none';
        let hostPort = containerPort;
        if (mode === 'host') kind = 'fixed';
        else if (mode === 'bridge' || mode === 'default') {
          kind = !ranged && mapping.hostPort ? 'fixed' : 'dynamic';
          hostPort = kind === 'fixed' ? mapping.hostPort! : 0;
        }
        out.push({ container: index, containerPort, protocol, kind, hostPort });
      }
    }
  });
  return out;
}

/** The host ports a task of `def` needs: fixed ones by number, dynamic ones by count. */
export function portDemand(def: TaskDefinitionRecord) {
  const demand = { ports: [] as number[], portsUdp: [] as number[], dynamicPorts: 0, dynamicPortsUdp: 0 };
  for (const port of mappedPorts(def)) {
    const udp = port.protocol === 'udp';
    if (port.kind === 'fixed') (udp ? demand.portsUdp : demand.ports).push(port.hostPort);
    else if (port.kind === 'dynamic') {
      if (udp) demand.dynamicPortsUdp++;
      else demand.dynamicPorts++;
    }
  }
  return demand;
}

/** How many ephemeral ports are still free, given the ports in use on an instance. */
export function freeDynamicPorts(inUse: readonly number[], alsoInUse?: readonly number[]): number {
  let used = 0;
  for (const port of inUse) if (port >= DYNAMIC_PORT_RANGE.first && port <= DYNAMIC_PORT_RANGE.last) used++;
  if (alsoInUse) for (const port of alsoInUse) if (port >= DYNAMIC_PORT_RANGE.first && port <= DYNAMIC_PORT_RANGE.last) used++;
  return DYNAMIC_PORT_COUNT - used;
}

/** The `count` lowest ephemeral ports in use by none of `taken`. */
export function pickDynamicPorts(count: number, ...taken: ReadonlyArray<readonly number[]>): number[] {
  if (count === 0) return [];
  const used = new Set<number>();
  for (const list of taken) for (const port of list) used.add(port);
  const picked: number[] = [];
  for (let port = DYNAMIC_PORT_RANGE.first; port <= DYNAMIC_PORT_RANGE.last && picked.length < count; port++) {
    if (!used.has(port)) picked.push(port);
  }
  return picked;
}

/**
 * The networkBindings of each container (by index in containerDefinitions) for a task placed
 * with `reservation`: its `ports` are the fixed host ports in mapping order followed by the
 * dynamic ones in mapping order, as `placeTasks` builds them (likewise `portsUdp`).
 */
export function portBindings(def: TaskDefinitionRecord, reservation: Reservation): NetworkBinding[][] {
  const bindings: NetworkBinding[][] = def.containerDefinitions.map(() => []);
  const ports = mappedPorts(def);
  const next = { tcp: { fixed: 0, dynamic: 0 }, udp: { fixed: 0, dynamic: 0 } };
  for (const port of ports) if (port.kind === 'fixed') next[port.protocol].dynamic++;
  for (const port of ports) {
    if (port.kind === 'none') continue;
    const held = port.protocol === 'udp' ? reservation.portsUdp : reservation.ports;
    const cursor = next[port.protocol];
    const hostPort = port.kind === 'fixed' ? held[cursor.fixed++] : held[cursor.dynamic++];
    if (hostPort === undefined) continue;
    bindings[port.container]!.push({ bindIP: '0.0.0.0', containerPort: port.containerPort, hostPort, protocol: port.protocol });
  }
  return bindings;
}
