import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { placementSnapshot } from '../../source/panes/models/placement-model.js';
import { PlacementPane } from '../../source/panes/PlacementPane.js';
import { colourOf, colourRuns, enableColours, plain } from './support/colour-markers.js';
import { instance, task } from './support/fixtures.js';

beforeAll(enableColours);
afterEach(cleanup);

const scope = { cluster: 'demo' };

/** Three zones: two instances in 1a (one of them full: binpacked), one each in 1b and 1c. */
const snapshot = placementSnapshot(
  scope,
  [
    instance('c1000000aaaa', 'us-east-1a', { ec2: 'i-0aaa000000000001', cpu: [2048, 0], memory: [3904, 1856], ports: ['8080', '8081'] }),
    instance('c2000000bbbb', 'us-east-1b', { ec2: 'i-0bbb000000000002', cpu: [2048, 1536], memory: [3904, 3392], status: 'DRAINING' }),
    instance('c3000000cccc', 'us-east-1c', { ec2: 'i-0ccc000000000003', agentConnected: false }),
    instance('c4000000dddd', 'us-east-1a', { ec2: 'i-0aaa000000000004', type: 'm5.large' }),
  ],
  [
    ...['t1', 't2', 't3'].map((id) => task(`${id}00000000000000000000000000000`, { instance: 'c1000000aaaa', family: 'web' })),
    task('t400000000000000000000000000000', { instance: 'c1000000aaaa', family: 'api', lastStatus: 'PENDING' }),
    task('t500000000000000000000000000000', { instance: 'c2000000bbbb', family: 'api' }),
  ],
);

describe('the placement pane', () => {
  it('groups instances by zone, and says how many tasks of which family each zone holds', () => {
    const { lastFrame } = render(<PlacementPane zones={snapshot.zones} families={snapshot.families} width={100} height={30} />);
    const lines = plain(lastFrame()!).split('\n');
    const zoneLines = lines.filter((l) => l.startsWith('us-east-1'));
    expect(zoneLines).toEqual([
      'us-east-1a  2 instances  4 tasks: api 1, web 3',
      'us-east-1b  1 instance  1 task: api 1',
      'us-east-1c  1 instance  0 tasks',
    ]);
    // Each instance sits under its zone.
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('us-east-1a')).toBeLessThan(at('i-0aaa000000000001'));
    expect(at('i-0aaa000000000004')).toBeLessThan(at('us-east-1b'));
    expect(at('us-east-1b')).toBeLessThan(at('i-0bbb000000000002'));
    expect(at('us-east-1c')).toBeLessThan(at('i-0ccc000000000003'));
  });

  it('shows each instance: type, status, agent, bars with figures, ports, and its tasks by family', () => {
    const { lastFrame } = render(<PlacementPane zones={snapshot.zones} families={snapshot.families} width={100} height={30} />);
    const lines = plain(lastFrame()!).split('\n');
    const first = lines.findIndex((l) => l.includes('i-0aaa000000000001'));
    expect(lines[first]).toBe(' i-0aaa000000000001 t3.medium  ACTIVE  agent ✓  4 tasks');
    expect(lines[first + 1]).toMatch(/^ {3}cpu █{20} 2048\/2048 {2}mem █{10}░{10} 2048\/3904 MiB$/);
    expect(lines[first + 2]).toBe('   □ api 1  ■■■ web 3  ports 8080 8081');
    const drained = lines.findIndex((l) => l.includes('i-0bbb000000000002'));
    expect(lines[drained]).toContain('DRAINING');
    expect(lines[drained + 1]).toMatch(/cpu █{5}░{15} 512\/2048/);
    const quiet = lines.findIndex((l) => l.includes('i-0ccc000000000003'));
    expect(lines[quiet]).toContain('agent ✗');
    expect(lines[quiet + 1]).toMatch(/cpu ░{20} 0\/2048/);
    expect(lines[quiet + 2]).toBe('   no tasks');
  });

  it('colours state, load and families: a full instance red, a draining one yellow, each family its own colour', () => {
    const { lastFrame } = render(<PlacementPane zones={snapshot.zones} families={snapshot.families} width={100} height={30} />);
    const frame = lastFrame()!;
    expect(colourOf(frame, 'ACTIVE')).toBe('green');
    expect(colourOf(frame, 'agent ✓')).toBe('green');
    expect(colourOf(frame, 'DRAINING')).toBe('yellow');
    expect(colourOf(frame, 'agent ✗')).toBe('red');
    // The full instance's CPU bar is red; the half-used memory bar green, its empty half gray.
    expect(colourOf(frame, '█'.repeat(20))).toBe('red');
    expect(colourRuns(frame, `mem ${'█'.repeat(10)}${'░'.repeat(10)} 2048/3904`)).toEqual([
      { text: 'mem ', colour: 'gray' },
      { text: '█'.repeat(10), colour: 'green' },
      { text: '░'.repeat(10), colour: 'gray' },
      { text: ' 2048/3904', colour: 'default' },
    ]);
    // api sorts first, so it has the first colour and web the second, in every zone and on every instance.
    expect(colourOf(frame, '□ api 1')).toBe('cyan');
    expect(colourOf(frame, '■■■ web 3')).toBe('magenta');
    expect(colourOf(frame, '■ api 1')).toBe('cyan');
    expect(colourRuns(frame, 'api 1, web 3')).toEqual([
      { text: 'api 1', colour: 'cyan' },
      { text: ', ', colour: 'gray' },
      { text: 'web 3', colour: 'magenta' },
    ]);
  });

  it('keeps the selected instance in view, with its zone above the first one', () => {
    const view = render(
      <PlacementPane zones={snapshot.zones} families={snapshot.families} selectedKey={snapshot.zones[2]!.instances[0]!.key} width={100} height={8} />,
    );
    let lines = plain(view.lastFrame()!).split('\n');
    expect(lines.some((l) => l.startsWith('›i-0ccc000000000003'))).toBe(true);
    expect(lines[0]).not.toContain('us-east-1a');

    view.rerender(<PlacementPane zones={snapshot.zones} families={snapshot.families} selectedKey={snapshot.zones[0]!.instances[0]!.key} width={100} height={8} />);
    lines = plain(view.lastFrame()!).split('\n');
    expect(lines[0]).toBe('us-east-1a  2 instances  4 tasks: api 1, web 3');
    expect(lines[1]).toMatch(/^›i-0aaa000000000001/);
  });
});
