import { Box, Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { usePanes, type PaneBackend } from '../../source/panes/index.js';
import { plain } from './support/colour-markers.js';
import { clusterWithInstances, registerWeb, spreadService, startPaneSandbox, type PaneSandbox } from './support/pane-sandbox.js';

let t: PaneSandbox;
beforeAll(async () => {
  t = await startPaneSandbox();
  await registerWeb(t);
  await clusterWithInstances(t, 'host');
  await spreadService(t, 'host', 'web', 3);
  t.advance(10_000);
});
afterAll(() => t.close());
afterEach(cleanup);

const F4 = '\u001b[14~';
const F7 = '\u001b[18~';

/** The shell's screen reduced to what it does with the panes: a prompt column, the pane beside or below it. */
function Host({ columns, rows, backend, commands = [] }: { columns: number; rows: number; backend: () => Promise<PaneBackend>; commands?: string[] }) {
  const panes = usePanes({ backend, backendKey: 'sandbox', cluster: 'host', columns, rows, onLog: () => undefined });
  for (const line of commands) panes.runCommand(line);
  const main = panes.beside ? columns - panes.beside.width : columns;
  return (
    <Box flexDirection="row" width={columns}>
      <Box flexDirection="column" width={main}>
        {panes.below ? <Box height={panes.below.rows}>{panes.below.render(main)}</Box> : null}
        <Text>{`PROMPT focused=${!panes.focused}`}</Text>
      </Box>
      {panes.beside?.element}
    </Box>
  );
}

describe('the panes in a screen', () => {
  it('appear beside the prompt on F4 in a wide terminal, and below it after F7', async () => {
    const view = render(<Host columns={120} rows={20} backend={async () => t.backend} />);
    await vi.waitFor(() => expect(plain(view.lastFrame()!)).toContain('PROMPT'));
    view.stdin.write(F4);
    await vi.waitFor(() => expect(plain(view.lastFrame()!)).toMatch(/^PROMPT focused=true +│ Tasks {2}host/m));
    await vi.waitFor(() => expect(plain(view.lastFrame()!)).toContain('3 running, 0 stopped'));

    view.stdin.write(F7);
    await vi.waitFor(() => expect(plain(view.lastFrame()!).split('\n')[0]).toMatch(/^ Tasks {2}host/));
    const lines = plain(view.lastFrame()!).split('\n');
    expect(lines.findIndex((l) => l.startsWith('PROMPT'))).toBeGreaterThan(3);
  });

  it('go below the prompt under 100 columns, and hide with a note when there is no room either', async () => {
    const view = render(<Host columns={70} rows={30} backend={async () => t.backend} />);
    view.stdin.write(F4);
    await vi.waitFor(() => expect(plain(view.lastFrame()!).split('\n')[0]).toMatch(/^ Tasks {2}host/));

    view.rerender(<Host columns={70} rows={12} backend={async () => t.backend} />);
    await vi.waitFor(() =>
      expect(plain(view.lastFrame()!).split('\n')[0]).toBe('pane hidden: needs 100 columns or 16 rows (now 70x12)'),
    );
    view.rerender(<Host columns={120} rows={12} backend={async () => t.backend} />);
    await vi.waitFor(() => expect(plain(view.lastFrame()!)).toMatch(/^PROMPT focused=true +│ Tasks {2}host/m));
  });

  it('say why the pane is empty when the backend cannot start', async () => {
    const view = render(<Host columns={100} rows={20} backend={() => Promise.reject(new Error('no credentials for profile prod'))} />);
    view.stdin.write(F4);
    // The message wraps inside the pane: read the pane's side of each row back as one text.
    const paneText = () =>
      plain(view.lastFrame()!)
        .split('\n')
        .map((line) => line.split('│')[1]?.trim() ?? '')
        .join(' ');
    await vi.waitFor(() => expect(paneText()).toContain('pane: the backend did not start: no credentials for profile prod'));
  });
});
