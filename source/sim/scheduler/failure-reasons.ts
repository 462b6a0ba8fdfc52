import { lastSegment } from '../arn.js';

/**
 * Why a container instance could not take a task, in ECS's own words: the `reason` of a
 * RunTask / StartTask `failures` entry (one per container instance, its ARN as `arn`).
 */
export const Reason = {
  agent: 'AGENT',
  attribute: 'ATTRIBUTE',
  cpu: 'RESOURCE:CPU',
  memory: 'RESOURCE:MEMORY',
  ports: 'RESOURCE:PORTS',
  portsUdp: 'RESOURCE:PORTS_UDP',
  distinctInstance: 'DistinctInstance placement constraint unsatisfied.',
  memberOf: 'MemberOf placement constraint unsatisfied.',
} as const;

export type ReasonText = (typeof Reason)[keyof typeof Reason];

/**
 * The failure (no ARN) when a cluster has no ACTIVE container instance at all. RunTask turns it
 * into an InvalidParameterException with this message; a service writes it into its event.
 */
export const NO_CONTAINER_INSTANCES = 'No Container Instances were found in your cluster.';

export interface PlacementFailure {
  arn?: string;
  reason: string;
  detail?: string;
}

/**
 * The order in which an instance's requirements are checked, which is also how close an
 * instance came: one that only failed a constraint met every resource requirement.
 */
const CLOSENESS: readonly string[] = [
  Reason.agent,
  Reason.attribute,
  Reason.cpu,
  Reason.memory,
  Reason.ports,
  Reason.portsUdp,
  Reason.distinctInstance,
  Reason.memberOf,
];

/** What ECS says of the closest matching instance, after "The closest matching (container-instance ID)". */
function closestMatchPhrase(reason: string): string {
  switch (reason) {
    case Reason.cpu:
      return 'has insufficient CPU units available.';
    case Reason.memory:
      return 'has insufficient memory available.';
    case Reason.ports:
    case Reason.portsUdp:
      return 'is already using a port required by your task.';
    case Reason.attribute:
      return 'is missing an attribute required by your task.';
    default:
      return `encountered error "${reason}".`;
  }
}

/**
 * The service event ECS writes when the service scheduler cannot place a task: it names the
 * instance that came closest (the one that failed the latest check) and why.
 */
export function unableToPlaceMessage(serviceName: string, failures: readonly PlacementFailure[]): string {
  const lead = `(service ${serviceName}) was unable to place a task because no container instance met all of its requirements.`;
  const tail = 'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';
  let closest: PlacementFailure | undefined;
  for (const failure of failures) {
    if (!failure.arn) continue;
    if (!closest || CLOSENESS.indexOf(failure.reason) > CLOSENESS.indexOf(closest.reason)) closest = failure;
  }
  if (!closest) return `${lead} Reason: ${NO_CONTAINER_INSTANCES} ${tail}`;
  return `${lead} The closest matching (container-instance ${lastSegment(closest.arn!)}) ${closestMatchPhrase(closest.reason)} ${tail}`;
}
