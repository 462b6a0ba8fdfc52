import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoScript } from '../../source/demo/index.js';
import { requireBuiltCli } from '../support/cli.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

// The talk's first demo presented on the shell's own screen, in a real pseudo-terminal: tmux
// runs the built CLI, presses the presenter's keys and reads the screen. The script is read
// here too, for the words the screen must show.
const COLUMNS = 160;
const SPEED = 10;
const CHARACTERS_PER_PRESS = 3 * SPEED;
const script = loadDemoScript('php-app');
const shownSteps = script.steps.filter((step) => !step.hidden);
const first = shownSteps[0]!;
const { start: startSession, screen, key, typeText, waitForScreen, stop } = tmuxSession('demo');

/** The shell: left of the pane's rule, once a pane is shown. */
const shellRows = (text: string) => text.split('\n').map((row) => row.split('│')[0]!.trimEnd());
const promptRow = (text: string) => shellRows(text).findLast((row) => /^sandbox/.test(row)) ?? '';
/** The pane: right of its rule. */
const paneRows = (text: string) => text.split('\n').map((row) => row.split('│')[1] ?? '');
/** Narration as the log shows it: words wrap at the shell's width, so compare without the breaks. */
const logText = (text: string) => shellRows(text).join('');
const squeeze = (text: string) => text.replace(/\s+/g, '');
const shows = (words: string) => (text: string) => squeeze(logText(text)).includes(squeeze(words));

describe.skipIf(!hasTmux)('ecsh demo play php-app --mode present in a terminal (tmux)', () => {
  beforeAll(async () => {
    const cli = requireBuiltCli();
    const config = mkdtempSync(join(tmpdir(), 'ecsh-demo-'));
    // CI unset: Ink draws nothing but the last frame when it thinks it runs in CI.
    startSession(`env -u CI ECSH_CONFIG_DIR=${config} HOME=${config} ${process.execPath} ${cli} demo play php-app --mode present --speed ${SPEED}`, COLUMNS, 50);
    await waitForScreen(shows(first.say[0]!), 'the first narration');
  });

  afterAll(() => {
    if (hasTmux) stop();
  });

  it('types the first step a few characters a key press, the step counter in the toolbar', async () => {
    expect(screen()).toContain(`demo php-app 1/${shownSteps.length}`);
    expect(promptRow(screen())).toMatch(/^sandbox>\s*$/);
    key('Space');
    await waitForScreen((text) => promptRow(text).endsWith(first.command.slice(0, CHARACTERS_PER_PRESS).trimEnd()), 'the first characters of the step');
  });

  it('steps off the script on Esc for a detour, and .demo resume comes back to its place', async () => {
    key('Escape');
    await waitForScreen(shows('off script: the shell is yours'), 'the detour note');
    expect(promptRow(screen())).toMatch(/^sandbox>\s*$/);
    typeText('ecs describe-clusters --clusters php-demo --query failures[0].reason');
    key('Enter');
    await waitForScreen((text) => shellRows(text).includes('"MISSING"'), 'the detour command output');
    typeText('.demo resume');
    key('Enter');
    await waitForScreen(shows(`back to php-app, step 1 of ${shownSteps.length}`), 'the demo resumed');
    await waitForScreen((text) => promptRow(text).endsWith(first.command.slice(0, CHARACTERS_PER_PRESS).trimEnd()), 'the step typed as far as it was');
  });

  it('runs to the end on key presses alone, narrating, and shows the live placement pane', async () => {
    const placed = (text: string) => paneRows(text).some((row) => /3 instances in \d zones?, 3 tasks/.test(row));
    const closing = script.closing.length > 0 ? script.closing : shownSteps.at(-1)!.say;
    const ended = shows(closing.join(' '));
    const deadline = Date.now() + 150_000;
    let sawPlacement = false;
    // Enter types the next characters until the step is whole, then runs it; a key pressed
    // while a step runs is not for the prompt, and goes nowhere.
    while (!ended(screen()) && Date.now() < deadline) {
      sawPlacement ||= placed(screen());
      key('Enter');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const text = await waitForScreen(ended, 'the closing narration');
    expect(sawPlacement || placed(text)).toBe(true);
    expect(logText(text)).not.toMatch(/line \d+: its output does not match/);
    expect(shows('end of php-app: the shell is yours')(screen())).toBe(true);
  }, 200_000);
});
