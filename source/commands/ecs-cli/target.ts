import { createAwsBackend, startSandboxBackend, type Backend } from '../../api/index.js';
import { apiLine, shellWord } from './command-lines.js';
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
  /** An API command of the shell's that acts in this region (with `--region` when it is not the shell's). */
  apiLine(words: string): string;
  /** Closes the backend if one was made for this verb. */
  close(): Promise<void>;
}

/**
 * ecs-cli's resolution, with the shell in it:
 *   cluster: --cluster, else --cluster-config's, else the default configuration's, else (with no
 *            configuration at all) the shell's .cluster;
 *   region:  --region, else --cluster-config's, else the default configuration's, else the shell's;
 *   keys:    --ecs-profile (or ECS_PROFILE), --aws-profile, else on AWS the default ECS profile when the
 *            shell itself uses the default AWS profile, else the shell's own credentials.
 */
export async function resolveTarget(args: ParsedArgs, context: EcsCliContext): Promise<Target> {
  const env = context.env ?? process.env;
  const { entry, cluster } = configured(args, context);
  if (!cluster) throw new EcsCliError('no cluster: pass --cluster NAME, set one with .cluster, or save one with ecs-cli configure --cluster NAME --region REGION');
  const region = stringFlag(args, 'region') ?? entry?.region ?? context.backend.region;
  const launchType = entry?.default_launch_type;
  const made = await backendFor(args, context, region, env);
  return {
    cluster,
    region,
    backend: made ?? context.backend,
    launchType: launchType === 'EC2' || launchType === 'FARGATE' ? launchType : undefined,
    apiLine: (words) => apiLine(words, region, context.backend.region),
    close: async () => {
      await made?.close();
    },
  };
}

/** The configuration the line names (--cluster-config) or the default one, and the cluster it works on. */
function configured(args: ParsedArgs, context: EcsCliContext): { entry?: ClusterEntry; cluster?: string } {
  const config = readClusterConfig(context.config);
  const named = stringFlag(args, 'cluster-config');
  let entry: ClusterEntry | undefined;
  if (named !== undefined) {
    entry = config.clusters[named];
    if (!entry) throw new EcsCliError(`there is no cluster configuration '${named}': save one with ecs-cli configure --config-name ${named} --cluster NAME --region REGION`);
  }
  entry ??= config.default ? config.clusters[config.default] : undefined;
  return { entry, cluster: stringFlag(args, 'cluster') ?? entry?.cluster ?? context.session?.cluster };
}

/**
 * `ecs-cli down myCluster --force`, as the talk typed it: ecs-cli takes no cluster argument
 * and ignores the word, so the line works when the word names the cluster the verb works on
 * anyway. A word naming another cluster would have the verb act on the wrong one: refused,
 * with the line that names it as ecs-cli expects.
 */
export function checkClusterWord(args: ParsedArgs, context: EcsCliContext, verb: string, words: readonly string[]): void {
  const word = args.positionals[0]!;
  const at = words.indexOf(word);
  const line = ['ecs-cli', verb, ...words.map((w, i) => (i === at ? `--cluster ${shellWord(w)}` : shellWord(w)))].join(' ');
  if (stringFlag(args, 'cluster') !== undefined) throw new EcsCliError(`ecs-cli ${verb} takes no argument '${word}': its cluster is the one --cluster names`);
  const { cluster } = configured(args, context);
  if (cluster === word) return;
  const current = cluster ? `, and '${word}' is not the cluster it works on (${cluster})` : '';
  throw new EcsCliError(`ecs-cli ${verb} takes its cluster from --cluster or the cluster configuration, not from an argument${current}: run ${line}`);
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

/**
 * Runs `body` with the verb's target, closing what was made for it afterwards. ECS's "Cluster
 * not found." is told as ecs-cli tells it, with the cluster, the region, and where to look.
 */
export async function withTarget<T>(args: ParsedArgs, context: EcsCliContext, body: (target: Target) => Promise<T>): Promise<T> {
  const target = await resolveTarget(args, context);
  try {
    return await body(target);
  } catch (error) {
    if ((error as Error).name !== 'ClusterNotFoundException') throw error;
    throw new EcsCliError(`Cluster '${target.cluster}' is not active in ${target.region}. Ensure that it exists: ${target.apiLine('ecs list-clusters')} lists those there`);
  } finally {
    await target.close();
  }
}
