import {
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { describeInstance, runInstances, SETTLE_MS } from './fixtures.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(() => t.close());

async function launched(): Promise<string> {
  const [instance] = await runInstances(t);
  return instance!.InstanceId!;
}

describe('instance states on the clock', () => {
  it('boots from pending to running after a few seconds', async () => {
    const id = await launched();
    t.advance(500);
    expect((await describeInstance(t, id)).State).toEqual({ Code: 0, Name: 'pending' });
    t.advance(SETTLE_MS);
    const running = await describeInstance(t, id);
    expect(running.State).toEqual({ Code: 16, Name: 'running' });
    expect(running.StateReason).toBeUndefined();
  });

  it('boots each instance after its own seeded delay', async () => {
    await runInstances(t, { MinCount: 10, MaxCount: 10 });
    const runningAfter = async (ms: number) => {
      t.advance(ms);
      const out = await t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }));
      return out.Reservations!.flatMap((r) => r.Instances!).length;
    };
    const counts = [await runningAfter(1000), await runningAfter(3000), await runningAfter(SETTLE_MS)];
    expect(counts[2]).toBe(10);
    expect(counts[0]).toBeLessThan(10);
  });

  it('stops a running instance: stopping, then stopped without its public address', async () => {
    const id = await launched();
    t.advance(SETTLE_MS);
    const before = await describeInstance(t, id);
    expect(before.PublicIpAddress).toBeDefined();
    const stop = await t.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances).toEqual([
      { InstanceId: id, PreviousState: { Code: 16, Name: 'running' }, CurrentState: { Code: 64, Name: 'stopping' } },
    ]);
    const stopping = await describeInstance(t, id);
    expect(stopping.StateTransitionReason).toMatch(/^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
    expect(stopping.StateReason).toEqual({ Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' });
    t.advance(SETTLE_MS);
    const stopped = await describeInstance(t, id);
    expect(stopped.State).toEqual({ Code: 80, Name: 'stopped' });
    expect(stopped.PublicIpAddress).toBeUndefined();
    expect(stopped.PrivateIpAddress).toBe(before.PrivateIpAddress);
    // Stopping a stopped instance is no change, and no error.
    const again = await t.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(again.StoppingInstances![0]!.CurrentState).toEqual({ Code: 80, Name: 'stopped' });
  });

  it('starts a stopped instance again with a new public address', async () => {
    const id = await launched();
    t.advance(SETTLE_MS);
    const first = await describeInstance(t, id);
    const firstAddress = first.PublicIpAddress;
    const firstLaunch = first.LaunchTime!.getTime();
    await t.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    t.advance(SETTLE_MS);
    const start = await t.ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(start.StartingInstances).toEqual([
      { InstanceId: id, PreviousState: { Code: 80, Name: 'stopped' }, CurrentState: { Code: 0, Name: 'pending' } },
    ]);
    t.advance(SETTLE_MS);
    const running = await describeInstance(t, id);
    expect(running.State!.Name).toBe('running');
    expect(running.PublicIpAddress).toBeDefined();
    expect(running.PublicIpAddress).not.toBe(firstAddress);
    expect(running.LaunchTime!.getTime()).toBeGreaterThan(firstLaunch);
  });

  it('terminates through shutting-down, frees the address, and forgets the instance after an hour', async () => {
    const id = await launched();
    const subnetId = (await describeInstance(t, id)).SubnetId!;
    const free = async () => (await t.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets![0]!.AvailableIpAddressCount;
    expect(await free()).toBe(4090);
    const out = await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(out.TerminatingInstances).toEqual([
      { InstanceId: id, PreviousState: { Code: 0, Name: 'pending' }, CurrentState: { Code: 32, Name: 'shutting-down' } },
    ]);
    t.advance(SETTLE_MS);
    const terminated = await describeInstance(t, id);
    expect(terminated.State).toEqual({ Code: 48, Name: 'terminated' });
    expect(terminated.PrivateIpAddress).toBeUndefined();
    expect(terminated.PublicIpAddress).toBeUndefined();
    expect(terminated.NetworkInterfaces).toEqual([]);
    expect(await free()).toBe(4091);
    // Terminating again answers the same state.
    const again = await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(again.TerminatingInstances![0]!.PreviousState).toEqual({ Code: 48, Name: 'terminated' });
    t.advance(60 * 60 * 1000);
    expect((await errorOf(describeInstance(t, id))).name).toBe('InvalidInstanceID.NotFound');
  });

  it('refuses changes the state does not allow, and changes nothing when one instance cannot', async () => {
    const pending = await launched();
    const stopError = await errorOf(t.ec2.send(new StopInstancesCommand({ InstanceIds: [pending] })));
    expect(stopError.name).toBe('IncorrectInstanceState');
    expect(stopError.message).toBe(`The instance '${pending}' is not in a state from which it can be stopped.`);

    const running = await launched();
    t.advance(SETTLE_MS);
    const gone = await launched();
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [gone] }));
    const startError = await errorOf(t.ec2.send(new StartInstancesCommand({ InstanceIds: [gone] })));
    expect(startError.name).toBe('IncorrectInstanceState');
    expect(startError.message).toBe(`The instance '${gone}' is not in a state from which it can be started.`);

    const mixed = await errorOf(t.ec2.send(new StopInstancesCommand({ InstanceIds: [running, gone] })));
    expect(mixed.name).toBe('IncorrectInstanceState');
    expect((await describeInstance(t, running)).State!.Name).toBe('running');
  });

  it('names the ids it cannot find and asks for at least one', async () => {
    const missing = await errorOf(t.ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
    expect(missing.name).toBe('InvalidInstanceID.NotFound');
    const none = await errorOf(t.ec2.send(new StopInstancesCommand({ InstanceIds: [] })));
    expect(none.name).toBe('MissingParameter');
  });
});
