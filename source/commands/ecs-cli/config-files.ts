import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { configDir } from '../../config/index.js';
import { EcsCliError } from './errors.js';

/**
 * ecs-cli's two YAML files, with its schema:
 *   config:       version: v1, default: NAME, clusters: {NAME: {cluster, region, default_launch_type}}
 *   credentials:  version: v1, default: NAME, ecs_profiles: {NAME: {aws_access_key_id, aws_secret_access_key}}
 * ecsh reads its own copy (in its config dir) and, until it has one, the user's ~/.ecs files;
 * it writes only its copy, so that a real ecs-cli set-up is never changed. Files are 0600.
 */

export interface ConfigLocations {
  /** ecsh's copy: `config` and `credentials` in this directory. */
  ecshDir: string;
  /** ecs-cli's own directory (~/.ecs), read when ecsh has no copy yet. */
  ecsCliDir: string;
}

export interface ClusterEntry {
  cluster: string;
  region: string;
  default_launch_type?: string;
  'cfn-stack-name'?: string;
}

export interface ProfileEntry {
  aws_access_key_id: string;
  aws_secret_access_key: string;
  aws_session_token?: string;
}

export interface ClusterConfigFile {
  version: 'v1';
  default?: string;
  clusters: Record<string, ClusterEntry>;
}

export interface CredentialsFile {
  version: 'v1';
  default?: string;
  ecs_profiles: Record<string, ProfileEntry>;
}

export function defaultConfigLocations(): ConfigLocations {
  return { ecshDir: join(configDir(), 'ecs-cli'), ecsCliDir: join(homedir(), '.ecs') };
}

/** Files of a run's own (a demo's), in a fresh folder, never the user's; `remove` deletes them. */
export function privateConfigLocations(): { locations: ConfigLocations; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ecsh-ecs-cli-'));
  return { locations: { ecshDir: dir, ecsCliDir: join(dir, 'none') }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function readClusterConfig(locations: ConfigLocations): ClusterConfigFile {
  const data = readYamlFile(locations, 'config');
  return { version: 'v1', default: stringOrUndefined(data?.default), clusters: entries<ClusterEntry>(data?.clusters) };
}

export function readCredentials(locations: ConfigLocations): CredentialsFile {
  const data = readYamlFile(locations, 'credentials');
  return { version: 'v1', default: stringOrUndefined(data?.default), ecs_profiles: entries<ProfileEntry>(data?.ecs_profiles) };
}

export function writeClusterConfig(locations: ConfigLocations, file: ClusterConfigFile): string {
  return writeYamlFile(locations, 'config', file);
}

export function writeCredentials(locations: ConfigLocations, file: CredentialsFile): string {
  return writeYamlFile(locations, 'credentials', file);
}

function readYamlFile(locations: ConfigLocations, name: 'config' | 'credentials'): Record<string, unknown> | undefined {
  const own = join(locations.ecshDir, name);
  const path = existsSync(own) ? own : join(locations.ecsCliDir, name);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  if (/^\s*\[[^\]\n]+\]\s*$/m.test(text.split('\n').find((line) => line.trim() !== '') ?? '')) throw notYaml(path);
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new EcsCliError(`${path} is not valid YAML (${(error as Error).message.split('\n')[0]}): fix it or run ecs-cli configure again`);
  }
  if (data === null || data === undefined) return undefined;
  if (typeof data !== 'object' || Array.isArray(data) || (data as { version?: unknown }).version !== 'v1') throw notYaml(path);
  return data as Record<string, unknown>;
}

function notYaml(path: string): EcsCliError {
  return new EcsCliError(`${path} is not in ecs-cli's YAML format (version: v1); a pre-2017 INI file needs 'ecs-cli configure migrate' first`);
}

/** Written to a temporary file, made 0600, then renamed: never half-written, never readable by others. */
function writeYamlFile(locations: ConfigLocations, name: 'config' | 'credentials', data: object): string {
  mkdirSync(locations.ecshDir, { recursive: true, mode: 0o700 });
  const path = join(locations.ecshDir, name);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, stringify(data), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function entries<T>(value: unknown): Record<string, T> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, T>) } : {};
}
