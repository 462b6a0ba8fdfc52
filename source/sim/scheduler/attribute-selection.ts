import type { ContainerInstanceRecord } from '../model.js';
import type { ClusterQuery } from './cluster-query.js';
import { InstanceSnapshot } from './instance-snapshot.js';
import type { QueryContext } from './query-evaluate.js';

/**
 * Which instances a memberOf expression over attributes alone selects, by position in the
 * request: 1 selected, 0 not. Services place with the same expression call after call, so the
 * answer is kept while the instances and their attribute lists stay the same.
 */

const selections = new WeakMap<ClusterQuery, { snapshot: InstanceSnapshot; selected: Uint8Array }>();

/** Nothing an attribute-only expression asks of the context. */
const NO_CONTEXT: QueryContext = { groupsOn: () => new Set(), placedOn: () => 0 };

export function attributeSelection(query: ClusterQuery, instances: readonly ContainerInstanceRecord[]): Uint8Array {
  const kept = selections.get(query);
  if (kept && kept.snapshot.matches(instances)) return kept.selected;
  const selected = new Uint8Array(instances.length);
  for (let i = 0; i < instances.length; i++) selected[i] = query.test(instances[i]!, NO_CONTEXT) ? 1 : 0;
  selections.set(query, { snapshot: new InstanceSnapshot(instances), selected });
  return selected;
}
