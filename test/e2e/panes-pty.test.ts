import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../support/cli.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

// The live panes in the built shell, in a real pseudo-terminal: tmux runs it, types into it
// and reads the screen. The set-up is typed at the prompt, as a user would.
const COLUMNS = 200;
const { start: startSession, screen, key, typeText, waitForScreen, stop } = tmuxSession('panes');

/** The pane: the right half of each row, past the rule that sets it apart. */
const paneRows = (text: string) => text.split('\n').map((row) => row.slice(COLUMNS / 2).replace(/^│/, ''));
/** The shell: the left half. */
const shellRows = (text: string) => text.split('\n').map((row) => row.slice(0, COLUMNS / 2).trimEnd());

/** Types a line at the prompt, runs it, and waits for what it prints. */
async function run(line: string, shows: string | RegExp): Promise<void> {
  typeText(line);
  key('Enter');
  await waitForScreen((text) => {
    const shell = shellRows(text).join('\n');
    return typeof shows === 'string' ? shell.includes(shows) : shows.test(shell);
  }, `the output of ${line}`);
}

function registerInstance(zone: string): string {
  const document = JSON.stringify({ instanceId: `i-00000000000000${zone}`, instanceType: 't3.medium', availabilityZone: `us-east-1${zone}`, region: 'us-east-1', imageId: 'ami-0ecs' });
  return `ecs register-container-instance --instance-identity-document '${document}' --total-resources name=CPU,type=INTEGER,integerValue=2048 name=MEMORY,type=INTEGER,integerValue=3904 --query containerInstance.ec2InstanceId`;
}

describe.skipIf(!hasTmux)('the live panes in a terminal (tmux)', () => {
  beforeAll(async () => {
    const cli = requireBuiltCli();
    const config = mkdtempSync(join(tmpdir(), 'ecsh-panes-'));
    // CI unset: Ink draws nothing but the last frame when it thinks it runs in CI.
    const command = `env -u CI ECSH_CONFIG_DIR=${config} ${process.execPath} ${cli} --ephemeral`;
    startSession(command, COLUMNS, 50);
    await waitForScreen((text) => text.includes('F10 exit'), 'the toolbar');
  });

  afterAll(() => {
    if (hasTmux) stop();
  });

  it('sets up 3 instances, one per zone, and a service of 6 tasks spread over the zones', async () => {
    await run('ecs create-cluster --cluster-name demo --query cluster.status', '"ACTIVE"');
    await run('.cluster demo', 'default cluster: demo');
    // The output alone on its row: the typed document holds the same quoted id.
    for (const zone of ['a', 'b', 'c']) await run(registerInstance(zone), new RegExp(`^"i-00000000000000${zone}"$`, 'm'));
    await run('ecs register-task-definition --family web --container-definitions name=web,image=nginx,cpu=256,memory=256 --query taskDefinition.revision', /^1$/m);
    await run(
      'ecs create-service --service-name web --task-definition web --desired-count 6 --placement-strategy type=spread,field=attribute:ecs.availability-zone --query service.desiredCount',
      /^6$/m,
    );
  });

  it('shows 2 tasks in each zone in the placement pane (F5)', async () => {
    key('F5');
    const text = await waitForScreen((text) => paneRows(text).join('\n').includes('3 instances in 3 zones, 6 tasks'), 'the placement of 6 tasks');
    const zones = paneRows(text).filter((row) => /^us-east-1[abc] /.test(row));
    expect(zones.map((row) => row.trimEnd())).toEqual([
      'us-east-1a  1 instance  2 tasks: web 2',
      'us-east-1b  1 instance  2 tasks: web 2',
      'us-east-1c  1 instance  2 tasks: web 2',
    ]);
  });

  it('scales the service to 0 from the services pane (F6, F6 again, - and y Enter), echoing the command', async () => {
    key('F6');
    await waitForScreen((text) => /web {2}ACTIVE {2}web:1 {2}desired 6 {2}running 6/.test(paneRows(text).join('\n')), 'the service');
    key('F6');
    await waitForScreen((text) => paneRows(text).some((row) => row.startsWith('esc back to the prompt')), 'the pane taking the keys');
    for (let i = 0; i < 6; i++) key('-');
    await waitForScreen((text) => paneRows(text).join('\n').includes('Scale web from 6 to 0 tasks?'), 'the question');
    key('y');
    key('Enter');
    await waitForScreen(
      (text) => shellRows(text).some((row) => row.endsWith('> ecs update-service --cluster demo --service web --desired-count 0')),
      'the command in the log',
    );
  });

  it('shows the tasks stop in the tasks pane (F4), and none left on the instances (F5)', async () => {
    key('F4');
    // Each goes RUNNING→STOPPED, then STOPPED, with the reason the service scheduler gave (cut to the column).
    const stopped = (text: string) => paneRows(text).filter((row) => / web:1 +STOPPED .* Scaling activity/.test(row));
    const text = await waitForScreen((text) => stopped(text).length === 6, 'the stopped tasks');
    expect(paneRows(text).join('\n')).toContain('0 running, 6 stopped');
    key('F5');
    await waitForScreen((text) => paneRows(text).filter((row) => /^us-east-1[abc] {2}1 instance {2}0 tasks/.test(row)).length === 3, 'empty instances');
  });

  it('gives the keys back to the prompt on Esc, where .pane off hides the pane', async () => {
    key('Escape');
    await waitForScreen((text) => paneRows(text).some((row) => row.includes('F5 to use the pane')), 'the prompt taking the keys');
    // The prompt listens again from the frame after the switch: a key sent before it may be lost.
    const typed = (text: string) => shellRows(text).some((row) => row.endsWith('> .pane off'));
    for (let attempt = 0; attempt < 20 && !typed(screen()); attempt++) {
      key('C-u');
      typeText('.pane off');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    key('Enter');
    const text = await waitForScreen((text) => shellRows(text).some((row) => row.startsWith('pane: off')), 'the pane turned off');
    // The shell has the whole width again.
    expect(text).not.toContain('Placement  demo');
    expect(text.split('\n').find((row) => row.startsWith('pane: off'))?.trimEnd()).toBe(
      'pane: off (refresh every 1s on the sandbox, 5s on AWS, layout right); F4 tasks, F5 placement, F6 services',
    );
  });
});

