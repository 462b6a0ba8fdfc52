import { ApiError, clientError } from '../errors.js';
import type { JobHandler, Operation } from '../sandbox.js';
import { requireCluster } from './common.js';
import {
  AGENT_UPDATE_JOB,
  AGENT_UPDATE_STAGES,
  LATEST_AGENT_VERSION,
  agentUpdateInProgress,
  agentVersionInfo,
  compareVersions,
} from './container-agent.js';
import { renderContainerInstance } from './container-instance-render.js';
import { instanceChanged, requireContainerInstance } from './container-instances.js';

/**
 * UpdateContainerAgent: the agent downloads the newer release and restarts into it, which ECS
 * shows as agentUpdateStatus PENDING -> STAGING -> STAGED -> UPDATING -> UPDATED.
 */

/** How long each stage takes on the simulated clock: a download, a verification, a restart. */
const STAGE_MS = 5_000;

export const UpdateContainerAgent: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const instance = requireContainerInstance(sb, cluster, input);
  if (instance.status === 'INACTIVE') throw clientError(`Container instance ${instance.id} is inactive.`);
  if (agentUpdateInProgress(instance.agentUpdateStatus)) {
    throw new ApiError(
      'UpdateInProgressException',
      `There's already a current Amazon ECS container agent update in progress on container instance ${instance.id}.`,
    );
  }
  const current = instance.versionInfo.agentVersion;
  if (!current) {
    throw new ApiError(
      'MissingVersionException',
      "Amazon ECS can't determine the current version of the Amazon ECS container agent on the container instance.",
    );
  }
  if (instance.attributes.some((a) => a.name === 'ecs.cpu-architecture' && a.value === 'arm64')) {
    throw clientError('Update not supported on Arm architecture.');
  }
  if (compareVersions(current, LATEST_AGENT_VERSION) >= 0) {
    throw new ApiError('NoUpdateAvailableException', 'There is no update available for your container agent.');
  }
  instance.agentUpdateStatus = 'PENDING';
  instanceChanged(sb, instance);
  sb.schedule(STAGE_MS, AGENT_UPDATE_JOB, instance.containerInstanceArn);
  return { containerInstance: renderContainerInstance(sb, instance) };
};

/**
 * Moves an update one stage on. A disconnected agent makes no progress; its update resumes when
 * it reconnects (reconnectInstance schedules this job again).
 */
export const advanceAgentUpdate: JobHandler = (sb, arn) => {
  const instance = sb.tables.containerInstances.get(arn);
  if (!instance || !agentUpdateInProgress(instance.agentUpdateStatus)) return;
  if (!instance.agentConnected || instance.status === 'INACTIVE') return;
  const stage = AGENT_UPDATE_STAGES.indexOf(instance.agentUpdateStatus as (typeof AGENT_UPDATE_STAGES)[number]);
  const next = AGENT_UPDATE_STAGES[stage + 1]!;
  instance.agentUpdateStatus = next;
  if (next === 'UPDATED') instance.versionInfo = agentVersionInfo(LATEST_AGENT_VERSION);
  else sb.schedule(STAGE_MS, AGENT_UPDATE_JOB, arn);
  instanceChanged(sb, instance);
};
