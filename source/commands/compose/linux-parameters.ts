import type { Device, DeviceCgroupPermission, LinuxParameters, Tmpfs } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import { stringList } from './key-values.js';
import type { ServiceContext } from './service-context.js';
import { mebibytes } from './units.js';

/**
 * Kernel-level settings, which ECS gathers under linuxParameters: capabilities, devices,
 * shared memory, tmpfs mounts and an init process. Capabilities are named as ECS names them
 * (`NET_ADMIN`, without Docker's optional `CAP_`).
 */
export function linuxParameters(spec: Record<string, unknown>, extraTmpfs: Tmpfs[], ctx: ServiceContext): LinuxParameters | undefined {
  const capabilities = (key: string) => {
    const names = stringList(spec[key], ctx.where(key), `${key} of service ${ctx.name}`).map((name) => name.toUpperCase().replace(/^CAP_/, ''));
    return names.length > 0 ? names : undefined;
  };
  const add = capabilities('cap_add');
  const drop = capabilities('cap_drop');
  const tmpfs = [...tmpfsMounts(spec.tmpfs, ctx), ...extraTmpfs];
  const init = spec.init;
  if (init !== undefined && typeof init !== 'boolean') fail(ctx.where('init'), `init of service ${ctx.name} is true or false`);
  const parameters: LinuxParameters = {
    capabilities: add || drop ? { add, drop } : undefined,
    devices: devices(spec.devices, ctx),
    sharedMemorySize: spec.shm_size === undefined ? undefined : mebibytes(spec.shm_size, ctx.where('shm_size'), 'shm_size'),
    tmpfs: tmpfs.length > 0 ? tmpfs : undefined,
    initProcessEnabled: init,
  };
  return Object.values(parameters).some((value) => value !== undefined) ? parameters : undefined;
}

const PERMISSIONS: Record<string, DeviceCgroupPermission> = { r: 'read', w: 'write', m: 'mknod' };

/** `/dev/ttyUSB0`, `/dev/ttyUSB0:/dev/ttyUSB0`, `/dev/sda:/dev/xvda:rwm`. */
function devices(value: unknown, ctx: ServiceContext): Device[] | undefined {
  const entries = stringList(value, ctx.where('devices'), `devices of service ${ctx.name}`);
  if (entries.length === 0) return undefined;
  return entries.map((entry, index) => {
    const [hostPath, containerPath, permissions, extra] = entry.split(':');
    if (!hostPath || extra !== undefined || (permissions !== undefined && !/^[rwm]+$/.test(permissions))) {
      fail(ctx.where('devices', index), `device "${entry}" is not HOST[:CONTAINER[:rwm]]`);
    }
    return {
      hostPath,
      containerPath: containerPath || undefined,
      permissions: permissions ? [...new Set(permissions)].map((p) => PERMISSIONS[p]!) : undefined,
    };
  });
}

/** `/run:size=64m,noexec`: ECS needs the size, which Docker would leave unlimited. */
function tmpfsMounts(value: unknown, ctx: ServiceContext): Tmpfs[] {
  return stringList(value, ctx.where('tmpfs'), `tmpfs of service ${ctx.name}`).map((entry, index) => {
    const where = Array.isArray(value) ? ctx.where('tmpfs', index) : ctx.where('tmpfs');
    const at = entry.indexOf(':');
    const containerPath = at < 0 ? entry : entry.slice(0, at);
    const options = at < 0 ? [] : entry.slice(at + 1).split(',').filter((o) => o !== '');
    const size = options.find((o) => o.startsWith('size='));
    if (!size) fail(where, `tmpfs ${containerPath} needs a size (${containerPath}:size=64m): ECS requires one`);
    const mountOptions = options.filter((o) => o !== size);
    return {
      containerPath,
      size: mebibytes(size.slice('size='.length), where, 'tmpfs size'),
      mountOptions: mountOptions.length > 0 ? mountOptions : undefined,
    };
  });
}
