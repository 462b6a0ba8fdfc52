import { describe, expect, it } from 'vitest';
import { matchesClusterQuery, parseClusterQuery } from '../../../source/sim/scheduler/index.js';
import { instance, task, thrown } from './fixtures.js';

const t2 = instance({
  id: 'a',
  zone: 'us-east-1a',
  instanceType: 't2.small',
  ec2InstanceId: 'i-abcd1234',
  attributes: [{ name: 'stack', value: 'prod' }, { name: 'ecs.capability.task-eni' }, { name: 'slots', value: '12' }],
  registeredAt: Date.UTC(2018, 1, 10, 12, 0, 0),
  agentVersion: '1.14.4',
});
const g2 = instance({
  id: 'b',
  zone: 'us-east-1d',
  instanceType: 'g2.2xlarge',
  ec2InstanceId: 'i-wxyz7890',
  attributes: [{ name: 'stack', value: 'dev' }, { name: 'slots', value: '9' }],
  registeredAt: Date.UTC(2018, 5, 18, 22, 28, 28),
  agentVersion: '1.100.0',
  agentConnected: false,
});
const bare = instance({ id: 'c', zone: 'us-east-1b', instanceType: 'm5.large', ec2InstanceId: undefined });
const all = [t2, g2, bare];
const tasks = [task(t2, 'service:production'), task(g2, 'database'), task(bare, 'database', 'STOPPED')];

/** The ids of the instances an expression selects. */
function select(expression: string): string[] {
  const query = parseClusterQuery(expression);
  return all.filter((i) => matchesClusterQuery(query, i, tasks)).map((i) => i.id);
}

