import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useKeyPress, type KeyPress } from '../../source/terminal/index.js';

afterEach(cleanup);

const named = (key: KeyPress) => (key.name === 'text' ? JSON.stringify(key.text) : key.name);

function Recorder({ keys, isActive }: { keys: string[]; isActive?: boolean }) {
  useKeyPress((key) => keys.push(named(key)), isActive);
  return <Text>listening</Text>;
}

describe('the key-press hook', () => {
  it('hands over every key of what the terminal sends, decoded', async () => {
    const keys: string[] = [];
    const view = render(<Recorder keys={keys} />);
    await vi.waitFor(() => expect(view.lastFrame()).toBe('listening'));
    view.stdin.write('ecs list-clusters\r');
    await vi.waitFor(() => expect(keys).toEqual(['"ecs list-clusters"', 'return']));
    view.stdin.write('\u001b[15~');
    await vi.waitFor(() => expect(keys).toEqual(['"ecs list-clusters"', 'return', 'f5']));
  });

  it('hands over nothing while inactive', async () => {
    const keys: string[] = [];
    const active: string[] = [];
    const view = render(
      <>
        <Recorder keys={keys} isActive={false} />
        <Recorder keys={active} />
      </>,
    );
    await vi.waitFor(() => expect(view.lastFrame()).toContain('listening'));
    view.stdin.write('\u001bOP');
    await vi.waitFor(() => expect(active).toEqual(['f1']));
    expect(keys).toEqual([]);
  });
});
