import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { fail, type ComposeWarning } from './compose-error.js';
import type { EcsParams, EcsParamsContainer } from './ecs-params.js';

/**
 * ecs-params' per-container settings over the compose file's: its values win, and where one
 * replaces a value the compose file set, the note says so (as ecs-cli logs it).
 */
export function applyContainerParams(containers: ContainerDefinition[], params: EcsParams, notes: ComposeWarning[]): void {
  for (const [name, overrides] of Object.entries(params.containers)) {
    const container = containers.find((c) => c.name === name);
    if (!container) {
      fail(params.where('task_definition', 'services', name), `ecs-params names a service ${name} that no compose file has (${containers.map((c) => c.name).join(', ')})`);
    }
    apply(container, overrides, notes, params.where('task_definition', 'services', name, 'logging'));
  }
}

function apply(container: ContainerDefinition, params: EcsParamsContainer, notes: ComposeWarning[], loggingWhere: string): void {
  const override = <K extends 'cpu' | 'memory' | 'memoryReservation' | 'essential'>(key: K, value: ContainerDefinition[K] | undefined) => {
    if (value === undefined) return;
    const was = container[key];
    if (was !== undefined && was !== value) {
      notes.push({ message: `Using ecs-params value as override (was ${String(was)} but is now ${String(value)})`, fields: { 'option name': key, 'service name': container.name! } });
    }
    container[key] = value;
  };
  override('essential', params.essential);
  override('cpu', params.cpu);
  override('memory', params.memory);
  override('memoryReservation', params.memoryReservation);
  if (params.dependsOn) container.dependsOn = params.dependsOn;
  if (params.healthCheck) container.healthCheck = params.healthCheck;
  if (params.gpu) container.resourceRequirements = [{ type: 'GPU', value: params.gpu }];
  if (params.initProcessEnabled !== undefined) container.linuxParameters = { ...container.linuxParameters, initProcessEnabled: params.initProcessEnabled };
  if (params.secrets) container.secrets = params.secrets;
  if (params.repositoryCredentials) container.repositoryCredentials = params.repositoryCredentials;
  if (params.firelens) container.firelensConfiguration = params.firelens;
  if (params.logSecretOptions) {
    if (!container.logConfiguration) {
      fail(loggingWhere, `logging.secret_options of ${container.name} needs a logging driver in the compose file`);
    }
    container.logConfiguration = { ...container.logConfiguration, secretOptions: params.logSecretOptions };
  }
}
