import type {
  AccountSettingRecord,
  CapacityProviderRecord,
  ClusterRecord,
  ContainerInstanceRecord,
  Ec2InstanceRecord,
  SecurityGroupRecord,
  ServiceRecord,
  SubnetRecord,
  TaskDefinitionRecord,
  TaskRecord,
  TaskSetRecord,
  VpcRecord,
} from './model.js';
import type { RandomState } from './random.js';

/**
 * Everything the sandbox knows, as tables keyed by ARN or id. Records carry their region,
 * so one set of tables serves every region. Plain data only: it is what the state file holds.
 */
export interface Tables {
  clusters: Map<string, ClusterRecord>;
  containerInstances: Map<string, ContainerInstanceRecord>;
  taskDefinitions: Map<string, TaskDefinitionRecord>;
  tasks: Map<string, TaskRecord>;
  services: Map<string, ServiceRecord>;
  taskSets: Map<string, TaskSetRecord>;
  capacityProviders: Map<string, CapacityProviderRecord>;
  /** Keyed by `region|principalArn|name`. */
  accountSettings: Map<string, AccountSettingRecord>;
  ec2Instances: Map<string, Ec2InstanceRecord>;
  vpcs: Map<string, VpcRecord>;
  subnets: Map<string, SubnetRecord>;
  securityGroups: Map<string, SecurityGroupRecord>;
  /** Extra tables that later parts of the sandbox add (load balancers, ENIs, ...). */
  [table: string]: Map<string, any>;
}

export const TABLE_NAMES = [
  'clusters',
  'containerInstances',
  'taskDefinitions',
  'tasks',
  'services',
  'taskSets',
  'capacityProviders',
  'accountSettings',
  'ec2Instances',
  'vpcs',
  'subnets',
  'securityGroups',
] as const;

/** A job for the sandbox to do at a simulated time: `kind` names the handler, `key` the record. */
export interface Job {
  at: number;
  kind: string;
  key: string;
}

export interface SandboxState {
  tables: Tables;
  /** Pending jobs, a binary min-heap on `at` (ties in insertion order by `seq`). */
  agenda: Array<Job & { seq: number }>;
  seq: number;
  /** Last simulated time seen, so time never runs backwards across a restart. */
  clockAt: number;
  random: RandomState;
  /** Per-family revision counters: a deleted revision's number is never reused. */
  revisions: Record<string, number>;
}

export function emptyTables(): Tables {
  const tables = {} as Tables;
  for (const name of TABLE_NAMES) tables[name] = new Map();
  return tables;
}

export function table<T>(tables: Tables, name: string): Map<string, T> {
  let t = tables[name];
  if (!t) {
    t = new Map();
    tables[name] = t;
  }
  return t as Map<string, T>;
}
