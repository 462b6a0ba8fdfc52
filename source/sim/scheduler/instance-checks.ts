import type { Attribute, ContainerInstanceRecord } from '../model.js';
import { attributeSelection } from './attribute-selection.js';
import { parseClusterQuery, type ClusterQuery } from './cluster-query.js';
import { Reason } from './failure-reasons.js';
import type { PlacementState } from './placement-state.js';
import { DYNAMIC_PORT_COUNT, DYNAMIC_PORT_RANGE, freeDynamicPorts } from './ports.js';
import type { QueryContext } from './query-evaluate.js';
import type { PlacementConstraint } from './validate-placement.js';

/**
 * Whether one container instance can take the task, checked in ECS's order: the instance is
 * usable, then the task's CPU, memory and ports fit, then the placement constraints hold.
 * The answer is a small code so the loop over a thousand instances allocates nothing.
 */
export enum Check {
  fits = 0,
  /** Not ACTIVE (DRAINING, INACTIVE, ...): never a candidate, and not reported. */
  skipped,
  agent,
  attribute,
  cpu,
  memory,
  ports,
  portsUdp,
  distinctInstance,
  memberOf,
}

const REASONS: Record<number, string> = {
  [Check.agent]: Reason.agent,
  [Check.attribute]: Reason.attribute,
  [Check.cpu]: Reason.cpu,
  [Check.memory]: Reason.memory,
  [Check.ports]: Reason.ports,
  [Check.portsUdp]: Reason.portsUdp,
  [Check.distinctInstance]: Reason.distinctInstance,
  [Check.memberOf]: Reason.memberOf,
};

export function reasonOf(check: Check): string {
  return REASONS[check]!;
}

function hasAttributes(instance: ContainerInstanceRecord, required: readonly Attribute[]): boolean {
  const own = instance.attributes;
  for (const need of required) {
    let found = false;
    for (let j = 0; j < own.length; j++) {
      const a = own[j]!;
      if (a.name === need.name && (need.value === undefined || need.value === null || a.value === need.value)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** Whether the task's fixed ports are free and enough ephemeral ports are left for the dynamic ones. */
function portsFit(fixed: readonly number[], dynamicNeed: number, inUse: readonly number[], takenHere: readonly number[]): boolean {
  for (let j = 0; j < fixed.length; j++) {
    const port = fixed[j]!;
    if (inUse.includes(port) || (takenHere.length > 0 && takenHere.includes(port))) return false;
  }
  if (dynamicNeed === 0) return true;
  // The range holds 28,232 ports: only an instance using nearly all of them needs counting.
  if (inUse.length + takenHere.length + dynamicNeed <= DYNAMIC_PORT_COUNT) return true;
  return freeDynamicPorts(inUse, takenHere) >= dynamicNeed;
}

function hasDuplicates(ports: readonly number[]): boolean {
  return new Set(ports).size !== ports.length;
}

/** The task's own fixed ports that fall in the ephemeral range leave fewer for its dynamic ones. */
function inDynamicRange(ports: readonly number[]): number {
  return ports.filter((p) => p >= DYNAMIC_PORT_RANGE.first && p <= DYNAMIC_PORT_RANGE.last).length;
}

/** The checks of one placeTasks call, prepared once. */
export class InstanceChecks {
  private readonly memberOf: ClusterQuery[] = [];
  /** The attribute-only memberOf expressions' answers, by instance position. */
  private readonly selections: Uint8Array[] = [];
  private readonly distinctInstance: boolean;
  private readonly needsTcp: boolean;
  private readonly needsUdp: boolean;
  /** A task that maps one fixed host port twice can never be placed. */
  private readonly selfClashTcp: boolean;
  private readonly selfClashUdp: boolean;
  private readonly dynamicNeedTcp: number;
  private readonly dynamicNeedUdp: number;
  private readonly queryContext: QueryContext;
  private current = 0;

  constructor(
    private readonly state: PlacementState,
    constraints: readonly PlacementConstraint[],
  ) {
    for (const constraint of constraints) {
      if (constraint.type !== 'memberOf' || !constraint.expression) continue;
      const query = parseClusterQuery(constraint.expression);
      if (query.attributesOnly) this.selections.push(attributeSelection(query, state.instances));
      else this.memberOf.push(query);
    }
    this.distinctInstance = constraints.some((c) => c.type === 'distinctInstance');
    const demand = state.demand;
    this.needsTcp = demand.ports.length > 0 || demand.dynamicPorts > 0;
    this.needsUdp = demand.portsUdp.length > 0 || demand.dynamicPortsUdp > 0;
    this.selfClashTcp = hasDuplicates(demand.ports);
    this.selfClashUdp = hasDuplicates(demand.portsUdp);
    this.dynamicNeedTcp = demand.dynamicPorts > 0 ? demand.dynamicPorts + inDynamicRange(demand.ports) : 0;
    this.dynamicNeedUdp = demand.dynamicPortsUdp > 0 ? demand.dynamicPortsUdp + inDynamicRange(demand.portsUdp) : 0;
    this.queryContext = {
      groupsOn: (instance) => state.groupsOn(instance, this.current),
      placedOn: () => state.placedOn(this.current),
    };
  }

  check(i: number): Check {
    const state = this.state;
    const instance = state.instances[i]!;
    if (instance.status !== 'ACTIVE') return Check.skipped;
    if (!instance.agentConnected) return Check.agent;
    const demand = state.demand;
    if (demand.requiredAttributes.length > 0 && !hasAttributes(instance, demand.requiredAttributes)) return Check.attribute;
    if (state.cpuLeft(i) < demand.cpu) return Check.cpu;
    if (state.memoryLeft(i) < demand.memory) return Check.memory;
    if (this.needsTcp && (this.selfClashTcp || !portsFit(demand.ports, this.dynamicNeedTcp, instance._remaining.ports, state.portsTakenHere(i)))) {
      return Check.ports;
    }
    if (
      this.needsUdp &&
      (this.selfClashUdp || !portsFit(demand.portsUdp, this.dynamicNeedUdp, instance._remaining.portsUdp, state.udpPortsTakenHere(i)))
    ) {
      return Check.portsUdp;
    }
    if (this.distinctInstance && state.groupTasksOn(i) > 0) return Check.distinctInstance;
    for (let s = 0; s < this.selections.length; s++) if (this.selections[s]![i] === 0) return Check.memberOf;
    if (this.memberOf.length > 0) {
      this.current = i;
      for (const query of this.memberOf) if (!query.test(instance, this.queryContext)) return Check.memberOf;
    }
    return Check.fits;
  }
}
