import { createHash } from 'node:crypto';
import { ApiError } from '../errors.js';
import type { Ec2InstanceRecord } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { zoneId } from './availability-zones.js';
import { renderInstanceState } from './ec2-render.js';
import { filterRecords } from './filters.js';
import { namedInstances } from './instance-state.js';
import { boolParam, ec2Page, intParam, stringList } from './params.js';

/**
 * DescribeInstanceStatus: the status checks EC2 runs on a running instance. They start when
 * the instance comes to run (`initializing`) and pass a little later (`ok`), on the simulated
 * clock, so that `aws ec2 wait instance-status-ok` and `system-status-ok` end. An instance that
 * does not run has no checks (`not-applicable`), and is listed only with IncludeAllInstances.
 */

/** How long the checks take once an instance runs (simulated ms): brisk, as the sandbox's boots are. */
const CHECKS_MS = { min: 30_000, max: 60_000 };

type CheckStatus = 'ok' | 'initializing' | 'not-applicable';

/**
 * The instance's own check time, from its id rather than the seeded generator: describing
 * status draws nothing, so asking never changes what happens next.
 */
function checksTake(instanceId: string): number {
  const fraction = createHash('sha256').update(instanceId).digest().readUInt32BE(0) / 0xffffffff;
  return Math.round(CHECKS_MS.min + fraction * (CHECKS_MS.max - CHECKS_MS.min));
}

function checkStatus(sb: Sandbox, instance: Ec2InstanceRecord): CheckStatus {
  if (instance.state.name !== 'running') return 'not-applicable';
  // An instance saved before its start was recorded has long passed its checks.
  const since = instance._runningSince ?? -Infinity;
  return sb.now() - since >= checksTake(instance.instanceId) ? 'ok' : 'initializing';
}

function summary(status: CheckStatus) {
  if (status === 'not-applicable') return { status };
  return { status, details: [{ name: 'reachability', status: status === 'ok' ? 'passed' : 'initializing' }] };
}

function reachability(status: CheckStatus): string | undefined {
  return status === 'not-applicable' ? undefined : status === 'ok' ? 'passed' : 'initializing';
}

const STATUS_FILTERS = {
  'availability-zone': (i: { instance: Ec2InstanceRecord }) => i.instance.availabilityZone,
  'instance-state-name': (i: { instance: Ec2InstanceRecord }) => i.instance.state.name,
  'instance-state-code': (i: { instance: Ec2InstanceRecord }) => i.instance.state.code,
  'instance-status.status': (i: { status: CheckStatus }) => i.status,
  'instance-status.reachability': (i: { status: CheckStatus }) => reachability(i.status),
  'system-status.status': (i: { status: CheckStatus }) => i.status,
  'system-status.reachability': (i: { status: CheckStatus }) => reachability(i.status),
  'attached-ebs-status.status': (i: { status: CheckStatus }) => i.status,
  'attached-ebs-status.reachability': (i: { status: CheckStatus }) => reachability(i.status),
  'event.code': () => undefined,
  'event.description': () => undefined,
  'event.instance-event-id': () => undefined,
};

export const DescribeInstanceStatus: Operation = (sb, params, ctx) => {
  const named = stringList(params, 'InstanceId').length > 0;
  if (named && intParam(params, 'MaxResults') !== undefined) {
    throw new ApiError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const includeAll = boolParam(params, 'IncludeAllInstances') ?? false;
  const instances = named ? namedInstances(sb, ctx, params) : [...sb.tables.ec2Instances.values()].filter((i) => i.region === ctx.region);
  const listed = instances
    .filter((instance) => includeAll || instance.state.name === 'running')
    .map((instance) => ({ instance, status: checkStatus(sb, instance) }));
  const matching = filterRecords(listed, params, STATUS_FILTERS);
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return {
    instanceStatusSet: page.map(({ instance, status }) => ({
      instanceId: instance.instanceId,
      availabilityZone: instance.availabilityZone,
      availabilityZoneId: zoneId(instance.availabilityZone),
      instanceState: renderInstanceState(instance.state),
      systemStatus: summary(status),
      instanceStatus: summary(status),
      attachedEbsStatus: summary(status),
    })),
    nextToken,
  };
};
