import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { tasksSnapshot } from '../../source/panes/models/tasks-model.js';
import { TasksPane } from '../../source/panes/TasksPane.js';
import { enableColours, markColours, plain } from './support/colour-markers.js';
import { T0, task } from './support/fixtures.js';

beforeAll(enableColours);
afterEach(cleanup);

const scope = { cluster: 'demo' };

describe('the tasks pane', () => {
  const snapshot = tasksSnapshot(scope, [
    task('aaaaaaaa11112222333344445555666a', { instance: 'c1c1c1c1c1c1', availabilityZone: 'us-east-1a', ports: [8080] }),
    task('bbbbbbbb11112222333344445555666b', {
      lastStatus: 'PENDING',
      startedAt: undefined,
      createdAt: new Date(T0 - 5_000),
      instance: 'c2c2c2c2c2c2',
      availabilityZone: 'us-east-1b',
    }),
    task('cccccccc11112222333344445555666c', {
      family: 'api',
      revision: 7,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stoppedAt: new Date(T0 - 30_000),
      stoppedReason: 'Essential container in task exited',
      availabilityZone: 'us-east-1c',
    }),
  ]);

  it('shows id, definition, status, instance, zone, ports, group, age and why a task stopped', () => {
    const { lastFrame } = render(<TasksPane rows={snapshot.rows} width={140} height={10} now={T0} />);
    const lines = plain(lastFrame()!).split('\n');
    expect(lines[0]).toMatch(/^ TASK +DEFINITION +STATUS +INSTANCE +AZ +PORTS +GROUP +AGE +STOPPED REASON/);
    expect(lines[1]).toMatch(/^ aaaaaaaa web:1 +RUNNING +c1c1c1c1 us-east-1a 8080 +service:web +1m/);
    expect(lines[2]).toMatch(/^ bbbbbbbb web:1 +PENDING→RUNNING +c2c2c2c2 us-east-1b - +service:web +5s/);
    expect(lines[3]).toMatch(/^ cccccccc api:7 +STOPPED +- +us-east-1c - +service:api +30s +Essential container in task exited/);
  });

  it('colours each state: running green, pending yellow on its way to green, stopped red', () => {
    const { lastFrame } = render(<TasksPane rows={snapshot.rows} width={140} height={10} now={T0} />);
    const frame = markColours(lastFrame()!);
    expect(frame).toContain('{green}RUNNING{/}');
    // chalk merges adjacent colours: each marker holds until the next one.
    expect(frame).toContain('{yellow}PENDING{gray}→{green}RUNNING{/}');
    expect(frame).toContain('{red}STOPPED{/}');
    expect(frame).toContain('{red}Essential container in task exited');
  });

  it('drops the least useful columns first in a narrow pane', () => {
    const { lastFrame } = render(<TasksPane rows={snapshot.rows} width={50} height={10} now={T0} />);
    const header = plain(lastFrame()!).split('\n')[0]!;
    expect(header).toMatch(/TASK +DEFINITION +STATUS +AGE/);
    expect(header).not.toContain('GROUP');
    expect(header).not.toContain('STOPPED REASON');
    for (const line of plain(lastFrame()!).split('\n')) expect(line.length).toBeLessThanOrEqual(50);
  });

  it('draws only the rows that fit and scrolls to keep the selected one in view', () => {
    const many = tasksSnapshot(
      scope,
      Array.from({ length: 2000 }, (_, i) => task(`${String(i).padStart(8, '0')}aaaabbbbccccddddeeeeffff`, { createdAt: new Date(T0 - 1_000_000 + i) })),
    );
    const view = render(<TasksPane rows={many.rows} width={100} height={6} now={T0} />);
    let lines = plain(view.lastFrame()!).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.slice(1).map((l) => l.slice(1, 9))).toEqual(['00000000', '00000001', '00000002', '00000003', '00000004']);

    view.rerender(<TasksPane rows={many.rows} selectedKey={many.rows[1500]!.key} width={100} height={6} now={T0} />);
    lines = plain(view.lastFrame()!).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toMatch(/^›00001500/);

    // Moving up inside the window does not scroll it.
    view.rerender(<TasksPane rows={many.rows} selectedKey={many.rows[1498]!.key} width={100} height={6} now={T0} />);
    lines = plain(view.lastFrame()!).split('\n');
    expect(lines[1]).toMatch(/^ 00001496/);
    expect(lines[3]).toMatch(/^›00001498/);
  });
});
