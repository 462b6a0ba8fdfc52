import { instanceTypeSpec } from '../ec2/instance-types.js';
import { invalidParameter } from '../errors.js';
import type { Attribute } from '../model.js';

/**
 * The attributes a container instance carries without anyone asking: the ones ECS derives from
 * the EC2 instance (`ecs.*` with values) and the capabilities the container agent reports when it
 * registers (name only). Task definitions' `requiresAttributes` and placement constraints match
 * against these, so an instance registered in the sandbox looks like one running the current
 * ECS-optimized Amazon Linux AMI.
 */

/** Docker Remote API versions the Linux agent reports (its supported list, 1.17 to 1.32). */
const DOCKER_API_VERSIONS = Array.from({ length: 16 }, (_, i) => `1.${17 + i}`);

/** Logging drivers the ECS-optimized AMI enables for the agent. */
const LOGGING_DRIVERS = ['json-file', 'syslog', 'awslogs', 'none'];

/** Capabilities that predate the `ecs.capability.` prefix keep `com.amazonaws.ecs.capability.`. */
const LEGACY_CAPABILITIES = [
  'privileged-container',
  ...DOCKER_API_VERSIONS.map((v) => `docker-remote-api.${v}`),
  ...LOGGING_DRIVERS.map((d) => `logging-driver.${d}`),
  'ecr-auth',
  'task-iam-role',
  'task-iam-role-network-host',
  'logging-driver.awsfirelens',
];

const CAPABILITIES = [
  'execution-role-ecr-pull',
  'execution-role-awslogs',
  'container-health-check',
  'task-cpu-mem-limit',
  'task-eni',
  'private-registry-authentication.secretsmanager',
  'secrets.ssm.environment-variables',
  'secrets.ssm.bootstrap.log-driver',
  'secrets.asm.environment-variables',
  'secrets.asm.bootstrap.log-driver',
  'ecr-endpoint',
  'container-ordering',
  'full-sync',
  'env-files.s3',
  'pid-ipc-namespace-sharing',
  'aws-appmesh',
  'firelens.fluentd',
  'firelens.fluentbit',
  'firelens.options.config.file',
  'firelens.options.config.s3',
  'efs',
  'efsAuth',
  'docker-plugin.local',
  'execute-command',
  'service-connect-v1',
  'network.container-port-range',
  'container-restart-policy',
];

/** What the agent reports about itself: the same for every instance the sandbox boots. */
export function agentCapabilities(): Attribute[] {
  return [
    ...LEGACY_CAPABILITIES.map((c) => ({ name: `com.amazonaws.ecs.capability.${c}` })),
    ...CAPABILITIES.map((c) => ({ name: `ecs.capability.${c}` })),
  ];
}

/** Graviton instance families (a1, and a `g` right after the generation: t4g, m6gd, c7gn). */
const ARM_INSTANCE_TYPE = /^(a1|[a-z]+\d+g[a-z]*)\./;

/** The host's CPU architecture: the instance type's when the sandbox knows it, else from its family name. */
function cpuArchitecture(instanceType: string | undefined): 'x86_64' | 'arm64' {
  if (!instanceType) return 'x86_64';
  return instanceTypeSpec(instanceType)?.architecture ?? (ARM_INSTANCE_TYPE.test(instanceType) ? 'arm64' : 'x86_64');
}

export interface HostFacts {
  instanceType?: string;
  availabilityZone?: string;
  amiId?: string;
  architecture?: string;
  vpcId?: string;
  subnetId?: string;
}

/** The `ecs.*` attributes ECS sets from what it knows of the host; unknown facts are left out. */
export function hostAttributes(host: HostFacts): Attribute[] {
  const attributes: Attribute[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value) attributes.push({ name, value });
  };
  add('ecs.ami-id', host.amiId);
  add('ecs.availability-zone', host.availabilityZone);
  add('ecs.instance-type', host.instanceType);
  add('ecs.os-type', 'linux');
  add('ecs.os-family', 'LINUX');
  add('ecs.cpu-architecture', host.architecture ?? cpuArchitecture(host.instanceType));
  add('ecs.vpc-id', host.vpcId);
  add('ecs.subnet-id', host.subnetId);
  return attributes;
}

/** What an instance's `ecs.*` attributes say of its host (for a re-registration that omits it). */
export function hostFactsOf(attributes: Attribute[]): HostFacts {
  const value = (name: string) => attributes.find((a) => a.name === name)?.value;
  return {
    amiId: value('ecs.ami-id'),
    availabilityZone: value('ecs.availability-zone'),
    instanceType: value('ecs.instance-type'),
    architecture: value('ecs.cpu-architecture'),
    vpcId: value('ecs.vpc-id'),
    subnetId: value('ecs.subnet-id'),
  };
}

/**
 * Attributes set by ECS or its agent, as opposed to custom ones (PutAttributes, or the agent's
 * ECS_INSTANCE_ATTRIBUTES): only custom ones count against the limit of 10 per instance.
 */
export function isBuiltInAttribute(name: string): boolean {
  return name.startsWith('ecs.') || name.startsWith('com.amazonaws.ecs.');
}

/** `base` with `overrides` applied by name (a later value replaces an earlier one). */
export function mergeAttributes(base: Attribute[], overrides: Attribute[]): Attribute[] {
  const byName = new Map(base.map((a) => [a.name, a]));
  for (const a of overrides) byName.set(a.name, a);
  return [...byName.values()];
}

const ATTRIBUTE_NAME = /^[a-zA-Z0-9_\-/\\.]{1,128}$/;
const ATTRIBUTE_VALUE = /^[a-zA-Z0-9_\-.@/\\: ]{1,128}$/;

/** A name and optional value as ECS accepts them (the rules of the Attribute shape). */
export function validAttribute(input: unknown): Attribute {
  const a = input as { name?: unknown; value?: unknown } | null;
  if (typeof a?.name !== 'string' || !ATTRIBUTE_NAME.test(a.name)) {
    throw invalidParameter(
      `Attribute name '${String(a?.name)}' is invalid: use 1-128 letters, numbers, hyphens, underscores, periods and forward or back slashes.`,
    );
  }
  if (a.value === undefined || a.value === null) return { name: a.name };
  if (typeof a.value !== 'string' || !ATTRIBUTE_VALUE.test(a.value) || a.value.trim() !== a.value) {
    throw invalidParameter(
      `Attribute value '${String(a.value)}' for '${a.name}' is invalid: use 1-128 letters, numbers, spaces (not at either end) and - _ . @ / \\ :.`,
    );
  }
  return { name: a.name, value: a.value };
}
