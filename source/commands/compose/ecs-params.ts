import type {
  AwsVpcConfiguration,
  ContainerDependency,
  HealthCheck,
  PlacementConstraint,
  PlacementStrategy,
  RepositoryCredentials,
  Secret,
  TaskDefinitionPlacementConstraint,
  Volume,
} from '@aws-sdk/client-ecs';
import { fail, type ComposeWarning, type Where } from './compose-error.js';
import { healthCheckOf } from './healthcheck.js';
import { isObject } from './merge.js';
import { byteCount, mebibytes, wholeNumber } from './units.js';
import { loadYaml } from './yaml-source.js';

/**
 * ecs-params.yml (version 1): what a compose file cannot say about ECS. The task's network
 * mode, roles, size, per-container overrides, volumes and placement, and how tasks and
 * services run (awsvpc subnets, placement strategy). An unknown key is an error, since a
 * misspelt setting would otherwise be silently ignored.
 */

export interface EcsParamsContainer {
  essential?: boolean;
  dependsOn?: ContainerDependency[];
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  gpu?: string;
  initProcessEnabled?: boolean;
  healthCheck?: HealthCheck;
  secrets?: Secret[];
  repositoryCredentials?: RepositoryCredentials;
  logSecretOptions?: Secret[];
  firelens?: { type: 'fluentd' | 'fluentbit'; options?: Record<string, string> };
}

export interface EcsParams {
  networkMode?: 'bridge' | 'host' | 'awsvpc' | 'none';
  taskRoleArn?: string;
  executionRoleArn?: string;
  taskCpu?: string;
  taskMemory?: string;
  pidMode?: 'host' | 'task';
  ipcMode?: 'host' | 'task' | 'none';
  containers: Record<string, EcsParamsContainer>;
  volumes: Volume[];
  placementConstraints?: TaskDefinitionPlacementConstraint[];
  awsvpc?: AwsVpcConfiguration;
  placementStrategy?: PlacementStrategy[];
  runPlacementConstraints?: PlacementConstraint[];
  where: Where;
}

type Map = Record<string, unknown>;
/** Where a value was written, and (`.key`) where its key was: an unknown key is pointed at itself. */
type ParamsWhere = Where & { key: Where };

export function readEcsParams(path: string, content: string, warnings: ComposeWarning[]): EcsParams {
  const source = loadYaml(path, content);
  const where: ParamsWhere = Object.assign((...keys: Array<string | number>) => source.where(keys), {
    key: (...keys: Array<string | number>) => source.whereKey(keys),
  });
  const root = section(source.value, where, [], 'ecs-params', ['version', 'task_definition', 'run_params']);
  if (String(root.version ?? '') !== '1') fail(where('version'), `ecs-params version ${String(root.version ?? '(none)')} is not supported: write version: 1`);
  const task = section(root.task_definition, where, ['task_definition'], 'task_definition', [
    'ecs_network_mode', 'task_role_arn', 'task_execution_role', 'task_size', 'pid_mode', 'ipc_mode', 'services',
    'docker_volumes', 'efs_volumes', 'placement_constraints',
  ]);
  const size = section(task.task_size, where, ['task_definition', 'task_size'], 'task_size', ['cpu_limit', 'mem_limit']);
  const run = section(root.run_params, where, ['run_params'], 'run_params', ['network_configuration', 'task_placement', 'service_discovery']);
  if (run.service_discovery !== undefined) warnings.push({ message: 'Skipping unsupported ecs-params option', fields: { 'option name': 'service_discovery' } });
  const network = section(run.network_configuration, where, ['run_params', 'network_configuration'], 'network_configuration', ['awsvpc_configuration']);
  const placement = section(run.task_placement, where, ['run_params', 'task_placement'], 'task_placement', ['strategy', 'constraints']);
  const services = section(task.services, where, ['task_definition', 'services'], 'services', undefined);
  return {
    networkMode: oneOf(task.ecs_network_mode, ['bridge', 'host', 'awsvpc', 'none'] as const, where('task_definition', 'ecs_network_mode'), 'ecs_network_mode'),
    taskRoleArn: text(task.task_role_arn),
    executionRoleArn: text(task.task_execution_role),
    taskCpu: size.cpu_limit === undefined ? undefined : taskCpu(size.cpu_limit, where('task_definition', 'task_size', 'cpu_limit')),
    taskMemory: size.mem_limit === undefined ? undefined : taskMemory(size.mem_limit, where('task_definition', 'task_size', 'mem_limit')),
    pidMode: oneOf(task.pid_mode, ['host', 'task'] as const, where('task_definition', 'pid_mode'), 'pid_mode'),
    ipcMode: oneOf(task.ipc_mode, ['host', 'task', 'none'] as const, where('task_definition', 'ipc_mode'), 'ipc_mode'),
    containers: Object.fromEntries(Object.entries(services).map(([name, value]) => [name, container(value, where, name)])),
    volumes: [...dockerVolumes(task.docker_volumes, where), ...efsVolumes(task.efs_volumes, where)],
    placementConstraints: constraints(task.placement_constraints, where, ['task_definition', 'placement_constraints'], ['memberOf'] as const),
    awsvpc: awsvpc(network.awsvpc_configuration, where),
    placementStrategy: list(placement.strategy, where, ['run_params', 'task_placement', 'strategy'], (item, at) => {
      const s = section(item, where, at, 'a placement strategy', ['type', 'field']);
      return { type: oneOf(s.type, ['spread', 'binpack', 'random'] as const, where(...at, 'type'), 'type') ?? fail(where(...at), 'a placement strategy needs type:'), field: text(s.field) };
    }),
    runPlacementConstraints: constraints(placement.constraints, where, ['run_params', 'task_placement', 'constraints'], ['memberOf', 'distinctInstance'] as const),
    where,
  };
}

