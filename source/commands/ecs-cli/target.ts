import { createAwsBackend, startSandboxBackend, type Backend } from '../../api/index.js';
import { readClusterConfig, readCredentials, type ClusterEntry } from './config-files.js';
import type { EcsCliContext } from './context.js';
import { awsBackendWithKeys } from './credentials-backend.js';
import { EcsCliError } from './errors.js';
import { stringFlag, type ParsedArgs } from './parse-args.js';

/** The cluster a verb works on, and the backend to reach it with (in its region, with its credentials). */
export interface Target {
  cluster: string;
  region: string;
  backend: Backend;
  launchType?: 'EC2' | 'FARGATE';
  /** Closes the backend if one was made for this verb. */
  close(): Promise<void>;
}

/**
 * ecs-cli's resolution, with the shell in it:
 *   cluster: --cluster, else --cluster-config's, else the shell's .cluster, else the default configuration's;
 *   region:  --region, else --cluster-config's, else the default configuration's, else the shell's;
 *   keys:    --ecs-profile (or ECS_PROFILE), --aws-profile, else on AWS the default ECS profile when the
 *            shell itself uses the default AWS profile, else the shell's own credentials.
 */
export async function resolveTarget(args: ParsedArgs, context: EcsCliContext): Promise<Target> {
  const env = context.env ?? process.env;
  const config = readClusterConfig(context.config);
  const named = stringFlag(args, 'cluster-config');
  let entry: ClusterEntry | undefined;
  if (named !== undefined) {
    entry = config.clusters[named];
    if (!entry) throw new EcsCliError(`there is no cluster configuration '${named}': save one with ecs-cli configure --config-name ${named} --cluster NAME --region REGION`);
  }
  const fallback = config.default ? config.clusters[config.default] : undefined;
  const cluster = stringFlag(args, 'cluster') ?? entry?.cluster ?? context.session?.cluster ?? fallback?.cluster;
  if (!cluster) throw new EcsCliError('no cluster: pass --cluster NAME, set one with .cluster, or save one with ecs-cli configure --cluster NAME --region REGION');
  const region = stringFlag(args, 'region') ?? entry?.region ?? fallback?.region ?? context.backend.region;
  const launchType = (entry ?? fallback)?.default_launch_type;
  const made = await backendFor(args, context, region, env);
  return {
    cluster,
    region,
    backend: made ?? context.backend,
    launchType: launchType === 'EC2' || launchType === 'FARGATE' ? launchType : undefined,
    close: async () => {
      await made?.close();
    },
  };
}

async function backendFor(args: ParsedArgs, context: EcsCliContext, region: string, env: Readonly<Record<string, string | undefined>>): Promise<Backend | undefined> {
  const { backend } = context;
  const ecsProfile = stringFlag(args, 'ecs-profile');
  const awsProfile = stringFlag(args, 'aws-profile');
  const keys = ecsProfile !== undefined ? profileKeys(context, ecsProfile) : undefined;
  if (backend.kind === 'sandbox') {
    // The sandbox checks no credentials; another region is other clients on the same endpoint.
    return region === backend.region ? undefined : startSandboxBackend({ endpointUrl: backend.endpoints!, region });
  }
  if (keys) return awsBackendWithKeys(keys.credentials, region, keys.name);
  if (awsProfile !== undefined) return createAwsBackend({ profile: awsProfile, region });
  const implicit = backend.profile === 'default' && !env.AWS_PROFILE && !env.AWS_ACCESS_KEY_ID ? defaultProfileKeys(context) : undefined;
  if (implicit) return awsBackendWithKeys(implicit.credentials, region, implicit.name);
  return region === backend.region ? undefined : createAwsBackend({ profile: backend.profile, region });
}

function profileKeys(context: EcsCliContext, name: string) {
  const profile = readCredentials(context.config).ecs_profiles[name];
  if (!profile) throw new EcsCliError(`there is no ECS profile '${name}': save one with ecs-cli configure profile --profile-name ${name} --access-key KEY --secret-key SECRET`);
  return {
    name,
    credentials: { accessKeyId: profile.aws_access_key_id, secretAccessKey: profile.aws_secret_access_key, sessionToken: profile.aws_session_token },
  };
}

function defaultProfileKeys(context: EcsCliContext) {
  const name = readCredentials(context.config).default;
  return name ? profileKeys(context, name) : undefined;
}

/** Runs `body` with the verb's target, closing what was made for it afterwards. */
export async function withTarget<T>(args: ParsedArgs, context: EcsCliContext, body: (target: Target) => Promise<T>): Promise<T> {
  const target = await resolveTarget(args, context);
  try {
    return await body(target);
  } finally {
    await target.close();
  }
}
