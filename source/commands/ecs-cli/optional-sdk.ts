import { createRequire } from 'node:module';
import type { Backend } from '../../api/index.js';

const require = createRequire(import.meta.url);

/**
 * An SDK package ecsh does not depend on (SSM for the image id, IAM for the instance role),
 * loaded by name when a verb on AWS needs it; undefined when it is not installed.
 */
export function optionalSdk(sdkPackage: '@aws-sdk/client-ssm' | '@aws-sdk/client-iam'): Record<string, any> | undefined {
  try {
    return require(sdkPackage) as Record<string, any>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** A client of such a package with the backend's region and credentials. */
export function optionalClient(sdk: Record<string, any>, clientName: string, backend: Backend): { send(command: unknown): Promise<any>; destroy(): void } {
  const Client = sdk[clientName] as new (config: object) => { send(command: unknown): Promise<any>; destroy(): void };
  return new Client({ region: backend.region, credentials: backend.ec2.config.credentials });
}
