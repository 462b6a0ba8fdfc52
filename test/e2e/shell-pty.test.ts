import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../support/cli.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

// The built shell in a real pseudo-terminal: tmux runs it, types into it and reads the screen.
const { start: startSession, screen, key: type, typeText, waitForScreen, stop } = tmuxSession('shell');

const shows = (text: string | RegExp) => (screen: string) => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
const promptRow = (text: string) => text.split('\n').findLast((row) => row.startsWith('sandbox')) ?? '';

describe.skipIf(!hasTmux)('the shell in a terminal (tmux)', () => {
  beforeAll(() => {
    const cli = requireBuiltCli();
    const config = mkdtempSync(join(tmpdir(), 'ecsh-pty-'));
    // CI unset: Ink draws nothing but the last frame when it thinks it runs in CI.
    // The shell's exit status is printed after it ends, as a person would see it with `echo $?`.
    const shell = `env -u CI ECSH_CONFIG_DIR=${config} ${process.execPath} ${cli} --ephemeral`;
    const command = `sh -c '${shell}; echo "ecsh exited with status $?"; sleep 600'`;
    startSession(command, 120, 40);
  });

  afterAll(() => {
    if (hasTmux) stop();
  });

  it('starts with a prompt naming the sandbox, and the toolbar', async () => {
    const text = await waitForScreen(shows('F10 exit'), 'the toolbar');
    expect(promptRow(text)).toMatch(/^sandbox>/);
  });

  it('runs ecs create-cluster and shows the new cluster ARN', async () => {
    typeText('ecs create-cluster --cluster-name demo');
    type('Enter');
    await waitForScreen(shows('"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/demo"'), 'the ARN');
  });

  it('shows the menu for "ecs list-cl", and Tab accepts list-clusters; Enter runs it', async () => {
    typeText('ecs list-cl');
    await waitForScreen(shows(/^ list-clusters\s+operation/m), 'the menu');
    type('Tab');
    await waitForScreen((text) => /^sandbox> ecs list-clusters\s*$/.test(promptRow(text)), 'the accepted operation');
    type('Enter');
    await waitForScreen(shows(/"clusterArns": \[\s+"arn:aws:ecs:us-east-1:123456789012:cluster\/demo"/), 'the list of clusters');
  });

  it('completes a cluster name after --cluster', async () => {
    typeText('ecs list-services --cluster ');
    await waitForScreen(shows(/^ demo\s+name/m), 'the cluster name in the menu');
    type('Tab');
    await waitForScreen((text) => /^sandbox> ecs list-services --cluster demo\s*$/.test(promptRow(text)), 'the completed name');
    type('Enter');
    await waitForScreen(shows('"serviceArns": []'), 'the services of demo');
  });

  it('gives a bad input as a one-line error', async () => {
    typeText('ecs list-cluster --nope');
    type('Enter');
    const text = await waitForScreen(shows("unknown operation 'list-cluster'; did you mean list-clusters?"), 'the error');
    const row = text.split('\n').findIndex((line) => line.startsWith('unknown operation'));
    expect(text.split('\n')[row + 1]).toMatch(/^sandbox>/);
  });

  it('leaves on ctrl-d, with status 0', async () => {
    type('C-d');
    const text = await waitForScreen(shows(/ecsh exited with status \d+/), 'the shell ending');
    expect(text).toContain('ecsh exited with status 0');
  });
});

