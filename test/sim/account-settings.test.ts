import {
  DeleteAccountSettingCommand,
  ECSClient,
  ListAccountSettingsCommand,
  PutAccountSettingCommand,
  PutAccountSettingDefaultCommand,
  type Setting,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS, errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

const ROOT = 'arn:aws:iam::123456789012:root';
const ROLE = 'arn:aws:iam::123456789012:role/deployer';
const USER = 'arn:aws:iam::123456789012:user/alice';

async function listAll(input: ConstructorParameters<typeof ListAccountSettingsCommand>[0], client: ECSClient = t.ecs) {
  const settings: Setting[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListAccountSettingsCommand({ ...input, nextToken }));
    settings.push(...page.settings!);
    nextToken = page.nextToken;
  } while (nextToken);
  return settings;
}

const valueOf = (settings: Setting[], name: string) => settings.find((s) => s.name === name)?.value;

describe('defaults', () => {
  it('lists the effective setting of every name, with AWS defaults, 10 to a page', async () => {
    const first = await t.ecs.send(new ListAccountSettingsCommand({ effectiveSettings: true }));
    expect(first.settings).toHaveLength(10);
    expect(first.nextToken).toBeDefined();
    const settings = await listAll({ effectiveSettings: true });
    expect(settings.map((s) => s.name)).toEqual([
      'serviceLongArnFormat',
      'taskLongArnFormat',
      'containerInstanceLongArnFormat',
      'awsvpcTrunking',
      'containerInsights',
      'dualStackIPv6',
      'fargateFIPSMode',
      'fargateTaskRetirementWaitPeriod',
      'tagResourceAuthorization',
      'guardDutyActivate',
      'defaultLogDriverMode',
      'fargateEventWindows',
    ]);
    expect(settings[0]).toEqual({ name: 'serviceLongArnFormat', value: 'enabled', principalArn: ROOT, type: 'user' });
    expect(valueOf(settings, 'awsvpcTrunking')).toBe('disabled');
    expect(valueOf(settings, 'fargateTaskRetirementWaitPeriod')).toBe('7');
    expect(valueOf(settings, 'defaultLogDriverMode')).toBe('non-blocking');
    expect(settings.find((s) => s.name === 'guardDutyActivate')).toEqual({ name: 'guardDutyActivate', value: 'off', principalArn: ROOT, type: 'aws_managed' });
  });

  it('lists nothing set explicitly on a fresh account', async () => {
    expect((await t.ecs.send(new ListAccountSettingsCommand({}))).settings).toEqual([]);
  });
});

