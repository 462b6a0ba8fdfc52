import type { Sandbox } from '../sandbox.js';
import { clusterOperations } from './clusters.js';

/** Installs the ECS API's operations and the jobs of its controllers. */
export function installEcs(sb: Sandbox): void {
  sb.register('ecs', clusterOperations);
}
