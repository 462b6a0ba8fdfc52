import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../support/cli.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

// The ecs-cli workflow in the built shell, in a real pseudo-terminal: tmux runs it, types
// into it (completing the verb with Tab) and reads the screen. The sandbox runs on real time,
// so each verb waits as it would on AWS, only for seconds.
const { start: startSession, screen, key, typeText, waitForScreen, stop } = tmuxSession('ecs-cli');

const shows = (text: string | RegExp) => (screen: string) => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
const promptRow = (text: string) => text.split('\n').findLast((row) => /^(sandbox|Are you sure)/.test(row)) ?? '';

/** Types a line and runs it. */
function enter(line: string): void {
  typeText(line);
  key('Enter');
}

describe.skipIf(!hasTmux)('the ecs-cli workflow in a terminal (tmux)', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    const cli = requireBuiltCli();
    const home = mkdtempSync(join(tmpdir(), 'ecsh-ecs-cli-pty-'));
    writeFileSync(join(home, 'docker-compose.yml'), 'version: "3"\nservices:\n  web:\n    image: nginx\n    ports:\n      - "80"\n');
    // HOME is the test's: no ~/.ecs or ~/.aws of the user's is read. CI unset: Ink draws only the last frame in CI.
    const shell = `cd ${home} && env -u CI HOME=${home} ECSH_CONFIG_DIR=${join(home, 'config')} ${process.execPath} ${cli} --ephemeral`;
    startSession(`sh -c '${shell}; echo "ecsh exited with status $?"; sleep 600'`, 120, 45);
    await waitForScreen(shows('F10 exit'), 'the toolbar');
  });

  afterAll(() => {
    if (hasTmux) stop();
  });

  it('completes "ecs-cli con" to configure with Tab, and configure sets the prompt\'s cluster', async () => {
    typeText('ecs-cli con');
    await waitForScreen(shows(/^ configure\s+operation/m), 'configure in the menu');
    key('Tab');
    await waitForScreen((text) => /^sandbox> ecs-cli configure\s*$/.test(promptRow(text)), 'the completed verb');
    enter('--cluster e2e --region us-east-1');
    await waitForScreen(shows('Saved ECS CLI cluster configuration default.'), 'the saved configuration');
    await waitForScreen((text) => /^sandbox \[e2e\]>/.test(promptRow(text)), 'the cluster in the prompt');
  });

  it('up shows its progress while it waits for the instances, then succeeds', async () => {
    enter('ecs-cli up --size 2 --capability-iam');
    // The lines are on screen while up still runs (the doc line says so), not only once it has ended.
    const waiting = await waitForScreen(
      (text) => /Container instances registered\s+registered=0 size=2/.test(text) && text.includes('running ecs-cli up --size 2 --capability-iam'),
      'the registration progress while up runs',
    );
    expect(waiting).not.toContain('Cluster creation succeeded.');
    expect(waiting).toMatch(/^VPC created: vpc-[0-9a-f]+/m);
    expect(waiting).toMatch(/^Security Group created: sg-[0-9a-f]+/m);
    expect(waiting.match(/^Subnet created: subnet-[0-9a-f]+/gm)).toHaveLength(2);
    await waitForScreen(shows(/^Cluster creation succeeded\.$/m), 'the end of up');
  });

  it('runs the compose project as a task, and ps lists its container', async () => {
    enter('compose --project-name web up');
    await waitForScreen(shows(/^INFO\[\d{4}\] Started container\.\.\./m), 'the task running');
    enter('ps');
    const text = await waitForScreen(shows(/^Name\s+State\s+Ports\s+TaskDefinition\s+Health$/m), 'the ps table');
    expect(text).toMatch(/^[0-9a-f]{32}\/web\s+RUNNING\s+\d+\.\d+\.\d+\.\d+:\d+->80\/tcp\s+web:1/m);
  });

  it('scale drains and terminates an instance', async () => {
    enter('scale --size 1 --capability-iam');
    await waitForScreen(shows(/Terminating instances\s+instances=i-[0-9a-f]+$/m), 'the instance terminating');
    await waitForScreen(shows(/Cluster size\s+size=1$/m), 'the new size');
  });

  it('down asks [y/N] at the prompt, and y deletes the cluster', async () => {
    enter('ecs-cli down');
    await waitForScreen((text) => promptRow(text).startsWith('Are you sure you want to delete your cluster? [y/N]>'), 'the question');
    enter('y');
    await waitForScreen(shows('Are you sure you want to delete your cluster? [y/N] y'), 'the answer in the log');
    await waitForScreen(shows('Waiting for your cluster resources to be deleted...'), 'the deletion starting');
    await waitForScreen(shows(/Deleted cluster\s+cluster=e2e$/m), 'the cluster deleted');
    enter('ecs describe-clusters --clusters e2e --query clusters[0].status --output text');
    await waitForScreen(shows(/^INACTIVE$/m), 'the cluster INACTIVE');
  });

  it('leaves on ctrl-d, with status 0', async () => {
    key('C-d');
    const text = await waitForScreen(shows(/ecsh exited with status \d+/), 'the shell ending');
    expect(text).toContain('ecsh exited with status 0');
    expect(screen()).not.toMatch(/\n\s+at /);
  });
});
