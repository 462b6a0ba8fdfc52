import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadApiIndex, type ResourceKind } from '../../source/commands/index.js';
import { writeClusterConfig, writeCredentials } from '../../source/commands/ecs-cli/config-files.js';
import { ResourceCache, completeLine, createEcsCliSource, type CompletionOptions, type CompletionResult } from '../../source/completion/index.js';

/** ecs-cli lines complete from completions/ecs-cli.json, the spec the verbs parse with. */
const catalog = loadApiIndex();
const home = mkdtempSync(join(tmpdir(), 'ecsh-ecs-cli-completion-'));
const project = join(home, 'project');
const config = { ecshDir: join(home, 'ecsh'), ecsCliDir: join(home, '.ecs') };
const NAMES: Partial<Record<ResourceKind, string[]>> = { cluster: ['demo', 'prod-east'], subnet: ['subnet-0a1', 'subnet-0b2', 'subnet-0c3'], 'key-pair': ['deploy', 'laptop'] };
const resources = new ResourceCache({ provider: async (kind) => NAMES[kind] ?? [] });
const ecsCli = createEcsCliSource({ catalog, awsProfiles: ['default', 'dev'], regions: ['us-east-1', 'eu-west-1'], config, cwd: () => project });

beforeAll(async () => {
  mkdirSync(join(project, 'web'), { recursive: true });
  mkdirSync(join(project, '.hidden'));
  for (const file of ['docker-compose.yml', 'docker-compose.override.yml', 'ecs-params.yaml', 'README.md', 'web/compose.yml', '.env.yml']) writeFileSync(join(project, file), '');
  writeClusterConfig(config, { version: 'v1', default: 'demo', clusters: { demo: { cluster: 'demo', region: 'us-east-1' }, prod: { cluster: 'prod-east', region: 'eu-west-1' } } });
  writeCredentials(config, { version: 'v1', default: 'ops', ecs_profiles: { ops: { aws_access_key_id: 'AKIDEXAMPLE', aws_secret_access_key: 'secret' } } });
  await Promise.all([resources.get('cluster'), resources.get('subnet'), resources.get('key-pair')]);
});

function complete(line: string, options: Partial<CompletionOptions> = {}, cursor = line.length): CompletionResult {
  return completeLine(line, cursor, { catalog, ecsCli, resources, limit: 2000, ...options });
}

const labels = (result: CompletionResult) => result.candidates.map((c) => c.label);

