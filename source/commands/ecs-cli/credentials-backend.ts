import { backendOf, lazyClients, type Backend } from '../../api/index.js';

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
  return backendOf(
    { kind: 'aws', label: `aws:ecs-profile/${profileName}@${region}`, region, profile: profileName },
    lazyClients({ region, credentials }),
  );
}
