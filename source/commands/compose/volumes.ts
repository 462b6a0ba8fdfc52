import { isAbsolute, resolve } from 'node:path';
import type { MountPoint, Tmpfs, Volume, VolumeFrom } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import { isObject } from './merge.js';
import type { ServiceContext } from './service-context.js';
import { mebibytes } from './units.js';

/**
 * Volumes as ECS has them: a task-level list of volumes that containers mount by name.
 * An anonymous volume (`/data`) is a task volume of its own; a host path (`/srv:/data`,
 * `./site:/usr/share/nginx/html`) a task volume with that source path, one per path; a named
 * volume (`db:/var/lib/db`) a task volume of that name.
 */
export class TaskVolumes {
  private readonly volumes: Volume[] = [];
  private readonly byHostPath = new Map<string, string>();

  constructor(
    private readonly declared: Record<string, Record<string, unknown>>,
    private readonly declaredWhere: (name: string) => string,
    /** v1 has no top-level volumes: a name there is simply a Docker volume. */
    private readonly namesNeedDeclaring: boolean,
  ) {}

  list(): Volume[] {
    return this.volumes;
  }

  anonymous(): string {
    const name = `volume-${this.volumes.length}`;
    this.volumes.push({ name });
    return name;
  }

  hostPath(sourcePath: string): string {
    let name = this.byHostPath.get(sourcePath);
    if (!name) {
      name = `volume-${this.volumes.length}`;
      this.volumes.push({ name, host: { sourcePath } });
      this.byHostPath.set(sourcePath, name);
    }
    return name;
  }

  named(name: string, where: string): string {
    if (this.volumes.some((v) => v.name === name)) return name;
    if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) fail(where, `volume name ${name} is not a valid ECS volume name (letters, digits, - and _)`);
    const declaration = this.declared[name];
    if (!declaration && this.namesNeedDeclaring) fail(where, `volume ${name} is not declared under the top-level volumes:`);
    const docker = dockerVolume(declaration ?? {}, this.declaredWhere(name));
    this.volumes.push(docker ? { name, dockerVolumeConfiguration: docker } : { name });
    return name;
  }
}

/**
 * A named volume with nothing but its name is a task volume, as ecs-cli makes it (Docker
 * keeps it while the task runs); one with a driver, options or labels, or an external one,
 * is a Docker volume shared on the instance, which is what those settings are for.
 */
function dockerVolume(declaration: Record<string, unknown>, where: string): Volume['dockerVolumeConfiguration'] {
  if (declaration.external === true || isObject(declaration.external)) return { scope: 'shared', autoprovision: false, driver: 'local' };
  const options = (key: string) => {
    const value = declaration[key];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) fail(where, `${key} of a volume is a map`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  };
  const driverOpts = options('driver_opts');
  const labels = options('labels');
  if (declaration.driver === undefined && !driverOpts && !labels) return undefined;
  return {
    scope: 'shared',
    autoprovision: true,
    driver: typeof declaration.driver === 'string' ? declaration.driver : 'local',
    driverOpts,
    labels,
  };
}

const MODES = new Set(['ro', 'rw', 'z', 'Z', 'nocopy', 'consistent', 'cached', 'delegated']);

export interface ContainerVolumes {
  mountPoints: MountPoint[];
  tmpfs: Tmpfs[];
}

export function containerVolumes(value: unknown, volumes: TaskVolumes, ctx: ServiceContext): ContainerVolumes {
  const result: ContainerVolumes = { mountPoints: [], tmpfs: [] };
  if (value === undefined || value === null) return result;
  if (!Array.isArray(value)) fail(ctx.where('volumes'), `volumes of service ${ctx.name} is a list`);
  value.forEach((entry, index) => {
    const where = ctx.where('volumes', index);
    if (isObject(entry)) longForm(entry, where, volumes, ctx, result);
    else if (typeof entry === 'string') result.mountPoints.push(shortForm(entry, where, volumes, ctx));
    else fail(where, 'a volume is a string such as ./data:/data:ro or a map with type:, source:, target:');
  });
  return result;
}