describe('ecs-cli verbs and subcommands', () => {
  it('offers ecs-cli among the first words, with its doc, and a verb alone once what is typed starts it', () => {
    const first = complete('');
    expect(labels(first)).toEqual(['ecs', 'ec2', 'elb', 'elbv2', 'ecs-cli']);
    expect(first.candidates[4]).toMatchObject({ kind: 'service', insert: 'ecs-cli', doc: expect.stringContaining('The ecs-cli workflow') });
    // Typed: alphabetical among equal matches.
    expect(labels(complete('e'))).toEqual(['ec2', 'ecs', 'ecs-cli', 'elb', 'elbv2']);
    expect(labels(complete('co'))).toEqual(['compose', 'configure']);
    expect(complete('sc').candidates[0]).toMatchObject({ label: 'scale', kind: 'operation', doc: expect.stringMatching(/^ecs-cli scale: Changes the number of instances/) });
    expect(labels(complete('aws '))).toEqual(['ecs', 'ec2', 'elb', 'elbv2']);
  });

  it('"ecs-cli " offers the verbs; "ecs-cli con" completes configure', () => {
    const verbs = complete('ecs-cli ');
    expect(verbs.context).toMatchObject({ kind: 'ecs-cli-command' });
    expect(labels(verbs)).toEqual(['configure', 'up', 'down', 'scale', 'ps', 'compose']);
    const typed = complete('ecs-cli con');
    expect(typed.candidates[0]).toMatchObject({ label: 'configure', insert: 'configure', positions: [0, 1, 2] });
    expect(typed.replace).toEqual({ start: 8, end: 11 });
  });

  it('"compose " offers its subcommands first, then its flags; "compose service " the service commands', () => {
    const compose = labels(complete('ecs-cli compose '));
    expect(compose.slice(0, 8)).toEqual(['create', 'up', 'start', 'run', 'ps', 'scale', 'stop', 'service']);
    expect(compose.slice(8, 12)).toEqual(['--file', '--project-name', '--ecs-params', '--task-role-arn']);
    expect(compose.at(-1)).toBe('--help');
    expect(labels(complete('compose service ')).slice(0, 7)).toEqual(['create', 'start', 'up', 'ps', 'scale', 'stop', 'rm']);
    // Subcommands stay before flags among equal matches, each kind alphabetical.
    const r = complete('compose service r');
    expect(r.candidates[0]).toMatchObject({ label: 'rm', doc: expect.stringContaining('Also: delete, down.') });
    expect(labels(complete('compose service r', { mode: 'prefix' }))).toEqual(['rm', '--region']);
  });

  it('descends through aliases and flags with their values', () => {
    expect(labels(complete('ecs-cli compose -f docker-compose.yml --project-name web service delete --')).slice(0, 2)).toEqual(['--timeout', '--force-deployment']);
    expect(labels(complete('ecs-cli compose list --'))).toContain('--desired-status');
  });

  it('names a word that is no command of a group', () => {
    expect(complete('ecs-cli sacle ').context).toEqual({ kind: 'none', reason: "'sacle' is not a command of ecs-cli: one of configure, up, down, scale, ps, compose" });
    expect(complete('compose service upp ').context).toEqual({
      kind: 'none',
      reason: "'upp' is not a command of ecs-cli compose service: one of create, start, up, ps, scale, stop, rm",
    });
  });
});

describe('ecs-cli flags', () => {
  it('offers the command\'s own flags first with their type, doc, short form and default, the common ones last', () => {
    const result = complete('ecs-cli up --');
    expect(result.query).toBe('');
    expect(labels(result).slice(0, 3)).toEqual(['--capability-iam', '--instance-role', '--keypair']);
    expect(labels(result).slice(-6)).toEqual(['--region', '--ecs-profile', '--aws-profile', '--cluster-config', '--cluster', '--help']);
    expect(result.candidates.find((c) => c.label === '--size')).toMatchObject({ kind: 'parameter', type: 'integer', required: false, doc: 'How many instances. [default: 1]' });
    expect(result.candidates.find((c) => c.label === '--force')).toMatchObject({ type: 'flag', doc: 'Replaces an existing set-up of the cluster. Also -f.' });
  });

  it('puts required flags first and marks them; a flag a subcommand redefines shows once, as it has it', () => {
    expect(complete('scale ').candidates[0]).toMatchObject({ label: '--size', required: true, type: 'integer' });
    const menu = complete('configure default --');
    expect(menu.candidates.filter((c) => c.label === '--config-name')).toEqual([expect.objectContaining({ required: true, doc: 'The configuration to make the default.' })]);
  });

  it('leaves out flags already given, in either form, but keeps repeatable ones', () => {
    const menu = labels(complete('ecs-cli up --size 2 -c demo --capability-iam --'));
    expect(menu).not.toContain('--size');
    expect(menu).not.toContain('--cluster');
    expect(menu).not.toContain('--capability-iam');
    expect(menu).toContain('--instance-type');
    expect(labels(complete('compose -f a.yml --'))).toContain('--file');
  });

  it('matches flag names without their dashes', () => {
    const result = complete('ecs-cli up --itype');
    expect(result.candidates[0]).toMatchObject({ label: '--instance-type' });
    expect(result.replace).toEqual({ start: 11, end: 18 });
  });
});

