// Values ECS documents for strings its API model leaves open: what `value=` takes depends on the
// `name=` set beside it (containerInsights: enabled, disabled, enhanced), and a placement
// strategy's `field=` on its `type=`. Written down from the ECS API reference (ClusterSetting,
// PutAccountSetting, PlacementStrategy), as the sandbox checks them.

type ByKey = Readonly<Record<string, readonly string[]>>;

/** What one value depends on: the member (or parameter) `on`, with the values for each of its values. */
interface Dependent {
  on: string;
  values: ByKey;
}

const ENABLED_DISABLED = ['enabled', 'disabled'];
const CONTAINER_INSIGHTS = ['enabled', 'disabled', 'enhanced'];

/** PutAccountSetting(Default)'s `--value` for each `--name`. */
const ACCOUNT_SETTINGS: ByKey = {
  awsvpcTrunking: ENABLED_DISABLED,
  containerInsights: CONTAINER_INSIGHTS,
  containerInstanceLongArnFormat: ENABLED_DISABLED,
  defaultLogDriverMode: ['blocking', 'non-blocking'],
  dualStackIPv6: ENABLED_DISABLED,
  fargateEventWindows: ENABLED_DISABLED,
  fargateFIPSMode: ENABLED_DISABLED,
  fargateTaskRetirementWaitPeriod: ['0', '7', '14'],
  guardDutyActivate: ['on', 'off'],
  serviceLongArnFormat: ENABLED_DISABLED,
  tagResourceAuthorization: ['on', 'off'],
  taskLongArnFormat: ENABLED_DISABLED,
};

/** Shorthand members, by the parameter that holds them and the member typed. */
const MEMBERS: Readonly<Record<string, Readonly<Record<string, Dependent>>>> = {
  // ClusterSetting: create-cluster, update-cluster-settings.
  settings: { value: { on: 'name', values: { containerInsights: CONTAINER_INSIGHTS } } },
  'placement-strategy': {
    field: {
      on: 'type',
      values: {
        spread: ['attribute:ecs.availability-zone', 'attribute:ecs.instance-type', 'attribute:ecs.os-type', 'host', 'instanceId'],
        binpack: ['cpu', 'memory'],
        // random takes no field.
        random: [],
      },
    },
  },
};

/** Top-level parameters, by operation. */
const PARAMETERS: Readonly<Record<string, Readonly<Record<string, Dependent>>>> = {
  'put-account-setting': { value: { on: 'name', values: ACCOUNT_SETTINGS } },
  'put-account-setting-default': { value: { on: 'name', values: ACCOUNT_SETTINGS } },
  'list-account-settings': { value: { on: 'name', values: ACCOUNT_SETTINGS } },
};

/**
 * The documented values of ECS shorthand member `member` of `parameter`, given the other members
 * set in the same item; undefined when ECS documents none.
 */
export function documentedMemberValues(service: string, parameter: string, member: string, siblings: ReadonlyMap<string, string>): readonly string[] | undefined {
  if (service !== 'ecs') return undefined;
  const dependent = own(MEMBERS, parameter) && own(MEMBERS[parameter]!, member) ? MEMBERS[parameter]![member]! : undefined;
  return dependent && valuesFor(dependent, siblings.get(dependent.on));
}

/** The documented values of an ECS operation's top-level `parameter`, given the values on the line. */
export function documentedParameterValues(service: string, operation: string, parameter: string, given: ReadonlyMap<string, readonly string[]>): readonly string[] | undefined {
  if (service !== 'ecs') return undefined;
  const dependent = own(PARAMETERS, operation) && own(PARAMETERS[operation]!, parameter) ? PARAMETERS[operation]![parameter]! : undefined;
  return dependent && valuesFor(dependent, given.get(dependent.on)?.[0]);
}

/** The values for what `on` is set to; all of them (sorted, once each) while it is not set or unknown. */
function valuesFor(dependent: Dependent, key: string | undefined): readonly string[] {
  if (key !== undefined && own(dependent.values, key)) return dependent.values[key]!;
  return [...new Set(Object.values(dependent.values).flat())].sort();
}

function own(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}
