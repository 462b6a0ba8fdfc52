import { RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../source/sim/index.js';
import { startTestSandbox } from '../../support/sandbox.js';
import { createCluster, defaultNetwork, describeTasks, detail, taskInterfaces } from './fixtures.js';

describe('a restart', () => {
  it('carries a Fargate task and its network interface on from the saved state', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ecsh-fargate-')), 'state.json');
    const first = await startTestSandbox({ state: file, seed: 7106 });
    const net = await defaultNetwork(first);
    await createCluster(first, 'keep');
    await first.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'tiny',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'web', image: 'example/whoami', portMappings: [{ containerPort: 80 }] }],
      }),
    );
    const out = await first.ecs.send(
      new RunTaskCommand({ cluster: 'keep', taskDefinition: 'tiny', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [net.subnets[2]!.id] } } }),
    );
    const task = out.tasks![0]!;
    const savedAt = first.clock.now();
    await first.close();

    const second = await startTestSandbox({ state: file, clock: new ManualClock(savedAt) });
    try {
      second.advance(120_000);
      const [running] = await describeTasks(second, 'keep', [task.taskArn!]);
      expect(running).toMatchObject({ lastStatus: 'RUNNING', launchType: 'FARGATE', platformVersion: '1.4.0' });
      const [eni] = await taskInterfaces(second, [{ Name: 'network-interface-id', Values: [detail(task, 'networkInterfaceId')!] }]);
      expect(eni).toMatchObject({ Status: 'in-use', PrivateIpAddress: detail(task, 'privateIPv4Address') });
      await second.ecs.send(new StopTaskCommand({ cluster: 'keep', task: task.taskArn! }));
      second.advance(60_000);
      expect(await taskInterfaces(second)).toEqual([]);
      expect((await defaultNetwork(second)).subnets[2]!.free).toBe(net.subnets[2]!.free);
    } finally {
      await second.close();
    }
  });
});
