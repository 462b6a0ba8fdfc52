import { describe, expect, it } from 'vitest';
import { GroupCounts, placeTasks } from '../../../source/sim/scheduler/index.js';
import { instance, request } from './fixtures.js';

/**
 * Placement keeps what it worked out from one call to the next (the group's counts by
 * instance, the instances an attribute expression selects): the next call must still see every
 * task that started or stopped and every attribute that changed in between.
 */
describe('what placement keeps between calls', () => {
  const spread = [{ type: 'spread', field: 'instanceId' }];

  it('spread sees the group’s tasks that started and stopped since the last call', () => {
    const instances = [instance({ id: 'a' }), instance({ id: 'b' }), instance({ id: 'c' })];
    const counts = new GroupCounts();
    counts.add(instances[0]!.containerInstanceArn, 1);
    counts.add(instances[1]!.containerInstanceArn, 1);
    const place = () => placeTasks(request({ instances, groupCounts: counts, strategies: spread })).placements[0]!.instance.id;
    expect(place()).toBe('c');
    counts.add(instances[2]!.containerInstanceArn, 2);
    counts.add(instances[0]!.containerInstanceArn, -1);
    expect(place()).toBe('a');
    counts.add(instances[0]!.containerInstanceArn, 3);
    counts.add(instances[1]!.containerInstanceArn, -1);
    expect(place()).toBe('b');
  });

  it('spread reads the counts afresh when the cluster’s instances change', () => {
    const [a, b, c] = [instance({ id: 'a' }), instance({ id: 'b' }), instance({ id: 'c' })];
    const counts = new GroupCounts();
    counts.add(a!.containerInstanceArn, 2);
    counts.add(b!.containerInstanceArn, 1);
    expect(placeTasks(request({ instances: [a!, b!], groupCounts: counts, strategies: spread })).placements[0]!.instance.id).toBe('b');
    // Same counts, another list: positions moved, and c holds none of the group's tasks.
    expect(placeTasks(request({ instances: [c!, b!, a!], groupCounts: counts, strategies: spread })).placements[0]!.instance.id).toBe('c');
    expect(placeTasks(request({ instances: [b!, a!], groupCounts: counts, strategies: spread })).placements[0]!.instance.id).toBe('b');
  });

  it('memberOf over attributes follows an attribute that changed (its list replaced) since the last call', () => {
    const instances = [instance({ id: 'blue', attributes: [{ name: 'color', value: 'blue' }] }), instance({ id: 'red', attributes: [{ name: 'color', value: 'red' }] })];
    const constraints = [{ type: 'memberOf', expression: 'attribute:color == blue' }];
    const place = () => placeTasks(request({ instances, constraints })).placements.map((p) => p.instance.id);
    expect(place()).toEqual(['blue']);
    instances[0]!.attributes = instances[0]!.attributes.map((a) => (a.name === 'color' ? { ...a, value: 'red' } : a));
    instances[1]!.attributes = instances[1]!.attributes.map((a) => (a.name === 'color' ? { ...a, value: 'blue' } : a));
    expect(place()).toEqual(['red']);
    instances[1]!.attributes = instances[1]!.attributes.filter((a) => a.name !== 'color');
    const outcome = placeTasks(request({ instances, constraints }));
    expect(outcome.placements).toEqual([]);
    expect(outcome.failures.map((f) => f.reason)).toEqual(['MemberOf placement constraint unsatisfied.', 'MemberOf placement constraint unsatisfied.']);
  });
});