describe('cluster query language', () => {
  it('compares attributes for equality, as the developer guide’s examples do', () => {
    expect(select('attribute:ecs.instance-type == t2.small')).toEqual(['a']);
    expect(select('attribute:ecs.instance-type equals g2.2xlarge')).toEqual(['b']);
    expect(select('attribute:ecs.availability-zone in [us-east-1a, us-east-1b]')).toEqual(['a', 'c']);
    expect(select("attribute:ecs.availability-zone not_in ['us-east-1a', \"us-east-1b\"]")).toEqual(['b']);
    expect(select('attribute:ecs.availability-zone !in [us-east-1a]')).toEqual(['b', 'c']);
  });

  it('reads != on an attribute as "has it, with another value"', () => {
    expect(select('attribute:stack != prod')).toEqual(['b']);
    expect(select('not(attribute:stack == prod)')).toEqual(['b', 'c']);
  });

  it('tests presence with exists and !exists, values or not', () => {
    expect(select('attribute:ecs.capability.task-eni exists')).toEqual(['a']);
    expect(select('attribute:stack !exists')).toEqual(['c']);
    expect(select('attribute:stack not_exists')).toEqual(['c']);
  });

  it('matches regular expressions against the whole value, Java style', () => {
    expect(select('attribute:ecs.instance-type =~ g2.*')).toEqual(['b']);
    expect(select('attribute:ecs.instance-type =~ 2')).toEqual([]);
    expect(select("attribute:ecs.instance-type matches '(t2|m5)\\..*'")).toEqual(['a', 'c']);
    expect(select('attribute:ecs.instance-type !~ t2.*')).toEqual(['b', 'c']);
  });

  it('combines with and/&&, or/||, not/! and parentheses, and binding tighter than or', () => {
    expect(select('attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d')).toEqual([]);
    expect(select('attribute:ecs.instance-type =~ t2.* && attribute:ecs.availability-zone != us-east-1d')).toEqual(['a']);
    expect(select('attribute:stack == dev or attribute:stack == prod and attribute:slots == 9')).toEqual(['b']);
    expect(select('(attribute:stack == dev || attribute:stack == prod) and attribute:slots == 12')).toEqual(['a']);
    expect(select('!(attribute:stack exists)')).toEqual(['c']);
    expect(select('not not attribute:stack == dev')).toEqual(['b']);
  });

  it('compares numbers as numbers and agent versions part by part', () => {
    expect(select('attribute:slots > 10')).toEqual(['a']);
    expect(select('attribute:slots <= 9')).toEqual(['b']);
    expect(select('agentVersion < 1.14.5')).toEqual(['a']);
    expect(select('agentVersion >= 1.89.0')).toEqual(['b', 'c']);
    expect(select('agentVersion greater_than 1.9.9')).toEqual(['a', 'b', 'c']);
  });

  it('selects by registration date in each of the accepted formats', () => {
    expect(select('registeredAt < 2018-02-13')).toEqual(['a']);
    expect(select('registeredAt >= 2018-06-18T22:28:28Z')).toEqual(['b', 'c']);
    expect(select('registeredAt == 2018-06-18T22:28:28+00:00')).toEqual(['b']);
    expect(select('registeredAt == 2018-06-18T23:28:28+01:00')).toEqual(['b']);
    expect(select('registeredAt less_than_equal 2018-06-18T22:28:28')).toEqual(['a', 'b']);
  });

  it('selects by EC2 instance id, agent connection and running task count', () => {
    expect(select("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']")).toEqual(['a']);
    expect(select('ec2InstanceId =~ i-w.*')).toEqual(['b']);
    expect(select('agentConnected == false')).toEqual(['b']);
    expect(select('agentConnected != false')).toEqual(['a', 'c']);
    t2.runningTasksCount = 1;
    try {
      expect(select('runningTasksCount == 1')).toEqual(['a']);
      expect(select('runningTasksCount != 1')).toEqual(['b', 'c']);
    } finally {
      t2.runningTasksCount = 0;
    }
  });

  it('selects by the groups of the tasks that are not stopped (affinity and anti-affinity)', () => {
    expect(select('task:group == service:production')).toEqual(['a']);
    expect(select('not(task:group == database)')).toEqual(['a', 'c']);
    expect(select('task:group != database')).toEqual(['a', 'c']);
    expect(select('task:group in [database, batch]')).toEqual(['b']);
    expect(select('task:group =~ service:.*')).toEqual(['a']);
    expect(select('task:group exists')).toEqual(['a', 'b']);
    expect(parseClusterQuery('task:group exists').usesTaskGroup).toBe(true);
    expect(parseClusterQuery('attribute:x exists').usesTaskGroup).toBe(false);
  });

  it('accepts operators without spaces around them', () => {
    expect(select('attribute:stack==prod')).toEqual(['a']);
    expect(select('attribute:slots>=10||attribute:stack==dev')).toEqual(['a', 'b']);
  });

  const invalid: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['attribute:stack', /expected an operator after 'attribute:stack'/],
    ['attribute:stack ==', /ends where a value was expected/],
    ['attribute:stack == prod and', /ends where a subject was expected/],
    ['attribute:stack == prod extra', /unexpected 'extra' at position 25/],
    ['(attribute:stack == prod', /expected '\)'/],
    ['attribute:stack == prod)', /unexpected '\)'/],
    ['attribute: == x', /attribute name/],
    ['instanceType == t2.small', /unknown subject 'instanceType'/],
    ['constructor == x', /unknown subject 'constructor'/],
    ['attribute:stack in prod', /expected a list like \[a, b\]/],
    ['attribute:stack in [a b]', /expected ',' or '\]'/],
    ["attribute:stack == 'prod", /unterminated quoted string/],
    ['attribute:stack =~ (', /expected a value/],
    ["attribute:stack =~ '('", /not a valid regular expression/],
    ['runningTasksCount > many', /whole number/],
    ['runningTasksCount =~ 1', /does not take the operator matches/],
    ['agentConnected > true', /does not take the operator greater_than/],
    ['registeredAt < yesterday', /is not a date/],
    ['registeredAt < 2018-13-45', /is not a date/],
    ['agentVersion < latest', /agent version/],
    ['attribute:stack ! prod', /expected !in or !exists/],
    ['attribute:a == b & attribute:c == d', /unexpected '&'/],
  ];
  it.each(invalid)('refuses %j with InvalidParameterException', (expression, message) => {
    const error = thrown(() => parseClusterQuery(expression));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toMatch(message);
  });

  it('refuses an expression longer than 2000 characters', () => {
    const long = `attribute:stack == ${'x'.repeat(1990)}`;
    expect(thrown(() => parseClusterQuery(long)).message).toMatch(/longer than 2000/);
  });

  it('returns the same parsed query for the same expression', () => {
    expect(parseClusterQuery('attribute:stack == prod')).toBe(parseClusterQuery('attribute:stack == prod'));
  });
});
