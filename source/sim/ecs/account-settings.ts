import { ACCOUNT_ID } from '../arn.js';
import { invalidParameter } from '../errors.js';
import { optionalBoolean, optionalString, paginate, requireString } from '../input.js';
import type { AccountSettingRecord } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';

/**
 * ECS account settings, per region: a value set for a principal (a user, a role, or the root
 * user, whose value is the account's default for everyone else), falling back to AWS's own
 * default. The caller of the sandbox is always the account's root user.
 */

interface SettingSpec {
  values: readonly string[];
  /** What AWS applies when nobody has set the setting (for an account created today). */
  awsDefault: string;
  /** Settings AWS manages: visible, never set by the account. */
  awsManaged?: boolean;
  /** Only the root user may set it (for the whole account). */
  rootOnly?: boolean;
  /** Only PutAccountSettingDefault sets it. */
  defaultOnly?: boolean;
  /** Values AWS no longer accepts, with its refusal. */
  retired?: { value: string; message: string };
}

const ON_OFF = ['enabled', 'disabled'] as const;

/** The long ARN formats are the only formats now: ECS refuses to turn them off. */
const LONG_ARN_ONLY = { value: 'disabled', message: 'You can no longer disable Long Arn settings' };

/** Every setting ECS has, in the order ListAccountSettings returns them. */
const SETTINGS: Record<string, SettingSpec> = {
  serviceLongArnFormat: { values: ON_OFF, awsDefault: 'enabled', retired: LONG_ARN_ONLY },
  taskLongArnFormat: { values: ON_OFF, awsDefault: 'enabled', retired: LONG_ARN_ONLY },
  containerInstanceLongArnFormat: { values: ON_OFF, awsDefault: 'enabled', retired: LONG_ARN_ONLY },
  awsvpcTrunking: { values: ON_OFF, awsDefault: 'disabled' },
  containerInsights: { values: ['enabled', 'disabled', 'enhanced'], awsDefault: 'disabled' },
  dualStackIPv6: { values: ON_OFF, awsDefault: 'disabled' },
  fargateFIPSMode: { values: ON_OFF, awsDefault: 'disabled', defaultOnly: true },
  fargateTaskRetirementWaitPeriod: { values: ['0', '7', '14'], awsDefault: '7', rootOnly: true },
  tagResourceAuthorization: { values: ['on', 'off'], awsDefault: 'on' },
  guardDutyActivate: { values: ['on', 'off'], awsDefault: 'off', awsManaged: true },
  defaultLogDriverMode: { values: ['blocking', 'non-blocking'], awsDefault: 'non-blocking' },
  fargateEventWindows: { values: ON_OFF, awsDefault: 'disabled' },
};

const SETTING_NAMES = Object.keys(SETTINGS);

const ROOT_PRINCIPAL = `arn:aws:iam::${ACCOUNT_ID}:root`;

const PRINCIPAL = new RegExp(`^arn:aws:iam::${ACCOUNT_ID}:(root|user/[\\w+=,.@/-]+|role/[\\w+=,.@/-]+)$`);

function settingName(input: any, required: boolean): string | undefined {
  const name = required ? requireString(input, 'name') : optionalString(input, 'name');
  if (name !== undefined && !SETTINGS[name]) {
    throw invalidParameter(`'${name}' is not an account setting. Valid names: ${SETTING_NAMES.join(', ')}.`);
  }
  return name;
}

function principal(input: any): string {
  const arn = optionalString(input, 'principalArn') ?? ROOT_PRINCIPAL;
  if (!PRINCIPAL.test(arn)) {
    throw invalidParameter(
      `principalArn must be the root user, a user or a role of account ${ACCOUNT_ID} (arn:aws:iam::${ACCOUNT_ID}:root, :user/NAME or :role/NAME); got '${arn}'.`,
    );
  }
  return arn;
}

