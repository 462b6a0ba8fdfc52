/**
 * Colours of ECS states, one rule for every pane: green is where things should end up, yellow
 * is on the way, red is stopped or failed, gray is gone. So a task being replaced, an instance
 * draining or a rollout in progress stands out from a steady cluster.
 */
const COLORS: Record<string, string> = {
  // tasks
  PROVISIONING: 'yellow',
  PENDING: 'yellow',
  ACTIVATING: 'yellow',
  RUNNING: 'green',
  DEACTIVATING: 'magenta',
  STOPPING: 'magenta',
  DEPROVISIONING: 'magenta',
  STOPPED: 'red',
  // container instances and services
  REGISTERING: 'yellow',
  ACTIVE: 'green',
  DRAINING: 'yellow',
  DEREGISTERING: 'magenta',
  REGISTRATION_FAILED: 'red',
  INACTIVE: 'gray',
  // deployments and their rollouts
  PRIMARY: 'green',
  COMPLETED: 'green',
  IN_PROGRESS: 'yellow',
  FAILED: 'red',
  // health
  HEALTHY: 'green',
  UNHEALTHY: 'red',
  UNKNOWN: 'gray',
};

export function statusColor(status: string | undefined): string {
  return (status && COLORS[status]) || 'white';
}

/** A deployment's status: an ACTIVE deployment is an old one still being drained, not a healthy one. */
export function deploymentColor(status: string): string {
  return status === 'ACTIVE' ? 'yellow' : statusColor(status);
}
