import type { Sandbox } from '../sandbox.js';
import { accountSettingOperations } from './account-settings.js';
import { attributeOperations } from './attributes.js';
import { CLUSTER_ATTACHMENTS_JOB, completeClusterAttachments } from './capacity-provider-attachments.js';
import { CAPACITY_PROVIDER_JOB, capacityProviderOperations, completeCapacityProviderChange } from './capacity-providers.js';
import { clusterOperations } from './clusters.js';
import { AGENT_UPDATE_JOB } from './container-agent.js';
import { advanceAgentUpdate } from './container-instance-agent-update.js';
import { containerInstanceOperations } from './container-instance-operations.js';
import { tagOperations } from './tags.js';
import { agentOperations } from './agent.js';
import { TASK_DEFINITION_DELETE_JOB, finishTaskDefinitionDelete, taskDefinitionOperations } from './task-definitions.js';
import { installInstanceAgent } from './instance-agent.js';
import { installTaskLifecycle } from './task-lifecycle.js';
import { taskOperations } from './tasks.js';
import { installServiceController } from './service-controller.js';
import { installServiceLoadBalancers } from './service-load-balancers.js';
import { serviceDeploymentOperations } from './service-deployments.js';
import { serviceOperations } from './services.js';
import { taskSetOperations } from './task-sets.js';

export { interruptSpotTasks, SPOT_INTERRUPTION_REASON, type SpotInterruption } from './fargate-spot.js';
export { agentVersionInfo } from './container-agent.js';

/** Installs the ECS API's operations and the jobs of its controllers. */
export function installEcs(sb: Sandbox): void {
  sb.register('ecs', clusterOperations);
  sb.register('ecs', containerInstanceOperations);
  sb.register('ecs', attributeOperations);
  sb.register('ecs', tagOperations);
  sb.register('ecs', accountSettingOperations);
  sb.register('ecs', capacityProviderOperations);
  sb.onJob(AGENT_UPDATE_JOB, advanceAgentUpdate);
  sb.onJob(CAPACITY_PROVIDER_JOB, completeCapacityProviderChange);
  sb.onJob(CLUSTER_ATTACHMENTS_JOB, completeClusterAttachments);
  sb.register('ecs', taskDefinitionOperations);
  sb.register('ecs', taskOperations);
  sb.register('ecs', agentOperations);
  sb.onJob(TASK_DEFINITION_DELETE_JOB, finishTaskDefinitionDelete);
  installTaskLifecycle(sb);
  installInstanceAgent(sb);
  sb.register('ecs', serviceOperations);
  sb.register('ecs', taskSetOperations);
  sb.register('ecs', serviceDeploymentOperations);
  installServiceController(sb);
  installServiceLoadBalancers(sb);
}
