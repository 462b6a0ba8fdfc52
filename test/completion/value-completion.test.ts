import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApiIndex } from '../../source/commands/index.js';
import { completeLine, createEcsCliSource, directoryEntries, ResourceCache, type CompletionOptions, type CompletionResult } from '../../source/completion/index.js';

const catalog = loadApiIndex();

function complete(line: string, options: Partial<CompletionOptions> = {}): CompletionResult {
  return completeLine(line, line.length, { catalog, ...options });
}

const labels = (result: CompletionResult) => result.candidates.map((c) => c.label);

describe('menus easy to scan', () => {
  it('"ecs list-" in prefix mode: the operations alphabetically, not by length', () => {
    const result = labels(complete('ecs list-', { mode: 'prefix' }));
    expect(result.slice(0, 4)).toEqual(['list-account-settings', 'list-attributes', 'list-clusters', 'list-container-instances']);
    expect(result).toEqual([...result].sort());
    expect(result).toContain('list-tasks');
  });

  it('in fuzzy mode, the best matches first and equal ones alphabetically', () => {
    const result = labels(complete('ecs list-'));
    const prefixed = result.filter((label) => label.startsWith('list-'));
    expect(result.slice(0, prefixed.length)).toEqual([...prefixed].sort());
  });

  it('revisions by their number, not their digits: web:2 before web:10', async () => {
    const cache = new ResourceCache({ provider: async () => ['web:10', 'web:2', 'web:1'] });
    await cache.get('task-definition');
    expect(labels(complete('ecs run-task --task-definition web:', { resources: cache, mode: 'prefix' }))).toEqual(['web:1', 'web:2', 'web:10']);
  });
});

describe('values ECS documents', () => {
  it('--settings name=containerInsights,value= offers enabled, disabled and enhanced', () => {
    expect(labels(complete('ecs create-cluster --settings name=containerInsights,value='))).toEqual(['enabled', 'disabled', 'enhanced']);
    const typed = complete('ecs update-cluster-settings --cluster demo --settings name=containerInsights,value=en');
    expect(labels(typed)).toEqual(['enabled', 'enhanced']);
    expect(typed.context).toMatchObject({ kind: 'value', shorthandKey: 'value' });
    expect(typed.replace.start).toBe('ecs update-cluster-settings --cluster demo --settings name=containerInsights,value='.length);
  });

  it('a placement strategy\'s field follows its type', () => {
    expect(labels(complete('ecs run-task --placement-strategy type=binpack,field='))).toEqual(['cpu', 'memory']);
    expect(labels(complete('ecs create-service --placement-strategy type=spread,field='))).toEqual([
      'attribute:ecs.availability-zone',
      'attribute:ecs.instance-type',
      'attribute:ecs.os-type',
      'host',
      'instanceId',
    ]);
  });

  it('an account setting\'s --value follows its --name; all of them while no name is given', () => {
    expect(labels(complete('ecs put-account-setting --name tagResourceAuthorization --value '))).toEqual(['on', 'off']);
    expect(labels(complete('ecs put-account-setting-default --name fargateTaskRetirementWaitPeriod --value '))).toEqual(['0', '7', '14']);
    expect(labels(complete('ecs put-account-setting --value '))).toEqual(expect.arrayContaining(['enabled', 'disabled', 'enhanced', 'on', 'off']));
  });
});

describe('file:// paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecsh-paths-'));
  mkdirSync(join(dir, 'task defs'));
  writeFileSync(join(dir, 'task defs', 'web.json'), '{}');
  writeFileSync(join(dir, 'service.json'), '{}');
  writeFileSync(join(dir, '.hidden.json'), '{}');
  const paths = (directory: string) => directoryEntries(dir, directory);

  it('--cli-input-json offers file://, then the entries of the shell\'s directory, directories going on', () => {
    const start = complete('ecs register-task-definition --cli-input-json ', { paths });
    expect(start.candidates).toEqual([expect.objectContaining({ label: 'file://', insert: 'file://', noSpace: true })]);
    const line = 'ecs register-task-definition --cli-input-json file://';
    const entries = complete(line, { paths });
    expect(labels(entries)).toEqual(['service.json', 'task defs/']);
    expect(entries.replace).toEqual({ start: line.length, end: line.length });
    expect(entries.candidates[1]).toMatchObject({ insert: 'task\\ defs/', noSpace: true });
    expect(entries.candidates[0]!.noSpace).toBeUndefined();
  });

  it('goes into a directory typed, matches the name after the last slash, shows dotted names once a dot is typed', () => {
    const line = 'ecs register-task-definition --cli-input-json file://task\\ defs/w';
    const inside = complete(line, { paths });
    expect(labels(inside)).toEqual(['web.json']);
    expect(inside.replace.start).toBe(line.length - 1);
    expect(labels(complete('ecs create-service --cli-input-json file://.', { paths, mode: 'prefix' }))).toEqual(['.hidden.json']);
  });

  it('any parameter takes file:// and fileb://, quoted or not', () => {
    expect(labels(complete('ecs register-task-definition --family web --container-definitions file://s', { paths, mode: 'prefix' }))).toEqual(['service.json']);
    const quoted = complete('ec2 run-instances --user-data "fileb://ser', { paths });
    expect(quoted.candidates[0]).toMatchObject({ label: 'service.json', insert: 'service.json"' });
  });

  it('without a directory to read, offers nothing', () => {
    expect(complete('ecs register-task-definition --cli-input-json file://').candidates).toEqual([]);
  });
});

describe('--cluster as this shell fills it in', () => {
  it('says the .cluster is the default, where ECS would use "default"', () => {
    const withCluster = complete('ecs list-services --', { defaultCluster: 'demo' });
    expect(withCluster.candidates.find((c) => c.label === '--cluster')?.doc).toBe('Cluster name or ARN (default here: demo, the shell\'s .cluster).');
    const value = complete('ecs list-services --cluster ', { defaultCluster: 'demo' });
    expect(value.context).toMatchObject({ kind: 'value', param: { doc: 'Cluster name or ARN (default here: demo, the shell\'s .cluster).' } });
    const without = complete('ecs list-services --');
    expect(without.candidates.find((c) => c.label === '--cluster')?.doc).toBe('Cluster name or ARN (default: the cluster named "default").');
  });
});

describe('ecs-cli up --image-id', () => {
  it('completes AMIs, with their docs', async () => {
    const cache = new ResourceCache({ provider: async (kind) => (kind === 'image' ? ['ami-0ecs', 'ami-0plain'] : []) });
    await cache.get('image');
    const ecsCli = createEcsCliSource({ catalog, awsProfiles: [], regions: [] });
    const result = complete('ecs-cli up --image-id ', { ecsCli, resources: cache });
    expect(result.context).toMatchObject({ kind: 'ecs-cli-value', resource: 'image' });
    expect(labels(result)).toEqual(['ami-0ecs', 'ami-0plain']);
  });
});
