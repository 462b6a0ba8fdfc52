import type { ContainerInstanceRecord, TaskRecord } from '../model.js';
import type { ClusterQuery, Comparison, Operator, QueryNode } from './cluster-query.js';

/**
 * What a cluster query means for an instance. A parsed query is compiled once into nested
 * closures, each comparison knowing its subject and operator already: placement tests a
 * query against every instance of the cluster, for every task.
 */

/** What a query needs to know beyond the instance record itself. */
export interface QueryContext {
  /** Groups of the tasks on the instance that are not STOPPED (only asked when the query uses task:group). */
  groupsOn(instance: ContainerInstanceRecord): ReadonlySet<string>;
  /** Tasks placed on the instance by the placement under way, not yet in its runningTasksCount. */
  placedOn?(instance: ContainerInstanceRecord): number;
}

export type InstanceTest = (instance: ContainerInstanceRecord, context: QueryContext) => boolean;

type ValueTest = (value: string | undefined, present: boolean) => boolean;

function ordering(operator: Operator): (sign: number) => boolean {
  switch (operator) {
    case 'greater_than':
      return (sign) => sign > 0;
    case 'greater_than_equal':
      return (sign) => sign >= 0;
    case 'less_than':
      return (sign) => sign < 0;
    case 'less_than_equal':
      return (sign) => sign <= 0;
    case 'not_equals':
      return (sign) => sign !== 0;
    default:
      return (sign) => sign === 0;
  }
}

/** For >, >=, < and <=: numbers compare as numbers, anything else as text. */
function compareValues(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return Math.sign(x - y);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Agent versions compare part by part: 1.14.5 < 1.100.0. */
function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * A test on a single-valued subject. As the developer guide's examples have it,
 * `attribute:stack != prod` selects instances that have the attribute with another value,
 * so every operator but not_exists needs the subject to be there.
 */
function valueTest(node: Comparison, compare: (a: string, b: string) => number): ValueTest {
  const list = node.values;
  const wanted = list[0];
  const regex = node.regex!;
  switch (node.operator) {
    case 'exists':
      return (_, present) => present;
    case 'not_exists':
      return (_, present) => !present;
    case 'equals':
      return (value, present) => present && value === wanted;
    case 'not_equals':
      return (value, present) => present && value !== wanted;
    case 'in':
      return (value, present) => present && value !== undefined && list.includes(value);
    case 'not_in':
      return (value, present) => present && (value === undefined || !list.includes(value));
    case 'matches':
      return (value, present) => present && regex.test(value ?? '');
    case 'not_matches':
      return (value, present) => present && !regex.test(value ?? '');
    default: {
      const holds = ordering(node.operator);
      return (value, present) => present && value !== undefined && holds(compare(value, wanted!));
    }
  }
}

function numberTest(node: Comparison): (value: number) => boolean {
  const numbers = node.numbers;
  if (node.operator === 'in') return (value) => numbers.includes(value);
  if (node.operator === 'not_in') return (value) => !numbers.includes(value);
  const holds = ordering(node.operator);
  const wanted = numbers[0]!;
  return (value) => holds(Math.sign(value - wanted));
}

/** task:group is a set: `==` means some task on the instance is in that group, `!=` that none is. */
function groupTest(node: Comparison): (groups: ReadonlySet<string>) => boolean {
  const list = node.values;
  const regex = node.regex!;
  const some = (groups: ReadonlySet<string>, test: (group: string) => boolean) => {
    for (const group of groups) if (test(group)) return true;
    return false;
  };
  switch (node.operator) {
    case 'exists':
      return (groups) => groups.size > 0;
    case 'not_exists':
      return (groups) => groups.size === 0;
    case 'equals':
      return (groups) => groups.has(list[0]!);
    case 'not_equals':
      return (groups) => !groups.has(list[0]!);
    case 'in':
      return (groups) => list.some((g) => groups.has(g));
    case 'not_in':
      return (groups) => !list.some((g) => groups.has(g));
    case 'matches':
      return (groups) => some(groups, (g) => regex.test(g));
    default:
      return (groups) => !some(groups, (g) => regex.test(g));
  }
}

function compileComparison(node: Comparison): InstanceTest {
  const subject = node.subject;
  switch (subject.kind) {
    case 'attribute': {
      const name = subject.name;
      const test = valueTest(node, compareValues);
      return (instance) => {
        const attributes = instance.attributes;
        for (let j = 0; j < attributes.length; j++) {
          if (attributes[j]!.name === name) return test(attributes[j]!.value, true);
        }
        return test(undefined, false);
      };
    }
    case 'agentConnected': {
      const test = valueTest(node, compareValues);
      return (instance) => test(instance.agentConnected ? 'true' : 'false', true);
    }
    case 'agentVersion': {
      const test = valueTest(node, compareVersions);
      return (instance) => test(instance.versionInfo.agentVersion, true);
    }
    case 'ec2InstanceId': {
      const test = valueTest(node, compareValues);
      return (instance) => test(instance.ec2InstanceId, instance.ec2InstanceId !== undefined);
    }
    case 'registeredAt': {
      const test = numberTest(node);
      return (instance) => test(instance.registeredAt);
    }
    case 'runningTasksCount': {
      const test = numberTest(node);
      return (instance, context) => test(instance.runningTasksCount + (context.placedOn?.(instance) ?? 0));
    }
    case 'taskGroup': {
      const test = groupTest(node);
      return (instance, context) => test(context.groupsOn(instance));
    }
  }
}

export function compileQuery(node: QueryNode): InstanceTest {
  switch (node.type) {
    case 'and': {
      const left = compileQuery(node.left);
      const right = compileQuery(node.right);
      return (instance, context) => left(instance, context) && right(instance, context);
    }
    case 'or': {
      const left = compileQuery(node.left);
      const right = compileQuery(node.right);
      return (instance, context) => left(instance, context) || right(instance, context);
    }
    case 'not': {
      const operand = compileQuery(node.operand);
      return (instance, context) => !operand(instance, context);
    }
    case 'compare':
      return compileComparison(node);
  }
}

/** Whether `instance` is selected by `query`, given the cluster's tasks (ListContainerInstances' filter). */
export function matchesClusterQuery(query: ClusterQuery, instance: ContainerInstanceRecord, tasks: readonly TaskRecord[]): boolean {
  const groupsOn = (target: ContainerInstanceRecord): ReadonlySet<string> => {
    const groups = new Set<string>();
    for (const task of tasks) {
      if (task.containerInstanceArn === target.containerInstanceArn && task.lastStatus !== 'STOPPED') groups.add(task.group);
    }
    return groups;
  };
  return query.test(instance, { groupsOn });
}