function section(value: unknown, where: ParamsWhere, at: Array<string | number>, what: string, keys: string[] | undefined): Map {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) fail(where(...at), `${what} is a map`);
  if (keys) {
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) fail(where.key(...at, key), `unknown key ${key} in ${what} (expected ${keys.join(', ')})`);
    }
  }
  return value;
}

function list<T>(value: unknown, where: ParamsWhere, at: Array<string | number>, item: (value: unknown, at: Array<string | number>) => T): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(where(...at), `${String(at[at.length - 1])} is a list`);
  return value.map((entry, index) => item(entry, [...at, index]));
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string, what: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!allowed.includes(String(value) as T)) fail(where, `${what} ${String(value)} is not one of ${allowed.join(', ')}`);
  return String(value) as T;
}

/** Task CPU as ECS units: 256, "1024", "0.25 vCPU". */
function taskCpu(value: unknown, where: string): string {
  const vcpu = /^\s*(\d+(?:\.\d+)?)\s*vcpu\s*$/i.exec(String(value));
  const units = vcpu ? Number(vcpu[1]) * 1024 : Number(value);
  if (!Number.isInteger(units) || units <= 0) fail(where, `cpu_limit ${String(value)} is not CPU units (256) or vCPUs ("0.25 vCPU")`);
  return String(units);
}

/** Task memory in MiB: 512 (MiB, as ECS reads a number), "0.5GB", "512MB". */
function taskMemory(value: unknown, where: string): string {
  if (typeof value === 'number' || /^\s*\d+\s*$/.test(String(value))) return String(wholeNumber(value, where, 'mem_limit', 1));
  return String(Math.round(byteCount(value, where, 'mem_limit') / 1024 ** 2));
}

