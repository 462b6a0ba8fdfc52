import { BackendError, type Backend } from './backend.js';
import { backendOf } from './backend-of.js';
import { lazyClients } from './sdk-modules.js';

export interface AwsBackendOptions {
  /** A profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE, then "default"). */
  profile?: string;
  /** Default: AWS_REGION, then the profile's region. */
  region?: string;
}

/**
 * Real AWS through the SDK's own resolution: the default credential chain (environment, SSO,
 * profiles, process, container and instance roles) and the region from the environment or
 * the profile. Credentials are resolved on the first call, never read or shown here.
 */
export async function createAwsBackend(options: AwsBackendOptions = {}): Promise<Backend> {
  const profile = options.profile ?? process.env.AWS_PROFILE ?? process.env.AWS_DEFAULT_PROFILE;
  const region = options.region ?? (await resolveRegion(profile));
  const clients = lazyClients({ region, profile });
  const shownProfile = profile ?? 'default';
  return backendOf({ kind: 'aws', label: `aws:${shownProfile}@${region}`, region, profile: shownProfile }, clients);
}

/** The region the SDK would use for this profile, found the way the SDK finds it. */
async function resolveRegion(profile: string | undefined): Promise<string> {
  const probe = lazyClients({ profile });
  try {
    const region = await probe.ecs.config.region();
    if (region) return region;
  } catch {
    // The SDK says only "Region is missing"; the message below says what to do.
  } finally {
    probe.destroy();
  }
  const where = profile ? `for profile '${profile}' in ~/.aws/config` : 'in ~/.aws/config';
  throw new BackendError(`no AWS region is set: pass --region REGION, set AWS_REGION, or set region ${where}`);
}
