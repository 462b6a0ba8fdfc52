import { describe, expect, it } from 'vitest';
import { containerRows, psLines } from '../../../source/commands/ecs-cli/ps-table.js';

const row = (Name: string, State: string, Ports = '', TaskDefinition = 'web:1', Health = 'UNKNOWN') => ({ Name, State, Ports, TaskDefinition, Health });

describe("ecs-cli's ps table", () => {
  it('lays columns out as Go\'s tabwriter does: minimum width 4, padding 2, the last column unpadded', () => {
    expect(psLines([row('abc/web', 'RUNNING', '54.1.2.3:80->80/tcp'), row('d/x', 'PENDING', '', 'w:12', '')])).toEqual([
      'Name     State    Ports                TaskDefinition  Health',
      'abc/web  RUNNING  54.1.2.3:80->80/tcp  web:1           UNKNOWN',
      'd/x      PENDING                       w:12            ',
    ]);
  });

  it('prints nothing, not even the header, when there is no container', () => {
    expect(psLines([])).toEqual([]);
  });

  it('states why a container stopped, and shows awsvpc tasks at their ENI address', async () => {
    const tasks = [
      {
        taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/0f1e',
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
        containers: [
          { name: 'web', lastStatus: 'STOPPED', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage', healthStatus: 'UNHEALTHY' as const, networkBindings: [] },
          { name: 'init', lastStatus: 'STOPPED', exitCode: 0, healthStatus: 'UNKNOWN' as const },
        ],
      },
    ];
    expect(await containerRows(undefined as never, 'demo', tasks)).toEqual([
      row('0f1e/web', 'STOPPED ExitCode: 137 Reason: OutOfMemoryError: Container killed due to memory usage', '', 'web:3', 'UNHEALTHY'),
      row('0f1e/init', 'STOPPED ExitCode: 0', '', 'web:3', 'UNKNOWN'),
    ]);
  });
});
