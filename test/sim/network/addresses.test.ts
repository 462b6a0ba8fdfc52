import { createServer } from 'node:net';
import { RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../source/sim/index.js';
import { bindLoopback, bindSocket, loopbackTwin, type BindFunction } from '../../../source/sim/network/index.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { endpoints, eventually, instancesJoining, taskPorts } from '../runtime/fixtures.js';

describe('loopback twins', () => {
  it('keep the last three octets of a private address', () => {
    expect(loopbackTwin('10.0.5.12')).toBe('127.0.5.12');
    expect(loopbackTwin('172.31.16.9')).toBe('127.31.16.9');
    expect(loopbackTwin('10.0.300.1')).toBeUndefined();
    expect(loopbackTwin('fd00::1')).toBeUndefined();
  });

  it('are the only addresses a listener binds', async () => {
    const sb = createSandbox({ seed: 1 });
    await expect(bindLoopback(sb, createServer(), '0.0.0.0', 0)).rejects.toThrow('loopback only');
  });
});

/** A system where only 127.0.0.1 and ports from 1024 up can be bound, as on macOS without root. */
function restrictedBind(refused: string[]): BindFunction {
  return (target, host, port) => {
    if (host !== '127.0.0.1') {
      refused.push(`${host}:${port}`);
      return Promise.reject(Object.assign(new Error(`bind ${host}`), { code: 'EADDRNOTAVAIL' }));
    }
    if (port > 0 && port < 1024) {
      refused.push(`${host}:${port}`);
      return Promise.reject(Object.assign(new Error(`bind ${port}`), { code: 'EACCES' }));
    }
    return bindSocket(target, host, port);
  };
}

describe('where a twin cannot be bound', () => {
  let t: TestSandbox;
  afterEach(() => t.close());

  it('listens on 127.0.0.1 with ephemeral ports instead, and says so once', async () => {
    const notices: string[] = [];
    const refused: string[] = [];
    t = await startTestSandbox({ seed: 1024, network: { notify: (m) => notices.push(m), bind: restrictedBind(refused) } });
    const [host] = await instancesJoining(t, 'fallback', ['us-east-1a']);
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
      }),
    );
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'fallback', taskDefinition: 'web', count: 2 }));
    t.advance(10_000);
    const urls: string[] = [];
    for (const task of run.tasks!) {
      const [endpoint] = await eventually(async () => {
        const ports = await taskPorts(t, task.taskArn!);
        return ports.length > 0 ? ports : undefined;
      }, 'the task to listen');
      urls.push(endpoint!.url);
      expect(await (await fetch(endpoint!.url)).text()).toContain('Welcome to nginx!');
    }
    const agent = await eventually(async () => (await endpoints(t)).find((e) => e.kind === 'agent'), 'the agent API');
    const twin = loopbackTwin(host!.privateIp)!;
    for (const url of [...urls, agent.url]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([...urls, agent.url]).size).toBe(3);
    expect(refused).toContain(`${twin}:51678`);
    expect((await fetch(`${agent.url}/v1/metadata`)).status).toBe(200);
    // Three listeners fell back for the same reason: one notice.
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(twin);
    expect(notices[0]).toContain('127.0.0.1');
    expect(notices[0]).toContain('/_ecsh/endpoints');
  });

  it('moves a port below 1024 that needs privileges, telling why', async () => {
    const notices: string[] = [];
    t = await startTestSandbox({
      seed: 1023,
      network: {
        notify: (m) => notices.push(m),
        bind: (target, host, port) =>
          port > 0 && port < 1024 ? Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) : bindSocket(target, host, port),
      },
    });
    await instancesJoining(t, 'low', ['us-east-1a']);
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'httpd', memory: 64, portMappings: [{ containerPort: 80, hostPort: 80 }] }],
      }),
    );
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'low', taskDefinition: 'web' }));
    t.advance(10_000);
    const [endpoint] = await eventually(async () => {
      const ports = await taskPorts(t, run.tasks![0]!.taskArn!);
      return ports.length > 0 ? ports : undefined;
    }, 'the task to listen');
    expect(endpoint!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(endpoint!.url)).text()).toContain('It works!');
    expect(notices).toEqual([expect.stringContaining('port 80 needs privileges')]);
  });
});
