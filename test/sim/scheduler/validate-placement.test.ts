import { describe, expect, it } from 'vitest';
import { validatePlacement } from '../../../source/sim/scheduler/index.js';
import { thrown } from './fixtures.js';

const refusal = (strategies: unknown, constraints?: unknown) => {
  const error = thrown(() => validatePlacement(strategies, constraints));
  expect(error.code).toBe('InvalidParameterException');
  return error.message;
};

describe('placement input', () => {
  it('accepts what ECS accepts', () => {
    expect(() =>
      validatePlacement(
        [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'spread', field: 'instanceId' },
          { type: 'spread', field: 'host' },
          { type: 'binpack', field: 'memory' },
          { type: 'random' },
        ],
        [{ type: 'distinctInstance' }, { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' }],
      ),
    ).not.toThrow();
    expect(() => validatePlacement(undefined, null)).not.toThrow();
    expect(() => validatePlacement([], [])).not.toThrow();
  });

  it('refuses bad strategies with ECS’s messages', () => {
    expect(refusal(Array.from({ length: 6 }, () => ({ type: 'random' })))).toBe('Maximum number of strategies is 5');
    expect(refusal([{ type: 'binpack', field: 'disk' }])).toBe("binpack field 'disk' is invalid");
    expect(refusal([{ type: 'binpack' }])).toMatch(/binpack field should be specified/);
    expect(refusal([{ type: 'random', field: 'cpu' }])).toBe('random field should not be specified');
    expect(refusal([{ type: 'spread' }])).toMatch(/spread field should be specified/);
    expect(refusal([{ type: 'spread', field: 'zone' }])).toBe("spread field 'zone' is invalid");
    expect(refusal([{ type: 'spread', field: 'attribute:' }])).toBe("spread field 'attribute:' is invalid");
    expect(refusal([{ type: 'pack' }])).toMatch(/Invalid placement strategy type 'pack'/);
    expect(refusal('random')).toMatch(/must be a list/);
    expect(refusal([null])).toMatch(/must be an object/);
  });

  it('refuses bad constraints with ECS’s messages', () => {
    expect(refusal(undefined, Array.from({ length: 11 }, () => ({ type: 'distinctInstance' })))).toBe('Maximum number of constraints is 10');
    expect(refusal(undefined, [{ type: 'distinctInstance', expression: '' }])).toBe('distinctInstance expression should not be specified.');
    expect(refusal(undefined, [{ type: 'memberOf' }])).toBe('memberOf expression should be specified.');
    expect(refusal(undefined, [{ type: 'memberOf', expression: 'attribute:x ==' }])).toMatch(/Invalid cluster query expression/);
    expect(refusal(undefined, [{ type: 'sameZone' }])).toMatch(/Invalid placement constraint type 'sameZone'/);
    expect(refusal(undefined, {})).toMatch(/must be a list/);
  });
});
