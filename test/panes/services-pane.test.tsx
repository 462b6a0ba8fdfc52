import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { servicesSnapshot } from '../../source/panes/models/services-model.js';
import { clockTime } from '../../source/panes/render/age.js';
import { ServicesPane } from '../../source/panes/ServicesPane.js';
import { colourOf, colourRuns, enableColours, plain } from './support/colour-markers.js';
import { ARN, service, T0 } from './support/fixtures.js';

beforeAll(enableColours);
afterEach(cleanup);

const rolling = service('web', {
  desiredCount: 4,
  runningCount: 3,
  pendingCount: 1,
  taskDefinition: `${ARN}:task-definition/web:3`,
  deployments: [
    { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: `${ARN}:task-definition/web:3`, desiredCount: 4, runningCount: 1, pendingCount: 1, failedTasks: 2, rolloutState: 'IN_PROGRESS' },
    { id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: `${ARN}:task-definition/web:2`, desiredCount: 2, runningCount: 2, pendingCount: 0, failedTasks: 0, rolloutState: 'COMPLETED' },
  ],
  events: [
    { id: 'e4', createdAt: new Date(T0 - 1_000), message: '(service web) has started 1 tasks: (task dddd).' },
    { id: 'e3', createdAt: new Date(T0 - 2_000), message: '(service web) has stopped 1 running tasks: (task aaaa).' },
    { id: 'e2', createdAt: new Date(T0 - 3_000), message: '(service web) registered 1 targets in (target-group x)' },
    { id: 'e1', createdAt: new Date(T0 - 4_000), message: '(service web) has reached a steady state.' },
  ],
});
const snapshot = servicesSnapshot({ cluster: 'demo' }, [service('api'), rolling]);

describe('the services pane', () => {
  it('shows counts, each deployment with its rollout, and the latest events with their times', () => {
    const { lastFrame } = render(<ServicesPane services={snapshot.services} width={100} height={20} />);
    expect(plain(lastFrame()!).split('\n').slice(0, 11)).toEqual([
      ' api  ACTIVE  api:2  desired 3  running 3  pending 0',
      '   PRIMARY  COMPLETED   api:2  3/3 running',
      `   ${clockTime(T0 - 10_000)} has reached a steady state.`,
      `   ${clockTime(T0 - 60_000)} has started 3 tasks: (task aaaa) (task bbbb) (task cccc).`,
      ' web  ACTIVE  web:3  desired 4  running 3  pending 1',
      '   PRIMARY  IN_PROGRESS web:3  1/4 running, 1 pending, 2 failed',
      '   ACTIVE   COMPLETED   web:2  2/2 running',
      `   ${clockTime(T0 - 1_000)} has started 1 tasks: (task dddd).`,
      `   ${clockTime(T0 - 2_000)} has stopped 1 running tasks: (task aaaa).`,
      `   ${clockTime(T0 - 3_000)} registered 1 targets in (target-group x)`,
      '',
    ]);
  });

  it('colours a rollout in progress and an old deployment still draining yellow, failures red', () => {
    const { lastFrame } = render(<ServicesPane services={snapshot.services} width={100} height={20} />);
    const frame = lastFrame()!;
    expect(colourOf(frame, 'PRIMARY', 1)).toBe('green');
    expect(colourOf(frame, 'IN_PROGRESS')).toBe('yellow');
    expect(colourRuns(frame, 'ACTIVE   COMPLETED')![0]).toEqual({ text: 'ACTIVE  ', colour: 'yellow' });
    expect(colourOf(frame, '1/4 running, 1 pending')).toBe('yellow');
    expect(colourOf(frame, ', 2 failed')).toBe('red');
    expect(colourOf(frame, '2/2 running')).toBe('green');
    // Fewer running than desired is yellow, all of them green; pending tasks are yellow.
    expect(colourRuns(frame, 'desired 3  running 3  pending 0')).toEqual([
      { text: 'desired ', colour: 'gray' },
      { text: '3', colour: 'default' },
      { text: '  running ', colour: 'gray' },
      { text: '3', colour: 'green' },
      { text: '  pending ', colour: 'gray' },
      { text: '0', colour: 'default' },
    ]);
    expect(colourRuns(frame, 'running 3  pending 1')).toEqual([
      { text: 'running ', colour: 'gray' },
      { text: '3', colour: 'yellow' },
      { text: '  pending ', colour: 'gray' },
      { text: '1', colour: 'yellow' },
    ]);
  });
});
