import type { Random } from '../random.js';
import type { PlacementState } from './placement-state.js';
import { spreadKey, type PlacementStrategy } from './validate-placement.js';

/**
 * Placement strategies, applied in the order given, each one a tie-breaker for the ones
 * before it: binpack keeps the candidates with the least of a resource left, spread the ones
 * whose instance (or attribute value, within the values of earlier spreads) holds the fewest
 * tasks of the group, random picks one.
 * Candidates still tied after the last strategy are picked at random, as ECS leaves their
 * order unspecified; with no strategy at all that is RunTask's default, random placement.
 */

type Step =
  | { kind: 'random' }
  | { kind: 'binpack'; resource: 'cpu' | 'memory' }
  | { kind: 'spreadInstance' }
  | { kind: 'spreadAttribute'; attributes: string[] };

export function strategySteps(strategies: readonly PlacementStrategy[]): Step[] {
  const steps: Step[] = [];
  const spreadSoFar: string[] = [];
  for (const strategy of strategies) {
    if (strategy.type === 'random') steps.push({ kind: 'random' });
    else if (strategy.type === 'binpack') steps.push({ kind: 'binpack', resource: strategy.field === 'cpu' ? 'cpu' : 'memory' });
    else if (strategy.type === 'spread') {
      const key = spreadKey(strategy.field ?? '');
      if (key && 'attribute' in key) {
        spreadSoFar.push(key.attribute);
        steps.push({ kind: 'spreadAttribute', attributes: [...spreadSoFar] });
      } else if (key) steps.push({ kind: 'spreadInstance' });
    }
  }
  return steps;
}

let keys = new Float64Array(0);

/** Each candidate's score for one step, into `keys` (the step chosen once, not per candidate); returns the lowest. */
function scoreAll(step: Step, state: PlacementState, candidates: Int32Array, count: number): number {
  let lowest = Infinity;
  const put = (c: number, k: number) => {
    keys[c] = k;
    if (k < lowest) lowest = k;
  };
  switch (step.kind) {
    case 'binpack':
      if (step.resource === 'cpu') for (let c = 0; c < count; c++) put(c, state.cpuLeft(candidates[c]!));
      else for (let c = 0; c < count; c++) put(c, state.memoryLeft(candidates[c]!));
      break;
    case 'spreadInstance':
      for (let c = 0; c < count; c++) put(c, state.groupTasksOn(candidates[c]!));
      break;
    case 'spreadAttribute': {
      const { of, counts } = state.bucketsOf(step.attributes);
      for (let c = 0; c < count; c++) put(c, counts[of[candidates[c]!]!]!);
      break;
    }
    case 'random':
      for (let c = 0; c < count; c++) put(c, 0);
      break;
  }
  return lowest;
}

/** Keeps, in place, the first `count` candidates with the lowest score; returns how many are kept. */
function keepLowest(step: Step, state: PlacementState, candidates: Int32Array, count: number): number {
  if (keys.length < candidates.length) keys = new Float64Array(candidates.length);
  const lowest = scoreAll(step, state, candidates, count);
  let kept = 0;
  for (let c = 0; c < count; c++) if (keys[c] === lowest) candidates[kept++] = candidates[c]!;
  return kept;
}

/** The instance (index into the request's instances) that takes the next task. */
export function chooseInstance(steps: readonly Step[], state: PlacementState, candidates: Int32Array, count: number, random: Random): number {
  let left = count;
  for (const step of steps) {
    if (left === 1 || step.kind === 'random') break;
    left = keepLowest(step, state, candidates, left);
  }
  return candidates[left === 1 ? 0 : Math.floor(random.next() * left)]!;
}