describe('ecs-cli flag values', () => {
  it('--cluster and -c: the cluster names', () => {
    for (const line of ['ecs-cli ps --cluster ', 'ps -c ', 'ecs-cli down --cluster=']) {
      const result = complete(line);
      expect(result.context).toMatchObject({ kind: 'ecs-cli-value', flag: 'cluster', resource: 'cluster' });
      expect(labels(result)).toEqual(['demo', 'prod-east']);
    }
    expect(complete('ecs-cli down --cluster=pr').replace).toEqual({ start: 23, end: 25 });
  });

  it('enums, regions, configurations, profiles and instance types', () => {
    expect(labels(complete('ecs-cli ps --desired-status '))).toEqual(['RUNNING', 'STOPPED']);
    expect(labels(complete('compose service up --scheduling-strategy d'))).toEqual(['DAEMON']);
    expect(labels(complete('configure --region eu'))).toEqual(['eu-west-1']);
    expect(labels(complete('configure default --config-name '))).toEqual(['demo', 'prod']);
    expect(labels(complete('up --cluster-config p'))).toEqual(['prod']);
    expect(labels(complete('ps --ecs-profile '))).toEqual(['ops']);
    expect(labels(complete('ps --aws-profile '))).toEqual(['default', 'dev']);
    const types = complete('up --instance-type t3.mi', { mode: 'prefix' });
    expect(labels(types)).toEqual(['t3.micro']);
    expect(complete('up --instance-type ').total).toBeGreaterThan(500);
  });

  it('--file and -f: the YAML files and directories where the shell runs; the dotted ones once a dot is typed', () => {
    const files = complete('ecs-cli compose --file ');
    expect(files.context).toMatchObject({ kind: 'ecs-cli-value', flag: 'file' });
    expect(labels(files)).toEqual(['docker-compose.override.yml', 'docker-compose.yml', 'ecs-params.yaml', 'web/']);
    expect(files.candidates.find((c) => c.label === 'web/')).toMatchObject({ noSpace: true });
    expect(labels(complete('compose -f .')).slice(0, 2)).toEqual(['.env.yml', '.hidden/']);
    expect(labels(complete('compose -f .', { mode: 'prefix' }))).toEqual(['.env.yml', '.hidden/']);
    const inside = complete('compose -f web/c');
    expect(labels(inside)).toEqual(['compose.yml']);
    expect(inside.replace).toEqual({ start: 15, end: 16 });
    expect(labels(complete('up --extra-user-data R', { mode: 'prefix' }))).toEqual(['README.md']);
  });

  it('--keypair completes the key pairs of the region', () => {
    expect(labels(complete('up --capability-iam --keypair '))).toEqual(['deploy', 'laptop']);
    expect(labels(complete('ecs-cli up --keypair la'))).toEqual(['laptop']);
  });

  it('a comma-separated list completes its last item, leaving out those before', () => {
    const result = complete('up --vpc vpc-1 --subnets subnet-0a1,');
    expect(labels(result)).toEqual(['subnet-0b2', 'subnet-0c3']);
    expect(result.replace.start).toBe('up --vpc vpc-1 --subnets subnet-0a1,'.length);
  });

  it('a value with nothing to offer shows what the flag takes', () => {
    expect(complete('ecs-cli up --size ').context).toEqual({ kind: 'none', reason: '--size (integer): How many instances. [default: 1]' });
    expect(complete('scale --size ').context).toEqual({ kind: 'none', reason: '--size (integer, required): How many instances the cluster should have.' });
  });

  it('after a value, flags again', () => {
    expect(complete('up --size 2 ').context.kind).toBe('ecs-cli-command');
    expect(complete('up --size 2 --force ').context.kind).toBe('ecs-cli-command');
  });
});

describe('API lines are not taken for ecs-cli lines', () => {
  it('"ecs up" stays an ECS operation, and without the ecs-cli source nothing changes', () => {
    expect(complete('ecs up').context).toEqual({ kind: 'operation', service: 'ecs' });
    expect(labels(complete('', { ecsCli: undefined }))).not.toContain('ecs-cli');
    expect(complete('ecs-cli ', { ecsCli: undefined }).context).toMatchObject({ kind: 'none' });
  });
});