describe('setting, overriding and deleting', () => {
  it('a principal value overrides the account default, which overrides AWS', async () => {
    const put = await t.ecs.send(new PutAccountSettingCommand({ name: 'containerInsights', value: 'enhanced', principalArn: ROLE }));
    expect(put.setting).toEqual({ name: 'containerInsights', value: 'enhanced', principalArn: ROLE, type: 'user' });
    const byDefault = await t.ecs.send(new PutAccountSettingDefaultCommand({ name: 'containerInsights', value: 'enabled' }));
    expect(byDefault.setting?.principalArn).toBe(ROOT);

    const role = await listAll({ name: 'containerInsights', principalArn: ROLE, effectiveSettings: true });
    expect(role).toEqual([{ name: 'containerInsights', value: 'enhanced', principalArn: ROLE, type: 'user' }]);
    const user = await listAll({ name: 'containerInsights', principalArn: USER, effectiveSettings: true });
    expect(user[0]?.value).toBe('enabled');
    expect(await listAll({ principalArn: USER })).toEqual([]);
    expect(await listAll({ principalArn: ROLE })).toEqual([{ name: 'containerInsights', value: 'enhanced', principalArn: ROLE, type: 'user' }]);
  });

  it('filters by value, given a name', async () => {
    const enabled = await listAll({ name: 'containerInsights', value: 'enabled', effectiveSettings: true });
    expect(enabled.map((s) => s.principalArn)).toEqual([ROOT]);
    expect(await listAll({ name: 'containerInsights', value: 'enhanced', effectiveSettings: true })).toEqual([]);
  });

  it('deleting answers the setting removed, and the default applies again', async () => {
    const out = await t.ecs.send(new DeleteAccountSettingCommand({ name: 'containerInsights', principalArn: ROLE }));
    expect(out.setting).toMatchObject({ name: 'containerInsights', value: 'enhanced', principalArn: ROLE });
    const after = await listAll({ name: 'containerInsights', principalArn: ROLE, effectiveSettings: true });
    expect(after[0]?.value).toBe('enabled');
  });

  it('without principalArn, the caller (the root user) is meant', async () => {
    await t.ecs.send(new PutAccountSettingCommand({ name: 'awsvpcTrunking', value: 'enabled' }));
    expect(valueOf(await listAll({}), 'awsvpcTrunking')).toBe('enabled');
    expect(valueOf(await listAll({ principalArn: USER, effectiveSettings: true }), 'awsvpcTrunking')).toBe('enabled');
  });

  it('keeps each region to itself', async () => {
    const west = new ECSClient({ endpoint: t.running.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      expect(valueOf(await listAll({ effectiveSettings: true }, west), 'awsvpcTrunking')).toBe('disabled');
    } finally {
      west.destroy();
    }
  });
});

describe('what ECS refuses', () => {
  it('names and values it does not have', async () => {
    const name = await errorOf(t.ecs.send(new PutAccountSettingCommand({ name: 'fastMode' as never, value: 'enabled' })));
    expect(name.name).toBe('InvalidParameterException');
    const value = await errorOf(t.ecs.send(new PutAccountSettingCommand({ name: 'taskLongArnFormat', value: 'on' })));
    expect(value.name).toBe('InvalidParameterException');
    const period = await errorOf(t.ecs.send(new PutAccountSettingDefaultCommand({ name: 'fargateTaskRetirementWaitPeriod', value: '3' })));
    expect(period.name).toBe('InvalidParameterException');
    await t.ecs.send(new PutAccountSettingDefaultCommand({ name: 'fargateTaskRetirementWaitPeriod', value: '14' }));
  });

  it('turning a long ARN format off, for anyone, as the account default too; on stays accepted', async () => {
    const names = ['serviceLongArnFormat', 'taskLongArnFormat', 'containerInstanceLongArnFormat'] as const;
    for (const name of names) {
      for (const call of [
        new PutAccountSettingCommand({ name, value: 'disabled' }),
        new PutAccountSettingCommand({ name, value: 'disabled', principalArn: ROLE }),
        new PutAccountSettingDefaultCommand({ name, value: 'disabled' }),
      ]) {
        const refused = await errorOf(t.ecs.send(call as PutAccountSettingCommand));
        expect([refused.name, refused.message]).toEqual(['InvalidParameterException', 'You can no longer disable Long Arn settings']);
      }
      expect((await t.ecs.send(new PutAccountSettingCommand({ name, value: 'enabled', principalArn: USER }))).setting?.value).toBe('enabled');
    }
    const effective = await listAll({ effectiveSettings: true, principalArn: ROLE });
    for (const name of names) expect(valueOf(effective, name)).toBe('enabled');
  });

  it('settings only AWS or only the root user may change', async () => {
    const managed = await errorOf(t.ecs.send(new PutAccountSettingCommand({ name: 'guardDutyActivate', value: 'on' })));
    expect(managed.name).toBe('InvalidParameterException');
    const rootOnly = await errorOf(
      t.ecs.send(new PutAccountSettingCommand({ name: 'fargateTaskRetirementWaitPeriod', value: '0', principalArn: ROLE })),
    );
    expect(rootOnly.name).toBe('InvalidParameterException');
    const fips = await errorOf(t.ecs.send(new PutAccountSettingCommand({ name: 'fargateFIPSMode', value: 'enabled' })));
    expect(fips.name).toBe('InvalidParameterException');
  });

  it('a principal that is not a user, role or root of the account, and a value without a name', async () => {
    const principal = await errorOf(
      t.ecs.send(new PutAccountSettingCommand({ name: 'taskLongArnFormat', value: 'enabled', principalArn: 'arn:aws:iam::999999999999:root' })),
    );
    expect(principal.name).toBe('InvalidParameterException');
    const valueOnly = await errorOf(t.ecs.send(new ListAccountSettingsCommand({ value: 'enabled' })));
    expect(valueOnly.name).toBe('InvalidParameterException');
    const pageSize = await errorOf(t.ecs.send(new ListAccountSettingsCommand({ maxResults: 11 })));
    expect(pageSize.name).toBe('InvalidParameterException');
  });
});
