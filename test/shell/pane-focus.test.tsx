import { ListTasksCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clusterWithInstances, registerWeb, spreadService } from '../panes/support/pane-sandbox.js';
import { KEYS, renderApp, type AppHarness } from './app-harness.js';

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const F4 = '\u001b[14~';

/** The pane's side of the screen (beside the prompt: right of the rule). */
const paneText = (frame: string) =>
  frame
    .split('\n')
    .map((row) => row.split('│')[1] ?? '')
    .join('\n');

/** A shell on cluster `demo` with a service of 2 tasks, and the tasks pane open beside the prompt. */
async function shellWithTasksPane(): Promise<{ app: AppHarness; stopped(): Promise<string[]> }> {
  const shell = await renderApp();
  const backend = await shell.session.backend();
  await clusterWithInstances(backend, 'demo', ['us-east-1a']);
  await registerWeb(backend);
  await spreadService(backend, 'demo', 'web', 2);
  await shell.press('.cluster demo', KEYS.enter);
  await shell.waitFor(/^sandbox \[demo\]>/m);
  await shell.press(F4);
  await vi.waitFor(() => expect(paneText(shell.frame())).toMatch(/2 (running|pending)/), { timeout: 10_000 });
  const stopped = async () => (await backend.ecs.send(new ListTasksCommand({ cluster: 'demo', desiredStatus: 'STOPPED' }))).taskArns ?? [];
  return { app: shell, stopped };
}

describe('the keys with a pane open', () => {
  it('Tab at the prompt completes or does nothing: it never hands the keys to the pane', async () => {
    const shell = await shellWithTasksPane();
    app = shell.app;
    expect(paneText(app.frame())).toContain('F4 to use the pane');
    // The tester's steps: a Tab that has nothing to complete, then more typing.
    await app.press('ec2 run-instances --key-name ', KEYS.tab, 'mysystem');
    await app.waitFor('--key-name mysystem');
    await app.press(KEYS.ctrlU, 'ecs list-cl', KEYS.escape, KEYS.tab, 's', 'y');
    expect(app.frame()).not.toContain('Stop task');
    expect(paneText(app.frame())).toContain('F4 to use the pane');
    expect(await shell.stopped()).toEqual([]);
  });

  it("the open pane's own F-key moves the keys into it, Esc gives them back, and a third press hides it", async () => {
    const shell = await shellWithTasksPane();
    app = shell.app;
    await app.press(F4);
    await vi.waitFor(() => expect(paneText(app!.frame())).toContain('esc back to the prompt'));
    expect(app.frame()).toMatch(/esc back to the prompt/);
    await app.press(KEYS.escape);
    await vi.waitFor(() => expect(paneText(app!.frame())).toContain('F4 to use the pane'));
    await app.press('ecs', KEYS.ctrlU);
    await app.press(F4, F4);
    await vi.waitFor(() => expect(app!.frame()).not.toContain('│'));
  });

  it('a key typed in the pane cannot stop a task by accident: the question wants y and Enter', async () => {
    const shell = await shellWithTasksPane();
    app = shell.app;
    await app.press(F4);
    await vi.waitFor(() => expect(paneText(app!.frame())).toContain('esc back to the prompt'));
    // Typing meant for the prompt (`mysystem`): the s asks, the y is not an answer yet, the next s cancels.
    await app.press('m', 'y', 's');
    await vi.waitFor(() => expect(paneText(app!.frame())).toMatch(/Stop task [0-9a-f]{8} \(web:1\)\? \[y⏎\/N\]$/m));
    await app.press('y');
    await vi.waitFor(() => expect(paneText(app!.frame())).toMatch(/\? \[y⏎\/N\] y█$/m));
    await app.press('s');
    await vi.waitFor(() => expect(paneText(app!.frame())).toContain('cancelled'));
    await app.press(...'ystem');
    expect(paneText(app.frame())).not.toContain('Stop task');
    // The typing did not reach the prompt; the pane says where the keys are.
    expect(paneText(app.frame())).toContain('in the pane: esc back to the prompt');
    expect(await shell.stopped()).toEqual([]);
    await app.press('s', 'y', KEYS.enter);
    await vi.waitFor(async () => expect(await shell.stopped()).toHaveLength(1));
    // The pane's action, as the command that does it, in the log (wrapped in its 60 columns).
    await app.waitFor('sandbox [demo]> ecs stop-task --cluster demo --task');
  });
});

describe("what the pane looks at, from the shell", () => {
  it('checks a --service when it is given, and forgets it once the pane is off: F4 then shows the whole cluster', async () => {
    const shell = await shellWithTasksPane();
    app = shell.app;
    await app.press('.pane tasks --service nope', KEYS.enter);
    await app.waitFor("no service 'nope' in demo (ServiceNotFoundException)");
    await vi.waitFor(() => expect(paneText(app!.frame())).toContain('Tasks  demo/nope'));
    await app.press('.pane off', KEYS.enter);
    await app.waitFor('pane: off');
    await app.press(F4);
    await vi.waitFor(() => expect(paneText(app!.frame())).toMatch(/Tasks {2}demo 0 running, 2 pending|Tasks {2}demo 2 running/));
  });

  it('still takes F1 while the pane has the keys', async () => {
    const shell = await shellWithTasksPane();
    app = shell.app;
    await app.press(F4);
    await vi.waitFor(() => expect(paneText(app!.frame())).toContain('esc back to the prompt'));
    await app.press(KEYS.f1);
    await app.waitFor('More: .help keys');
  });
});
