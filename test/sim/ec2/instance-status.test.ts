import { DescribeInstanceStatusCommand, StopInstancesCommand, waitUntilInstanceStatusOk, waitUntilSystemStatusOk } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { runInstances } from './fixtures.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(() => t.close());

/** Long enough to boot (a few seconds), not for the checks (half a minute or more). */
const BOOT_MS = 15_000;
/** Long enough for any instance's checks to pass after it boots. */
const CHECKS_MS = 90_000;

async function statuses(input: ConstructorParameters<typeof DescribeInstanceStatusCommand>[0] = {}) {
  return (await t.ec2.send(new DescribeInstanceStatusCommand(input))).InstanceStatuses!;
}

describe('DescribeInstanceStatus', () => {
  it('lists running instances, their checks initializing and then ok on the sandbox clock', async () => {
    const [instance] = await runInstances(t);
    const id = instance!.InstanceId!;
    expect(await statuses()).toEqual([]);
    expect(await statuses({ InstanceIds: [id] })).toEqual([]);
    t.advance(BOOT_MS);
    const [booted] = await statuses();
    const initializing = { Status: 'initializing', Details: [{ Name: 'reachability', Status: 'initializing' }] };
    expect(booted).toMatchObject({
      InstanceId: id,
      AvailabilityZone: instance!.Placement!.AvailabilityZone,
      InstanceState: { Code: 16, Name: 'running' },
      InstanceStatus: initializing,
      SystemStatus: initializing,
      AttachedEbsStatus: initializing,
    });
    t.advance(CHECKS_MS);
    const [checked] = await statuses({ InstanceIds: [id] });
    const ok = { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] };
    expect(checked).toMatchObject({ InstanceStatus: ok, SystemStatus: ok, AttachedEbsStatus: ok });
  });

  it("ends the SDK's instance-status-ok and system-status-ok waiters once the checks pass", async () => {
    const [instance] = await runInstances(t);
    t.advance(BOOT_MS + CHECKS_MS);
    const params = { client: t.ec2, maxWaitTime: 30, minDelay: 1, maxDelay: 1 };
    expect((await waitUntilInstanceStatusOk(params, { InstanceIds: [instance!.InstanceId!] })).state).toBe('SUCCESS');
    expect((await waitUntilSystemStatusOk(params, { InstanceIds: [instance!.InstanceId!] })).state).toBe('SUCCESS');
  });

  it('shows instances that do not run only with IncludeAllInstances, their checks not applicable', async () => {
    const [pending] = await runInstances(t);
    const all = await statuses({ IncludeAllInstances: true });
    expect(all).toEqual([
      expect.objectContaining({
        InstanceId: pending!.InstanceId,
        InstanceState: { Code: 0, Name: 'pending' },
        InstanceStatus: { Status: 'not-applicable' },
        SystemStatus: { Status: 'not-applicable' },
      }),
    ]);
    t.advance(BOOT_MS + CHECKS_MS);
    await t.ec2.send(new StopInstancesCommand({ InstanceIds: [pending!.InstanceId!] }));
    t.advance(BOOT_MS);
    expect(await statuses()).toEqual([]);
    expect((await statuses({ IncludeAllInstances: true }))[0]!.InstanceState).toEqual({ Code: 80, Name: 'stopped' });
  });

  it('filters by state and check status, and refuses what EC2 refuses', async () => {
    const [first] = await runInstances(t);
    t.advance(BOOT_MS + CHECKS_MS);
    const [second] = await runInstances(t);
    t.advance(BOOT_MS);
    const ids = async (Filters: Array<{ Name: string; Values: string[] }>) => (await statuses({ Filters })).map((s) => s.InstanceId);
    expect(await ids([{ Name: 'instance-status.status', Values: ['ok'] }])).toEqual([first!.InstanceId]);
    expect(await ids([{ Name: 'system-status.reachability', Values: ['initializing'] }])).toEqual([second!.InstanceId]);
    expect(await ids([{ Name: 'instance-state-name', Values: ['running'] }, { Name: 'availability-zone', Values: [second!.Placement!.AvailabilityZone!] }])).toEqual([
      second!.InstanceId,
    ]);
    const missing = await errorOf(t.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
    expect([missing.name, missing.message]).toEqual(['InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist"]);
    const both = await errorOf(t.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [first!.InstanceId!], MaxResults: 5 })));
    expect(both.name).toBe('InvalidParameterCombination');
    const filter = await errorOf(t.ec2.send(new DescribeInstanceStatusCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
    expect(filter.name).toBe('InvalidParameterValue');
  });
});
