import { createRequire } from 'node:module';
import type { EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { Backend, ServiceWord } from './backend.js';

/**
 * The SDK packages, loaded on first use: @aws-sdk/client-ec2 alone takes a third of a second
 * to load, which a shell that only runs ECS commands should not pay before its first prompt.
 * (The packages are CommonJS, so `require` gives the same module an `import` would.)
 */
const require = createRequire(import.meta.url);

/** The services typed in the shell, and those only ecs-cli's verbs call on AWS (SSM, IAM). */
export type SdkService = ServiceWord | 'ssm' | 'iam';

export const SDK_PACKAGES: Record<SdkService, { sdkPackage: string; sdkClient: string }> = {
  ecs: { sdkPackage: '@aws-sdk/client-ecs', sdkClient: 'ECSClient' },
  ec2: { sdkPackage: '@aws-sdk/client-ec2', sdkClient: 'EC2Client' },
  elb: { sdkPackage: '@aws-sdk/client-elastic-load-balancing', sdkClient: 'ElasticLoadBalancingClient' },
  elbv2: { sdkPackage: '@aws-sdk/client-elastic-load-balancing-v2', sdkClient: 'ElasticLoadBalancingV2Client' },
  ssm: { sdkPackage: '@aws-sdk/client-ssm', sdkClient: 'SSMClient' },
  iam: { sdkPackage: '@aws-sdk/client-iam', sdkClient: 'IAMClient' },
};

const KNOWN_PACKAGES = new Set(Object.values(SDK_PACKAGES).map((p) => p.sdkPackage));

/** The exports of one of the SDK packages ecsh uses. */
export function sdkModule(sdkPackage: string): Record<string, unknown> {
  if (!KNOWN_PACKAGES.has(sdkPackage)) throw new Error(`${sdkPackage} is not one of the SDK packages ecsh uses`);
  return require(sdkPackage) as Record<string, unknown>;
}

/** An SDK command as the client's `send` takes it. */
export type SdkCommand = Parameters<Backend['ecs']['send']>[0];
export type SdkCommandClass = new (input: Record<string, unknown>) => SdkCommand;

/** `${operation}Command` from the package, so every operation of every service can be sent. */
export function commandClass(sdkPackage: string, operation: string): SdkCommandClass | undefined {
  const found = sdkModule(sdkPackage)[`${operation}Command`];
  return typeof found === 'function' ? (found as SdkCommandClass) : undefined;
}

/** Client options shared by the clients (they are the same for each). */
export type ClientConfig = Pick<EC2ClientConfig, 'region' | 'endpoint' | 'credentials' | 'profile' | 'maxAttempts'>;

export interface LazyClients {
  readonly ecs: Backend['ecs'];
  readonly ec2: Backend['ec2'];
  readonly elb: Backend['elb'];
  readonly elbv2: Backend['elbv2'];
  readonly ssm: NonNullable<Backend['ssm']>;
  readonly iam: NonNullable<Backend['iam']>;
  /** Closes the clients that were made. */
  destroy(): void;
}

/** The clients, each made (and its package loaded) the first time it is used. */
export function lazyClients(config: ClientConfig): LazyClients {
  const made = new Map<SdkService, { destroy(): void }>();
  const client = <T>(service: SdkService): T => {
    let existing = made.get(service);
    if (!existing) {
      const { sdkPackage, sdkClient } = SDK_PACKAGES[service];
      const Client = sdkModule(sdkPackage)[sdkClient] as new (config: ClientConfig) => { destroy(): void };
      existing = new Client(config);
      made.set(service, existing);
    }
    return existing as T;
  };
  return {
    get ecs() {
      return client<Backend['ecs']>('ecs');
    },
    get ec2() {
      return client<Backend['ec2']>('ec2');
    },
    get elb() {
      return client<Backend['elb']>('elb');
    },
    get elbv2() {
      return client<Backend['elbv2']>('elbv2');
    },
    get ssm() {
      return client<NonNullable<Backend['ssm']>>('ssm');
    },
    get iam() {
      return client<NonNullable<Backend['iam']>>('iam');
    },
    destroy() {
      for (const c of made.values()) c.destroy();
      made.clear();
    },
  };
}
