import { SDK_PACKAGES, sdkModule, type Backend, type ServiceWord } from '../../api/index.js';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * AWS with an ECS profile's keys (`--ecs-profile`), which the SDK's own chain cannot find:
 * the same four clients a Backend has, made on first use with those keys.
 */
export function awsBackendWithKeys(credentials: StaticCredentials, region: string, profileName: string): Backend {
  const made = new Map<ServiceWord, { destroy(): void }>();
  const client = <T>(service: ServiceWord): T => {
    let existing = made.get(service);
    if (!existing) {
      const { sdkPackage, sdkClient } = SDK_PACKAGES[service];
      const Client = sdkModule(sdkPackage)[sdkClient] as new (config: object) => { destroy(): void };
      existing = new Client({ region, credentials });
      made.set(service, existing);
    }
    return existing as T;
  };
  return {
    kind: 'aws',
    label: `aws:ecs-profile/${profileName}@${region}`,
    region,
    profile: profileName,
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
    async close() {
      for (const c of made.values()) c.destroy();
      made.clear();
    },
  };
}