function shortForm(text: string, where: string, volumes: TaskVolumes, ctx: ServiceContext): MountPoint {
  const parts = text.split(':');
  if (parts.length > 3) fail(where, `volume "${text}" is not [SOURCE:]TARGET[:MODE]`);
  let source: string | undefined;
  let target: string;
  let mode = 'rw';
  if (parts.length === 1) target = parts[0]!;
  else if (parts.length === 2 && isModeList(parts[1]!) && parts[0]!.startsWith('/')) [target, mode] = [parts[0]!, parts[1]!];
  else [source, target, mode = 'rw'] = parts as [string, string, string?];
  if (!isModeList(mode)) fail(where, `volume "${text}" has an unknown mode ${mode} (ro or rw)`);
  return mount(source, target, mode.split(',').includes('ro'), where, volumes, ctx);
}

function isModeList(text: string): boolean {
  return text.split(',').every((mode) => MODES.has(mode));
}

function longForm(entry: Record<string, unknown>, where: string, volumes: TaskVolumes, ctx: ServiceContext, result: ContainerVolumes): void {
  const type = String(entry.type ?? 'volume');
  const target = entry.target;
  if (typeof target !== 'string' || target === '') fail(where, 'a volume in the long form needs target: (the path in the container)');
  const source = typeof entry.source === 'string' && entry.source !== '' ? entry.source : undefined;
  if (type === 'tmpfs') {
    const size = isObject(entry.tmpfs) ? entry.tmpfs.size : undefined;
    if (size === undefined) fail(where, `tmpfs ${target} needs tmpfs: {size: ...}: ECS requires a size`);
    result.tmpfs.push({ containerPath: target, size: mebibytes(size, where, 'tmpfs size') });
    return;
  }
  if (type !== 'volume' && type !== 'bind') {
    ctx.warn('Skipping unsupported YAML option for service...', { 'option name': `volumes.type=${type}` });
    return;
  }
  if (type === 'bind' && !source) fail(where, `bind mount ${target} needs source: (the host path)`);
  const hostSource = type === 'bind' && source && !isHostPath(source) ? `./${source}` : source;
  result.mountPoints.push(mount(hostSource, target, entry.read_only === true, where, volumes, ctx));
}

function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
}

function mount(source: string | undefined, target: string, readOnly: boolean, where: string, volumes: TaskVolumes, ctx: ServiceContext): MountPoint {
  if (!target.startsWith('/')) fail(where, `volume target ${target} is not an absolute path in the container`);
  let sourceVolume: string;
  if (source === undefined) {
    sourceVolume = volumes.anonymous();
  } else if (isHostPath(source)) {
    if (source.startsWith('~')) fail(where, `host path ${source} starts with ~, which means nothing on an ECS instance: give an absolute path`);
    const path = isAbsolute(source) ? source : resolve(ctx.projectDir, source);
    if (path !== source) ctx.warn('A relative host path is taken from the project directory: the instance needs the same path', { path });
    sourceVolume = volumes.hostPath(path);
  } else {
    sourceVolume = volumes.named(source, where);
  }
  return readOnly ? { sourceVolume, containerPath: target, readOnly: true } : { sourceVolume, containerPath: target };
}

/** `volumes_from`: `web`, `web:ro`, `service:web`, `container:web:ro`. */
export function volumesFrom(value: unknown, ctx: ServiceContext): VolumeFrom[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(ctx.where('volumes_from'), `volumes_from of service ${ctx.name} is a list`);
  return value.map((entry, index) => {
    const parts = String(entry).split(':');
    if (parts[0] === 'service' || parts[0] === 'container') parts.shift();
    const [sourceContainer, mode = 'rw', extra] = parts;
    if (!sourceContainer || extra !== undefined || (mode !== 'ro' && mode !== 'rw')) {
      fail(ctx.where('volumes_from', index), `volumes_from entry "${String(entry)}" is not SERVICE[:ro|rw]`);
    }
    return mode === 'ro' ? { sourceContainer, readOnly: true } : { sourceContainer };
  });
}
