import type { ContainerDefinition, RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { fail, type Where } from './compose-error.js';

const NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const MAX_CONTAINERS = 10;
/** Docker keeps at least 6 MiB for a container. */
const MIN_MEMORY = 6;

/**
 * What ECS (or Docker, later, on the instance) would refuse, found before any call so that
 * the error can point at the compose file: names, memory, references between containers,
 * ports two containers would both bind, the needs of the network mode and of Fargate.
 */
export function validateDefinition(definition: RegisterTaskDefinitionCommandInput, whereOf: (container: string) => Where, projectWhere: Where): void {
  const containers = definition.containerDefinitions ?? [];
  const names = new Set(containers.map((c) => c.name!));
  if (containers.length === 0) fail(projectWhere(), 'the compose file has no services');
  if (containers.length > MAX_CONTAINERS) fail(projectWhere(), `${containers.length} services make ${containers.length} containers: an ECS task has at most ${MAX_CONTAINERS}`);
  if (!NAME.test(definition.family!)) fail(projectWhere(), `project name ${definition.family} is not a valid task definition family (letters, digits, - and _): pass --project-name`);
  for (const container of containers) checkContainer(container, names, definition, whereOf(container.name!));
  if (!containers.some((c) => c.essential !== false)) fail(projectWhere(), 'no container is essential: ECS needs at least one (essential: true in ecs-params)');
  checkCycles(containers, whereOf);
  checkHostPorts(containers, whereOf);
  if (definition.requiresCompatibilities?.includes('FARGATE')) {
    if (definition.networkMode !== 'awsvpc') fail(projectWhere(), 'FARGATE needs ecs_network_mode: awsvpc in ecs-params');
    if (!definition.cpu || !definition.memory) fail(projectWhere(), 'FARGATE needs task_size (cpu_limit and mem_limit) in ecs-params');
  }
}

function checkContainer(container: ContainerDefinition, names: Set<string>, definition: RegisterTaskDefinitionCommandInput, where: Where): void {
  const name = container.name!;
  if (!NAME.test(name)) fail(where(), `service name ${name} is not a valid ECS container name (letters, digits, - and _)`);
  const { memory, memoryReservation } = container;
  if (memory !== undefined && memory < MIN_MEMORY) fail(where('mem_limit'), `service ${name} has ${memory} MiB of memory: Docker needs at least ${MIN_MEMORY}`);
  if (memory !== undefined && memoryReservation !== undefined && memory < memoryReservation) {
    fail(where('mem_limit'), `service ${name} has a memory limit (${memory} MiB) below its reservation (${memoryReservation} MiB)`);
  }
  if (memory === undefined && memoryReservation === undefined && !definition.memory) {
    fail(where(), `service ${name} has no memory limit or reservation, and the task no memory`);
  }
  for (const link of container.links ?? []) {
    if (definition.networkMode === 'awsvpc' || definition.networkMode === 'host') fail(where('links'), `links are not supported in ${definition.networkMode} network mode: containers of the task reach each other on localhost`);
    const target = link.split(':')[0]!;
    if (!names.has(target)) fail(where('links'), `service ${name} links to ${target}, which is not a service of the project`);
  }
  for (const dependency of container.dependsOn ?? []) {
    if (!names.has(dependency.containerName!)) fail(where('depends_on'), `service ${name} depends on ${dependency.containerName}, which is not a service of the project`);
    if (dependency.containerName === name) fail(where('depends_on'), `service ${name} depends on itself`);
  }
  for (const source of container.volumesFrom ?? []) {
    if (!names.has(source.sourceContainer!)) fail(where('volumes_from'), `service ${name} takes volumes from ${source.sourceContainer}, which is not a service of the project`);
  }
}

/** Links and dependencies must not loop: no container of the loop could start first. */
function checkCycles(containers: ContainerDefinition[], whereOf: (container: string) => Where): void {
  const edges = new Map(containers.map((c) => [c.name!, [...(c.dependsOn ?? []).map((d) => d.containerName!), ...(c.links ?? []).map((l) => l.split(':')[0]!)]]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const loop = [...path.slice(path.indexOf(name)), name];
      fail(whereOf(name)('depends_on'), `services depend on each other in a loop: ${loop.join(' -> ')}`);
    }
    state.set(name, 'visiting');
    for (const next of edges.get(name) ?? []) visit(next, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of edges.keys()) visit(name, []);
}

function checkHostPorts(containers: ContainerDefinition[], whereOf: (container: string) => Where): void {
  const owners = new Map<string, string>();
  for (const container of containers) {
    for (const mapping of container.portMappings ?? []) {
      if (!mapping.hostPort) continue;
      const key = `${mapping.hostPort}/${mapping.protocol ?? 'tcp'}`;
      const owner = owners.get(key);
      if (owner !== undefined) fail(whereOf(container.name!)('ports'), `host port ${key} is published by both ${owner} and ${container.name}`);
      owners.set(key, container.name!);
    }
  }
}