function container(value: unknown, where: ParamsWhere, name: string): EcsParamsContainer {
  const at = ['task_definition', 'services', name];
  const s = section(value, where, at, `services.${name}`, [
    'essential', 'depends_on', 'cpu_shares', 'mem_limit', 'mem_reservation', 'gpu', 'init_process_enabled', 'healthcheck',
    'secrets', 'repository_credentials', 'logging', 'firelens_configuration',
  ]);
  const flag = (key: string) => {
    if (s[key] === undefined || s[key] === null) return undefined;
    if (typeof s[key] !== 'boolean') fail(where(...at, key), `${key} is true or false`);
    return s[key] as boolean;
  };
  const memory = (key: string) => (s[key] === undefined || s[key] === null ? undefined : mebibytes(s[key], where(...at, key), key));
  const logging = section(s.logging, where, [...at, 'logging'], 'logging', ['secret_options']);
  const credentials = section(s.repository_credentials, where, [...at, 'repository_credentials'], 'repository_credentials', ['credentials_parameter']);
  const firelens = section(s.firelens_configuration, where, [...at, 'firelens_configuration'], 'firelens_configuration', ['type', 'options']);
  return {
    essential: flag('essential'),
    dependsOn: list(s.depends_on, where, [...at, 'depends_on'], (item, itemAt) => {
      const d = section(item, where, itemAt, 'a dependency', ['container_name', 'condition']);
      if (typeof d.container_name !== 'string') fail(where(...itemAt), 'a dependency needs container_name:');
      const condition = oneOf(d.condition ?? 'START', ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY'] as const, where(...itemAt, 'condition'), 'condition')!;
      return { containerName: d.container_name, condition };
    }),
    cpu: s.cpu_shares === undefined ? undefined : wholeNumber(s.cpu_shares, where(...at, 'cpu_shares'), 'cpu_shares'),
    memory: memory('mem_limit'),
    memoryReservation: memory('mem_reservation'),
    gpu: s.gpu === undefined ? undefined : String(wholeNumber(s.gpu, where(...at, 'gpu'), 'gpu', 1)),
    initProcessEnabled: flag('init_process_enabled'),
    healthCheck: healthCheckOf(s.healthcheck, (...keys) => where(...at, 'healthcheck', ...keys), `the healthcheck of ${name}`),
    secrets: secrets(s.secrets, where, [...at, 'secrets']),
    repositoryCredentials: credentials.credentials_parameter === undefined ? undefined : { credentialsParameter: String(credentials.credentials_parameter) },
    logSecretOptions: secrets(logging.secret_options, where, [...at, 'logging', 'secret_options']),
    firelens: firelens.type === undefined ? undefined : {
      type: oneOf(firelens.type, ['fluentd', 'fluentbit'] as const, where(...at, 'firelens_configuration', 'type'), 'type')!,
      options: isObject(firelens.options) ? Object.fromEntries(Object.entries(firelens.options).map(([k, v]) => [k, String(v)])) : undefined,
    },
  };
}

function secrets(value: unknown, where: ParamsWhere, at: Array<string | number>): Secret[] | undefined {
  return list(value, where, at, (item, itemAt) => {
    const s = section(item, where, itemAt, 'a secret', ['name', 'value_from']);
    if (typeof s.name !== 'string' || typeof s.value_from !== 'string') fail(where(...itemAt), 'a secret needs name: and value_from:');
    return { name: s.name, valueFrom: s.value_from };
  });
}

function dockerVolumes(value: unknown, where: ParamsWhere): Volume[] {
  return list(value, where, ['task_definition', 'docker_volumes'], (item, at) => {
    const v = section(item, where, at, 'a docker volume', ['name', 'scope', 'autoprovision', 'driver', 'driver_opts', 'labels']);
    if (typeof v.name !== 'string') fail(where(...at), 'a docker volume needs name:');
    const strings = (m: unknown) => (isObject(m) ? Object.fromEntries(Object.entries(m).map(([k, x]) => [k, String(x)])) : undefined);
    const scope = oneOf(v.scope, ['task', 'shared'] as const, where(...at, 'scope'), 'scope');
    return {
      name: v.name,
      dockerVolumeConfiguration: {
        scope,
        autoprovision: scope === 'shared' ? v.autoprovision === true : undefined,
        driver: text(v.driver),
        driverOpts: strings(v.driver_opts),
        labels: strings(v.labels),
      },
    };
  }) ?? [];
}

function efsVolumes(value: unknown, where: ParamsWhere): Volume[] {
  return list(value, where, ['task_definition', 'efs_volumes'], (item, at) => {
    const v = section(item, where, at, 'an EFS volume', ['name', 'filesystem_id', 'root_directory', 'transit_encryption', 'transit_encryption_port', 'access_point', 'iam']);
    if (typeof v.name !== 'string' || typeof v.filesystem_id !== 'string') fail(where(...at), 'an EFS volume needs name: and filesystem_id:');
    const onOff = (key: string) => oneOf(v[key], ['ENABLED', 'DISABLED'] as const, where(...at, key), key);
    const accessPoint = text(v.access_point);
    const iam = onOff('iam');
    return {
      name: v.name,
      efsVolumeConfiguration: {
        fileSystemId: v.filesystem_id,
        rootDirectory: text(v.root_directory),
        transitEncryption: onOff('transit_encryption'),
        transitEncryptionPort: v.transit_encryption_port === undefined ? undefined : wholeNumber(v.transit_encryption_port, where(...at, 'transit_encryption_port'), 'transit_encryption_port', 1),
        authorizationConfig: accessPoint || iam ? { accessPointId: accessPoint, iam } : undefined,
      },
    };
  }) ?? [];
}

function constraints<T extends string>(value: unknown, where: ParamsWhere, at: string[], types: readonly T[]): Array<{ type: T; expression?: string }> | undefined {
  return list(value, where, at, (item, itemAt) => {
    const c = section(item, where, itemAt, 'a placement constraint', ['type', 'expression']);
    const type = oneOf(c.type, types, where(...itemAt, 'type'), 'type') ?? fail(where(...itemAt), 'a placement constraint needs type:');
    if (type === 'memberOf' && typeof c.expression !== 'string') fail(where(...itemAt), 'a memberOf constraint needs expression:');
    return { type, expression: text(c.expression) };
  });
}

function awsvpc(value: unknown, where: ParamsWhere): AwsVpcConfiguration | undefined {
  const at = ['run_params', 'network_configuration', 'awsvpc_configuration'];
  if (value === undefined || value === null) return undefined;
  const c = section(value, where, at, 'awsvpc_configuration', ['subnets', 'security_groups', 'assign_public_ip']);
  const ids = (key: string) => list(c[key], where, [...at, key], (item) => String(item));
  const subnets = ids('subnets');
  if (!subnets || subnets.length === 0) fail(where(...at), 'awsvpc_configuration needs subnets:');
  return {
    subnets,
    securityGroups: ids('security_groups'),
    assignPublicIp: oneOf(c.assign_public_ip, ['ENABLED', 'DISABLED'] as const, where(...at, 'assign_public_ip'), 'assign_public_ip'),
  };
}
