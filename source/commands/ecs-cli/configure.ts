import { readClusterConfig, readCredentials, writeClusterConfig, writeCredentials } from './config-files.js';
import type { EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import type { VerbLog } from './log.js';
import { stringFlag, type ParsedArgs } from './parse-args.js';
import { defineVerb } from './run-verb.js';

/**
 * `configure` and its subcommands: cluster configurations and ECS profiles saved in ecsh's
 * copy of ecs-cli's files, the first of each becoming the default. The default
 * configuration's cluster, which later verbs work on, is also the shell's `.cluster`: saving
 * another configuration leaves both as they are. Keys are never printed.
 */
export const configure = defineVerb('configure', async (args, context, log) => {
  const path = args.command.path.join(' ');
  if (path === 'configure') saveCluster(args, context, log);
  else if (path === 'configure default') defaultCluster(args, context, log);
  else if (path === 'configure profile') saveProfile(args, context, log);
  else defaultProfile(args, context, log);
});

function saveCluster(args: ParsedArgs, context: EcsCliContext, log: VerbLog): void {
  const env = context.env ?? process.env;
  const cluster = stringFlag(args, 'cluster') ?? env.ECS_CLUSTER;
  if (!cluster) throw new EcsCliError('ecs-cli configure needs --cluster NAME (and --region REGION, default the shell\'s)');
  const name = stringFlag(args, 'config-name') ?? 'default';
  const file = readClusterConfig(context.config);
  file.clusters[name] = {
    cluster,
    region: stringFlag(args, 'region') ?? context.backend.region,
    ...(stringFlag(args, 'default-launch-type') ? { default_launch_type: stringFlag(args, 'default-launch-type') } : {}),
    ...(stringFlag(args, 'cfn-stack-name') ? { 'cfn-stack-name': stringFlag(args, 'cfn-stack-name') } : {}),
  };
  if (!file.default || !file.clusters[file.default]) file.default = name;
  writeClusterConfig(context.config, file);
  log.info(`Saved ECS CLI cluster configuration ${name}.`);
  // Later verbs work on the default configuration's cluster: the shell shows that one.
  if (file.default === name) context.session?.setCluster(cluster);
}

function defaultCluster(args: ParsedArgs, context: EcsCliContext, log: VerbLog): void {
  const name = stringFlag(args, 'config-name')!;
  const file = readClusterConfig(context.config);
  const entry = file.clusters[name];
  if (!entry) throw new EcsCliError(`there is no cluster configuration '${name}' (saved: ${Object.keys(file.clusters).join(', ') || 'none'})`);
  file.default = name;
  writeClusterConfig(context.config, file);
  log.info(`Set the default ECS CLI cluster configuration to ${name}.`);
  context.session?.setCluster(entry.cluster);
}

function saveProfile(args: ParsedArgs, context: EcsCliContext, log: VerbLog): void {
  const accessKey = stringFlag(args, 'access-key');
  const secretKey = stringFlag(args, 'secret-key');
  if (!accessKey || !secretKey) throw new EcsCliError('ecs-cli configure profile needs --access-key and --secret-key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
  const name = stringFlag(args, 'profile-name') ?? 'default';
  const file = readCredentials(context.config);
  const sessionToken = stringFlag(args, 'session-token');
  file.ecs_profiles[name] = { aws_access_key_id: accessKey, aws_secret_access_key: secretKey, ...(sessionToken ? { aws_session_token: sessionToken } : {}) };
  if (!file.default || !file.ecs_profiles[file.default]) file.default = name;
  writeCredentials(context.config, file);
  log.info(`Saved ECS CLI profile configuration ${name}.`);
}

function defaultProfile(args: ParsedArgs, context: EcsCliContext, log: VerbLog): void {
  const name = stringFlag(args, 'profile-name')!;
  const file = readCredentials(context.config);
  if (!file.ecs_profiles[name]) throw new EcsCliError(`there is no ECS profile '${name}' (saved: ${Object.keys(file.ecs_profiles).join(', ') || 'none'})`);
  file.default = name;
  writeCredentials(context.config, file);
  log.info(`Set the default ECS CLI profile to ${name}.`);
}
