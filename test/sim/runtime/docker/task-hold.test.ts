import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ManualClock } from '../../../../source/sim/index.js';
import { holdStart } from '../../../../source/sim/runtime/docker/task-hold.js';
import { startTestSandbox } from '../../../support/sandbox.js';
import { clusterWithInstances, registerDefinition, runTasks } from '../../task-fixtures.js';
import { describeTask } from '../fixtures.js';

it('holds a task that waits for its containers, and lets it go when the sandbox reloads on another runtime', async () => {
  const state = join(mkdtempSync(join(tmpdir(), 'ecsh-held-')), 'state.json');
  const first = await startTestSandbox({ state, runtime: 'none' });
  await clusterWithInstances(first, 'held', ['us-east-1a']);
  await registerDefinition(first, { family: 'web' });
  const [launched] = await runTasks(first, { cluster: 'held', taskDefinition: 'web' });
  holdStart(first.running.sandbox.tables.tasks.get(launched!.taskArn!)!);
  first.running.sandbox.touch();
  first.advance(60_000);
  expect((await describeTask(first, 'held', launched!.taskArn!)).lastStatus).toBe('PENDING');
  await first.close();

  const second = await startTestSandbox({ state, clock: new ManualClock(first.clock.now()), runtime: 'none' });
  try {
    const task = await describeTask(second, 'held', launched!.taskArn!);
    expect(task.lastStatus).toBe('RUNNING');
  } finally {
    await second.close();
  }
});
