import type {
  ContainerDefinition,
  NetworkConfiguration,
  PlacementConstraint,
  PlacementStrategy,
  RegisterTaskDefinitionCommandInput,
  Volume,
} from '@aws-sdk/client-ecs';
import { ComposeError, fail, type ComposeWarning } from './compose-error.js';
import { applyContainerParams } from './apply-ecs-params.js';
import { loadComposeFiles, type ComposeFileText } from './compose-file.js';
import { containerDefinition } from './container-definition.js';
import { readEcsParams, type EcsParams } from './ecs-params.js';
import { fingerprint, withoutUndefined } from './fingerprint.js';
import { isObject } from './merge.js';
import type { ServiceContext } from './service-context.js';
import { wholeNumber } from './units.js';
import { validateDefinition } from './validate-definition.js';
import { TaskVolumes } from './volumes.js';

export interface TranslateOptions {
  /** In the order given (`-f a.yml -f b.yml`): later files override earlier ones. */
  composeFiles: string[];
  ecsParamsFile?: string;
  /** The only way files are read (compose files, ecs-params, env_file). */
  readFile(path: string): string;
  /** For `${VAR}` and for environment keys given without a value. */
  env: Readonly<Record<string, string | undefined>>;
  /** The task definition's family. */
  projectName: string;
  /** Where relative paths in the files start: the first compose file's directory, absolute. */
  projectDir: string;
  /** --task-role-arn, over ecs-params' task_role_arn. */
  taskRoleArn?: string;
  launchType?: 'EC2' | 'FARGATE';
  /** awslogs containers get `awslogs-create-group`, so the agent makes their log groups. */
  createLogGroups?: boolean;
}

/** How the task runs, besides its definition: for RunTask and CreateService. */
export interface RunSettings {
  networkConfiguration?: NetworkConfiguration;
  placementStrategy?: PlacementStrategy[];
  placementConstraints?: PlacementConstraint[];
  /** v3 `deploy.replicas`: the service's count when `service up` creates it. */
  replicas?: number;
}

export interface ComposeTranslation {
  taskDefinition: RegisterTaskDefinitionCommandInput;
  /** The canonical definition's hash: equal hashes, equal definitions. */
  fingerprint: string;
  run: RunSettings;
  warnings: ComposeWarning[];
  /** What ecs-cli logs at info level (ecs-params overrides). */
  notes: ComposeWarning[];
}

/** Memory given to a container when nothing else sets any, as ecs-cli gives it. */
const DEFAULT_MEMORY_MIB = 512;

/**
 * Compose files and an optional ecs-params file -> the RegisterTaskDefinition input and how
 * to run it, or a ComposeError naming the file, line and column at fault. No I/O other than
 * `readFile`.
 */
export function translateCompose(options: TranslateOptions): ComposeTranslation {
  if (options.composeFiles.length === 0) throw new ComposeError('no compose file: pass --file docker-compose.yml');
  const warnings: ComposeWarning[] = [];
  const notes: ComposeWarning[] = [];
  const files: ComposeFileText[] = options.composeFiles.map((path) => ({ path, text: read(options, path) }));
  const project = loadComposeFiles(files, options.env, warnings);
  const params = options.ecsParamsFile ? readEcsParams(options.ecsParamsFile, read(options, options.ecsParamsFile), warnings) : undefined;
  const networkMode = params?.networkMode ?? 'bridge';
  const volumes = new TaskVolumes(project.volumes, (name) => project.where('volumes', name), project.version !== 1);
  const contexts = new Map<string, ServiceContext>();
  const containers: ContainerDefinition[] = project.services.map((service) => {
    const ctx: ServiceContext = {
      name: service.name,
      where: service.where,
      warn: (message, fields) => warnings.push({ message, fields: { ...fields, 'service name': service.name } }),
      env: options.env,
      readFile: options.readFile,
      projectDir: options.projectDir,
    };
    contexts.set(service.name, ctx);
    return containerDefinition(service.spec, volumes, { networkMode, createLogGroups: options.createLogGroups ?? false }, ctx);
  });
  if (params) applyContainerParams(containers, params, notes);
  const taskMemory = params?.taskMemory;
  for (const container of containers) {
    if (container.memory === undefined && container.memoryReservation === undefined && !taskMemory) container.memory = DEFAULT_MEMORY_MIB;
  }
  const taskDefinition: RegisterTaskDefinitionCommandInput = withoutUndefined({
    family: options.projectName,
    taskRoleArn: options.taskRoleArn ?? params?.taskRoleArn,
    executionRoleArn: params?.executionRoleArn,
    networkMode: params?.networkMode,
    containerDefinitions: containers.map(withoutUndefined),
    volumes: taskVolumes(volumes.list(), params),
    placementConstraints: params?.placementConstraints,
    requiresCompatibilities: options.launchType ? [options.launchType] : undefined,
    cpu: params?.taskCpu,
    memory: taskMemory,
    pidMode: params?.pidMode,
    ipcMode: params?.ipcMode,
  });
  const projectWhere = (...path: Array<string | number>) => project.where(...path);
  validateDefinition(taskDefinition, (name) => contexts.get(name)?.where ?? projectWhere, projectWhere);
  if (networkMode === 'awsvpc' && !params?.awsvpc) {
    fail(params!.where('task_definition', 'ecs_network_mode'), 'awsvpc network mode needs run_params.network_configuration.awsvpc_configuration (subnets) in ecs-params');
  }
  return {
    taskDefinition,
    fingerprint: fingerprint(taskDefinition),
    run: withoutUndefined({
      networkConfiguration: params?.awsvpc ? { awsvpcConfiguration: params.awsvpc } : undefined,
      placementStrategy: params?.placementStrategy,
      placementConstraints: params?.runPlacementConstraints,
      replicas: replicas(project.services, warnings),
    }),
    warnings,
    notes,
  };
}

function read(options: TranslateOptions, path: string): string {
  try {
    return options.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ComposeError(`${path}: cannot be read (${code === 'ENOENT' ? 'no such file' : (error as Error).message})`);
  }
}

/** ecs-params' docker and EFS volumes replace compose's volumes of the same name. */
function taskVolumes(fromCompose: Volume[], params: EcsParams | undefined): Volume[] | undefined {
  const fromParams = params?.volumes ?? [];
  const names = new Set(fromParams.map((v) => v.name));
  const all = [...fromCompose.filter((v) => !names.has(v.name)), ...fromParams].map(withoutUndefined);
  return all.length > 0 ? all : undefined;
}

/** One task holds every service, so one count: the services' `deploy.replicas`, the largest if they differ. */
function replicas(services: ReturnType<typeof loadComposeFiles>['services'], warnings: ComposeWarning[]): number | undefined {
  const counts = services.flatMap((service) => {
    const deploy = service.spec.deploy;
    if (!isObject(deploy) || deploy.replicas === undefined) return [];
    return [wholeNumber(deploy.replicas, service.where('deploy', 'replicas'), 'deploy.replicas')];
  });
  if (counts.length === 0) return undefined;
  const count = Math.max(...counts);
  if (counts.some((c) => c !== count)) warnings.push({ message: `Services ask for different deploy.replicas: the task runs ${count} times`, fields: {} });
  return count;
}
