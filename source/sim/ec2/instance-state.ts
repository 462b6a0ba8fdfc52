import { ApiError } from '../errors.js';
import type { Ec2InstanceRecord } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { renderInstanceState } from './ec2-render.js';
import { beginTransition, hostGoingDown, userInitiated } from './instance-boot.js';
import { assignPublicAddress } from './instance-addresses.js';
import { checkId, missingParameter, stringList, type QueryObject } from './params.js';

/** StopInstances, StartInstances and TerminateInstances: what each state allows, and the change each starts. */

/** The instances a call names, all of them in the caller's region, or the error EC2 gives. */
export function namedInstances(sb: Sandbox, ctx: RequestContext, params: QueryObject): Ec2InstanceRecord[] {
  const ids = stringList(params, 'InstanceId');
  for (const id of ids) checkId(id, 'i', 'InvalidInstanceID.Malformed');
  const missing = ids.filter((id) => sb.tables.ec2Instances.get(id)?.region !== ctx.region);
  if (missing.length > 0) throw instancesNotFound(missing);
  return [...new Set(ids)].map((id) => sb.tables.ec2Instances.get(id)!);
}

export function instancesNotFound(ids: string[]): ApiError {
  return ids.length === 1
    ? new ApiError('InvalidInstanceID.NotFound', `The instance ID '${ids[0]}' does not exist`)
    : new ApiError('InvalidInstanceID.NotFound', `The instance IDs '${ids.join(', ')}' do not exist`);
}

function requiredInstances(sb: Sandbox, ctx: RequestContext, params: QueryObject): Ec2InstanceRecord[] {
  if (stringList(params, 'InstanceId').length === 0) throw missingParameter('InstanceId');
  return namedInstances(sb, ctx, params);
}

function incorrectState(instance: Ec2InstanceRecord, verb: string): ApiError {
  return new ApiError('IncorrectInstanceState', `The instance '${instance.instanceId}' is not in a state from which it can be ${verb}.`);
}

/** Applies `change` to each instance (all checked first), answering each one's previous and current state. */
function changeStates(instances: Ec2InstanceRecord[], check: (i: Ec2InstanceRecord) => void, change: (i: Ec2InstanceRecord) => void) {
  for (const instance of instances) check(instance);
  return instances.map((instance) => {
    const previousState = renderInstanceState(instance.state);
    change(instance);
    return { instanceId: instance.instanceId, previousState, currentState: renderInstanceState(instance.state) };
  });
}

function userShutdown(sb: Sandbox, instance: Ec2InstanceRecord): void {
  instance.stateTransitionReason = userInitiated(sb);
  instance.stateReason = { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
}

export const StopInstances: Operation = (sb, params, ctx) => {
  const instances = requiredInstances(sb, ctx, params);
  const changes = changeStates(
    instances,
    (i) => {
      if (!['running', 'stopping', 'stopped'].includes(i.state.name)) throw incorrectState(i, 'stopped');
    },
    (i) => {
      if (i.state.name !== 'running') return;
      userShutdown(sb, i);
      beginTransition(sb, i, 'stopping');
      hostGoingDown(sb, i, 'stopped');
    },
  );
  return { instancesSet: changes };
};

export const StartInstances: Operation = (sb, params, ctx) => {
  const instances = requiredInstances(sb, ctx, params);
  const changes = changeStates(
    instances,
    (i) => {
      if (!['pending', 'running', 'stopped'].includes(i.state.name)) throw incorrectState(i, 'started');
    },
    (i) => {
      if (i.state.name !== 'stopped') return;
      i.stateTransitionReason = '';
      i.stateReason = { code: 'pending', message: 'pending' };
      // EC2 reports the latest start as the launch time.
      i.launchTime = sb.now();
      assignPublicAddress(sb, i);
      beginTransition(sb, i, 'pending');
    },
  );
  return { instancesSet: changes };
};

export const TerminateInstances: Operation = (sb, params, ctx) => {
  const instances = requiredInstances(sb, ctx, params);
  const changes = changeStates(
    instances,
    () => {},
    (i) => {
      if (i.state.name === 'shutting-down' || i.state.name === 'terminated') return;
      userShutdown(sb, i);
      beginTransition(sb, i, 'shutting-down');
      hostGoingDown(sb, i, 'terminated');
    },
  );
  return { instancesSet: changes };
};

export const instanceStateOperations = { StopInstances, StartInstances, TerminateInstances };
