import { RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ManualClock } from '../../../source/sim/index.js';
import { startTestSandbox } from '../../support/sandbox.js';
import { clusterWithInstances } from '../task-fixtures.js';
import { connect, eventually, taskPorts } from './fixtures.js';

it('serves the tasks that were running again when the sandbox restarts on its state file', async () => {
  const state = join(mkdtempSync(join(tmpdir(), 'ecsh-runtime-')), 'state.json');
  const first = await startTestSandbox({ state });
  await clusterWithInstances(first, 'kept', ['us-east-1a']);
  await first.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  const taskArn = (await first.ecs.send(new RunTaskCommand({ cluster: 'kept', taskDefinition: 'web' }))).tasks![0]!.taskArn!;
  first.advance(5_000);
  const [before] = await eventually(async () => {
    const ports = await taskPorts(first, taskArn);
    return ports.length > 0 ? ports : undefined;
  }, 'the task to listen');
  await first.close();
  expect(await connect(before!.url)).toBe('ECONNREFUSED');

  const second = await startTestSandbox({ state, clock: new ManualClock(first.clock.now()) });
  try {
    const [after] = await eventually(async () => {
      const ports = await taskPorts(second, taskArn);
      return ports.length > 0 ? ports : undefined;
    }, 'the task to listen again');
    expect(await (await fetch(after!.url)).text()).toContain('Welcome to nginx!');
  } finally {
    await second.close();
  }
});