function key(region: string, principalArn: string, name: string): string {
  return `${region}|${principalArn}|${name}`;
}

function render(name: string, value: string, principalArn: string) {
  return { name, value, principalArn, type: SETTINGS[name]!.awsManaged ? 'aws_managed' : 'user' };
}

/** The value that applies to `principalArn`: its own, else the account default, else AWS's. */
export function effectiveAccountSetting(sb: Sandbox, region: string, name: string, principalArn = ROOT_PRINCIPAL): string {
  const spec = SETTINGS[name];
  if (!spec) throw new RangeError(`unknown account setting ${name}`);
  return (
    sb.tables.accountSettings.get(key(region, principalArn, name))?.value ??
    sb.tables.accountSettings.get(key(region, ROOT_PRINCIPAL, name))?.value ??
    spec.awsDefault
  );
}

function put(sb: Sandbox, region: string, name: string, value: string, principalArn: string) {
  const spec = SETTINGS[name]!;
  if (spec.awsManaged) throw invalidParameter(`The ${name} account setting is managed by AWS and is read-only.`);
  if (spec.rootOnly && principalArn !== ROOT_PRINCIPAL) {
    throw invalidParameter(`The ${name} account setting can only be set by the root user, for the whole account.`);
  }
  if (!spec.values.includes(value)) throw invalidParameter(`The value for ${name} must be one of ${spec.values.join(', ')}; got '${value}'.`);
  if (spec.retired?.value === value) throw invalidParameter(spec.retired.message);
  const record: AccountSettingRecord = { name, value, principalArn, type: 'user' };
  sb.tables.accountSettings.set(key(region, principalArn, name), record);
  return { setting: render(name, value, principalArn) };
}

export const PutAccountSetting: Operation = (sb, input, ctx) => {
  const name = settingName(input, true)!;
  if (SETTINGS[name]!.defaultOnly) throw invalidParameter(`${name} can only be set with PutAccountSettingDefault.`);
  return put(sb, ctx.region, name, requireString(input, 'value'), principal(input));
};

export const PutAccountSettingDefault: Operation = (sb, input, ctx) => {
  const name = settingName(input, true)!;
  return put(sb, ctx.region, name, requireString(input, 'value'), ROOT_PRINCIPAL);
};

/** Removes a principal's own value; it answers with the value that applied until now. */
export const DeleteAccountSetting: Operation = (sb, input, ctx) => {
  const name = settingName(input, true)!;
  const principalArn = principal(input);
  if (SETTINGS[name]!.awsManaged) throw invalidParameter(`The ${name} account setting is managed by AWS and is read-only.`);
  const value = effectiveAccountSetting(sb, ctx.region, name, principalArn);
  sb.tables.accountSettings.delete(key(ctx.region, principalArn, name));
  return { setting: render(name, value, principalArn) };
};

export const ListAccountSettings: Operation = (sb, input, ctx) => {
  const name = settingName(input, false);
  const value = optionalString(input, 'value');
  if (value !== undefined && name === undefined) throw invalidParameter('value can only be used together with name.');
  const principalArn = principal(input);
  const effective = optionalBoolean(input, 'effectiveSettings') ?? false;
  const settings = [];
  for (const n of name ? [name] : SETTING_NAMES) {
    const own = sb.tables.accountSettings.get(key(ctx.region, principalArn, n))?.value;
    const shown = effective ? effectiveAccountSetting(sb, ctx.region, n, principalArn) : own;
    if (shown === undefined || (value !== undefined && shown !== value)) continue;
    settings.push(render(n, shown, principalArn));
  }
  const { page, nextToken } = paginate(settings, input.nextToken, input.maxResults, { defaultSize: 10, maxSize: 10 });
  return { settings: page, nextToken };
};

export const accountSettingOperations: Record<string, Operation> = {
  PutAccountSetting,
  PutAccountSettingDefault,
  DeleteAccountSetting,
  ListAccountSettings,
};
