import { describe, expect, it } from 'vitest';
import { placeTasks, SERVICE_DEFAULT_STRATEGIES, taskDemand } from '../../../source/sim/scheduler/index.js';
import { container, instance, request, tally, task, taskDefinition } from './fixtures.js';

const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

describe('placement strategies', () => {
  it('binpack on memory fills one instance before using the next', () => {
    const instances = [instance({ id: 'x', memory: 1024 }), instance({ id: 'y', memory: 1024 }), instance({ id: 'z', memory: 1024 })];
    const outcome = placeTasks(request({ instances, count: 6, strategies: [{ type: 'binpack', field: 'memory' }] }));
    const counts = Object.values(tally(outcome.placements)).sort();
    expect(counts).toEqual([2, 4]);
    expect(outcome.failures).toEqual([]);
  });

  it('binpack picks the instance with the least of that resource left that still fits', () => {
    const instances = [instance({ id: 'roomy', cpu: 4096, memory: 600 }), instance({ id: 'tight', cpu: 1024, memory: 8000 })];
    const def = taskDefinition({ containers: [container({ cpu: 512, memory: 256 })] });
    expect(placeTasks(request({ instances, def, strategies: [{ type: 'binpack', field: 'cpu' }] })).placements[0]!.instance.id).toBe('tight');
    expect(placeTasks(request({ instances, def, strategies: [{ type: 'binpack', field: 'memory' }] })).placements[0]!.instance.id).toBe('roomy');
    const big = taskDefinition({ containers: [container({ cpu: 512, memory: 1000 })] });
    expect(placeTasks(request({ instances, def: big, strategies: [{ type: 'binpack', field: 'memory' }] })).placements[0]!.instance.id).toBe('tight');
  });

  it('spread over three Availability Zones puts 6 tasks 2 in each', () => {
    const instances = zones.flatMap((zone) => [instance({ zone }), instance({ zone })]);
    for (let seed = 1; seed <= 5; seed++) {
      const outcome = placeTasks(request({ instances, count: 6, seed, strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] }));
      const byZone: Record<string, number> = {};
      for (const p of outcome.placements) {
        const zone = p.instance.attributes.find((a) => a.name === 'ecs.availability-zone')!.value!;
        byZone[zone] = (byZone[zone] ?? 0) + 1;
      }
      expect(byZone).toEqual({ 'us-east-1a': 2, 'us-east-1b': 2, 'us-east-1c': 2 });
    }
  });

  it('spread counts the group’s tasks already running in each zone, even on instances that are full', () => {
    const full = instance({ zone: 'us-east-1a', memory: 256 });
    const open = [instance({ zone: 'us-east-1a' }), instance({ zone: 'us-east-1b' }), instance({ zone: 'us-east-1c' })];
    const running = [task(full), task(full), task(open[1], 'family:other'), task(open[2], 'family:web', 'STOPPED')];
    full._remaining.memory = 0;
    const spread = [{ type: 'spread', field: 'attribute:ecs.availability-zone' }];
    for (let seed = 1; seed <= 5; seed++) {
      const outcome = placeTasks(request({ instances: [full, ...open], tasks: running, count: 2, seed, strategies: spread }));
      expect(outcome.placements.map((p) => p.instance.attributes[0]!.value).sort()).toEqual(['us-east-1b', 'us-east-1c']);
    }
  });

  it('spread on instanceId (or host) evens out the group’s tasks per instance', () => {
    const instances = [instance({ id: 'p' }), instance({ id: 'q' }), instance({ id: 'r' })];
    const tasks = [task(instances[0]), task(instances[0]), task(instances[1])];
    for (const field of ['instanceId', 'host']) {
      const outcome = placeTasks(request({ instances, tasks, count: 3, strategies: [{ type: 'spread', field }] }));
      expect(tally(outcome.placements)).toEqual({ r: 2, q: 1 });
    }
  });

  it('applies strategies in order, each breaking the ties of the one before', () => {
    const a1 = instance({ id: 'a1', zone: 'us-east-1a', memory: 2000 });
    const a2 = instance({ id: 'a2', zone: 'us-east-1a', memory: 1000 });
    const b1 = instance({ id: 'b1', zone: 'us-east-1b', memory: 1500 });
    const instances = [a1, a2, b1];
    const spreadThenPack = [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }];
    const first = placeTasks(request({ instances, count: 2, strategies: spreadThenPack }));
    expect(first.placements.map((p) => p.instance.id).sort()).toEqual(['a2', 'b1']);
    const packThenSpread = [{ type: 'binpack', field: 'memory' }, { type: 'spread', field: 'attribute:ecs.availability-zone' }];
    const second = placeTasks(request({ instances, count: 2, strategies: packThenSpread }));
    expect(second.placements.map((p) => p.instance.id)).toEqual(['a2', 'a2']);
  });

  it('spreads over two attributes in turn: zones first, then instance types within them', () => {
    const instances = ['us-east-1a', 'us-east-1b'].flatMap((zone) => [
      instance({ zone, instanceType: 't3.medium' }),
      instance({ zone, instanceType: 't3.medium' }),
      instance({ zone, instanceType: 'm5.large' }),
    ]);
    const strategies = [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'spread', field: 'attribute:ecs.instance-type' },
    ];
    for (let seed = 1; seed <= 5; seed++) {
      const outcome = placeTasks(request({ instances, count: 4, seed, strategies }));
      const cells = outcome.placements.map((p) => `${p.instance.attributes[0]!.value}/${p.instance.attributes[1]!.value}`).sort();
      expect(cells).toEqual(['us-east-1a/m5.large', 'us-east-1a/t3.medium', 'us-east-1b/m5.large', 'us-east-1b/t3.medium']);
    }
  });

  it('the service default spreads over zones, then over the instances of a zone', () => {
    const instances = [instance({ id: 'a1', zone: 'us-east-1a' }), instance({ id: 'a2', zone: 'us-east-1a' }), instance({ id: 'b1', zone: 'us-east-1b' })];
    const outcome = placeTasks(request({ instances, count: 4, group: 'service:web', strategies: [...SERVICE_DEFAULT_STRATEGIES] }));
    expect(tally(outcome.placements)).toEqual({ a1: 1, a2: 1, b1: 2 });
  });

  it('with no strategy places at random (RunTask’s default), the same way for the same seed', () => {
    const instances = Array.from({ length: 5 }, (_, i) => instance({ id: `n${i}` }));
    const run = (seed: number) => placeTasks(request({ instances, count: 40, seed })).placements.map((p) => p.instance.id);
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
    expect(new Set(run(3)).size).toBe(5);
  });

  it('a random strategy ends the choice: later strategies are not consulted', () => {
    const instances = [instance({ id: 'small', memory: 600 }), instance({ id: 'large', memory: 6000 })];
    const picks = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const outcome = placeTasks(request({ instances, seed, strategies: [{ type: 'random' }, { type: 'binpack', field: 'memory' }] }));
      picks.add(outcome.placements[0]!.instance.id);
    }
    expect(picks).toEqual(new Set(['small', 'large']));
  });

  it('tasks placed earlier in the same call count for the next ones', () => {
    const instances = [instance({ id: 'only', cpu: 1024, memory: 4096 })];
    const def = taskDefinition({ containers: [container({ cpu: 400, memory: 100 })] });
    const outcome = placeTasks(request({ instances, def, count: 3, demand: taskDemand(def) }));
    expect(outcome.placements).toHaveLength(2);
    expect(outcome.failures).toEqual([{ arn: instances[0]!.containerInstanceArn, reason: 'RESOURCE:CPU' }]);
  });
});
