import { invalidValue } from './params.js';

/**
 * User data as RunInstances takes it (base64, at most 16 KB decoded) and what the ECS
 * agent finds in it: the `ECS_*=value` settings a boot script writes to
 * /etc/ecs/ecs.config, in any of the usual spellings:
 *   echo ECS_CLUSTER=web >> /etc/ecs/ecs.config
 *   echo "ECS_CLUSTER=web" >> /etc/ecs/ecs.config
 *   echo 'ECS_INSTANCE_ATTRIBUTES={"stack":"prod"}' >> /etc/ecs/ecs.config
 *   ECS_CLUSTER=web                      (a plain config line, or inside a heredoc)
 * A later setting wins, as in the config file.
 */

export const MAX_USER_DATA_BYTES = 16 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded text; InvalidParameterValue when it is not base64 or too large, as EC2 answers. */
export function decodeUserData(encoded: string): string {
  const compact = encoded.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) throw invalidValue('Invalid BASE64 encoding of user data.');
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > MAX_USER_DATA_BYTES) throw invalidValue(`User data is limited to ${MAX_USER_DATA_BYTES} bytes.`);
  return bytes.toString('utf8');
}

const SETTING = /(^|[\s"'])(ECS_[A-Z0-9_]+)=/g;

export function agentSettings(userData: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of userData.split(/\r?\n/)) {
    for (const match of line.matchAll(SETTING)) {
      const quote = match[1] === '"' || match[1] === "'" ? match[1] : undefined;
      const rest = line.slice(match.index! + match[0].length);
      const end = quote ? rest.indexOf(quote) : rest.search(/[\s>;|&]/);
      settings[match[2]!] = end === -1 ? rest : rest.slice(0, end);
    }
  }
  return settings;
}

const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The cluster the agent joins: ECS_CLUSTER when it names one (a shell variable the
 * sandbox cannot expand does not), else `default` on the ECS-optimized image, else none
 * (an image without the agent).
 */
export function agentCluster(settings: Record<string, string>, ecsOptimized: boolean): string | undefined {
  const named = settings.ECS_CLUSTER;
  if (named !== undefined && CLUSTER_NAME.test(named)) return named;
  return ecsOptimized || named !== undefined ? 'default' : undefined;
}

/**
 * Whether the user data sets ECS_CLUSTER at all. Without it the agent registers into `default`,
 * and creates that cluster when the account has none, as the agent does.
 */
export function namesAgentCluster(encodedUserData: string | undefined): boolean {
  return encodedUserData !== undefined && agentSettings(decodeUserData(encodedUserData)).ECS_CLUSTER !== undefined;
}
