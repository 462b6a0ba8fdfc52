import { existsSync, readFileSync } from 'node:fs';
import { basename, delimiter, dirname, resolve } from 'node:path';
import { DescribeTaskDefinitionCommand, RegisterTaskDefinitionCommand, type Tag } from '@aws-sdk/client-ecs';
import { translateCompose, type ComposeTranslation } from '../compose/index.js';
import type { EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import type { VerbLog } from './log.js';
import { booleanFlag, listFlag, stringFlag, type ParsedArgs } from './parse-args.js';
import type { Target } from './target.js';

/** The hash of the canonical definition a revision was registered from: equal hashes, no new revision. */
const FINGERPRINT_TAG = 'ecsh:definition-hash';

const DEFAULT_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml'];
const OVERRIDE_FILES = ['docker-compose.override.yml', 'docker-compose.override.yaml'];

export interface ComposeProject {
  /** The task definition's family and the service's name. */
  name: string;
  launchType?: 'EC2' | 'FARGATE';
  translation: ComposeTranslation;
}

/**
 * The project a compose command works on: its files (--file, COMPOSE_FILE, else
 * docker-compose.yml and its override), its name (--project-name, COMPOSE_PROJECT_NAME, else
 * the first file's directory) and ecs-params (--ecs-params, else ./ecs-params.yml), translated.
 * Warnings are logged as ecs-cli logs them.
 */
export function loadProject(args: ParsedArgs, context: EcsCliContext, target: Target, log: VerbLog): ComposeProject {
  const cwd = context.cwd ?? process.cwd();
  const env = context.env ?? process.env;
  const files = composeFiles(args, cwd);
  const projectDir = dirname(resolve(cwd, files[0]!));
  const name = projectName(args, context);
  const given = stringFlag(args, 'ecs-params');
  const ecsParams = given ?? (existsSync(resolve(cwd, 'ecs-params.yml')) ? 'ecs-params.yml' : undefined);
  const launchType = (stringFlag(args, 'launch-type') ?? target.launchType) as ComposeProject['launchType'];
  const translation = translateCompose({
    composeFiles: files,
    ecsParamsFile: ecsParams,
    readFile: (path) => readFileSync(resolve(cwd, path), 'utf8'),
    env,
    projectName: name,
    projectDir,
    taskRoleArn: stringFlag(args, 'task-role-arn'),
    launchType,
    createLogGroups: booleanFlag(args, 'create-log-groups'),
  });
  for (const warning of translation.warnings) log.warn(warning.message, warning.fields);
  for (const note of translation.notes) log.info(note.message, note.fields);
  return { name, launchType, translation };
}

/**
 * The project's name alone, which is all that commands on what already runs (ps, scale, stop,
 * rm) need: --project-name (or COMPOSE_PROJECT_NAME), else the directory of the first compose
 * file, which need not exist.
 */
export function projectName(args: ParsedArgs, context: EcsCliContext): string {
  const cwd = context.cwd ?? process.cwd();
  const first = (listFlag(args, 'file') ?? []).flatMap((file) => file.split(delimiter)).find((file) => file !== '');
  const name = stringFlag(args, 'project-name') ?? normalizedName(basename(dirname(resolve(cwd, first ?? DEFAULT_FILES[0]!))));
  if (name === '') throw new EcsCliError('the project has no name: pass --project-name NAME');
  return name;
}

/** The files as the user named them (so that errors point at them that way), relative to `cwd`. */
function composeFiles(args: ParsedArgs, cwd: string): string[] {
  const given = (listFlag(args, 'file') ?? []).flatMap((file) => file.split(delimiter)).filter((file) => file !== '');
  if (given.length > 0) return given;
  const main = DEFAULT_FILES.find((file) => existsSync(resolve(cwd, file)));
  if (!main) throw new EcsCliError(`there is no docker-compose.yml in ${cwd}: pass --file FILE`);
  const override = OVERRIDE_FILES.find((file) => existsSync(resolve(cwd, file)));
  return override ? [main, override] : [main];
}

/** As Docker Compose names a project after a directory: lower case, letters, digits, - and _ only. */
function normalizedName(directory: string): string {
  return directory.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

export interface RegisteredDefinition {
  arn: string;
  /** `family:revision`. */
  name: string;
  /** A new revision was registered. */
  registered: boolean;
}

/**
 * The project's definition: its latest revision when that was registered from the same
 * canonical definition (ecs-params included), else a new revision. Either way logged as
 * ecs-cli logs it.
 */
export async function registerIfChanged(target: Target, project: ComposeProject, tags: Tag[], log: VerbLog): Promise<RegisteredDefinition> {
  const { translation } = project;
  const latest = await latestRevision(target, project.name);
  let arn = latest?.taskDefinitionArn;
  const same = latest && latest.tags.some((t) => t.key === FINGERPRINT_TAG && t.value === translation.fingerprint);
  if (!same) {
    const registered = await target.backend.ecs.send(
      new RegisterTaskDefinitionCommand({ ...translation.taskDefinition, tags: [...tags, { key: FINGERPRINT_TAG, value: translation.fingerprint }] }),
    );
    arn = registered.taskDefinition!.taskDefinitionArn!;
  }
  const name = arn!.split('/').pop()!;
  log.info('Using ECS task definition', { TaskDefinition: name });
  return { arn: arn!, name, registered: !same };
}

async function latestRevision(target: Target, family: string) {
  try {
    const { taskDefinition, tags = [] } = await target.backend.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: family, include: ['TAGS'] }));
    return taskDefinition?.status === 'ACTIVE' ? { taskDefinitionArn: taskDefinition.taskDefinitionArn!, tags } : undefined;
  } catch (error) {
    // A family never registered: ECS answers ClientException.
    if ((error as Error).name === 'ClientException') return undefined;
    throw error;
  }
}
