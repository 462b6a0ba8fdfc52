import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, tokenize, type ParsedCall } from '../../source/commands/index.js';
import { fixtureIndex } from './fixture-index.js';

const dir = mkdtempSync(join(tmpdir(), 'ecsh-parse-'));
const call = (line: string, defaultCluster?: string) => {
  const parsed = parseCommand(line, { index: fixtureIndex, cwd: dir, defaultCluster });
  if (parsed.kind !== 'call') throw new Error('expected a call');
  return parsed as ParsedCall;
};
const input = (line: string) => call(line).input;

describe('parsing a command line', () => {
  it('finds the service and the operation, with or without a leading "aws"', () => {
    for (const line of ['ecs list-clusters', 'aws ecs list-clusters']) {
      const parsed = call(line);
      expect(parsed.service.service).toBe('ecs');
      expect(parsed.operation.name).toBe('ListClusters');
      expect(parsed.operationWord).toBe('list-clusters');
      expect(parsed.input).toEqual({});
    }
  });

  it('reads a string option, also as --option=value', () => {
    expect(input('ecs delete-cluster --cluster web')).toEqual({ cluster: 'web' });
    expect(input('ecs delete-cluster --cluster=web')).toEqual({ cluster: 'web' });
    expect(input('ecs delete-cluster --cluster="my cluster"')).toEqual({ cluster: 'my cluster' });
  });

  it('takes a quoted word that starts with -- as a value', () => {
    expect(input(`ecs run-task --task-definition web --started-by '--me'`)).toEqual({ taskDefinition: 'web', startedBy: '--me' });
  });

  it('reads numbers as numbers', () => {
    expect(input('ecs run-task --task-definition web --count 3')).toEqual({ taskDefinition: 'web', count: 3 });
    expect(input('ecs update-service --service web --desired-count 0')).toEqual({ service: 'web', desiredCount: 0 });
  });

  it('reads booleans as --flag and --no-flag', () => {
    expect(input('ecs run-task --task-definition web --enable-execute-command')).toMatchObject({ enableExecuteCommand: true });
    expect(input('ecs run-task --task-definition web --disable-execute-command')).toMatchObject({ enableExecuteCommand: false });
    expect(input('ec2 describe-instances --dry-run')).toEqual({ DryRun: true });
    expect(input('ec2 describe-instances --no-dry-run')).toEqual({ DryRun: false });
  });

  it("reads EC2's {Value: boolean} structures as flags or as a value", () => {
    expect(input('ec2 modify-instance-attribute --instance-id i-1 --no-source-dest-check')).toEqual({ InstanceId: 'i-1', SourceDestCheck: { Value: false } });
    expect(input('ec2 modify-instance-attribute --instance-id i-1 --disable-api-termination')).toEqual({ InstanceId: 'i-1', DisableApiTermination: { Value: true } });
    expect(input('ec2 modify-instance-attribute --instance-id i-1 --source-dest-check Value=true')).toEqual({ InstanceId: 'i-1', SourceDestCheck: { Value: true } });
  });

  it("reads EC2's {Value: string} structures from a bare value", () => {
    expect(input('ec2 modify-instance-attribute --instance-id i-1 --instance-type t3.micro')).toEqual({ InstanceId: 'i-1', InstanceType: { Value: 't3.micro' } });
    expect(input('ec2 modify-instance-attribute --instance-id i-1 --instance-type Value=t3.large')).toEqual({ InstanceId: 'i-1', InstanceType: { Value: 't3.large' } });
  });

  it('reads a list from several words or from one JSON array', () => {
    expect(input('ecs describe-clusters --clusters web api "batch jobs"')).toEqual({ clusters: ['web', 'api', 'batch jobs'] });
    expect(input(`ecs describe-clusters --clusters '["web", "api"]' --include TAGS SETTINGS`)).toEqual({ clusters: ['web', 'api'], include: ['TAGS', 'SETTINGS'] });
    // A comma does not split a list of strings: only shorthand does that.
    expect(input('ecs describe-clusters --clusters a,b')).toEqual({ clusters: ['a,b'] });
  });

  it('reads a list of structures from shorthand words or JSON words', () => {
    expect(input('ecs tag-resource --resource-arn arn:x --tags key=team,value=web key=env,value=dev')).toEqual({
      resourceArn: 'arn:x',
      tags: [{ key: 'team', value: 'web' }, { key: 'env', value: 'dev' }],
    });
    expect(input(`ecs tag-resource --resource-arn arn:x --tags '{"key":"a","value":"1"}' '{"key":"b","value":"2"}'`).tags).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    expect(input('ec2 describe-instances --filters Name=instance-state-name,Values=running Name=tag:env,Values=dev,prod')).toEqual({
      Filters: [{ Name: 'instance-state-name', Values: ['running'] }, { Name: 'tag:env', Values: ['dev', 'prod'] }],
    });
  });

  it('reads a structure from nested shorthand, converting numbers by the shape', () => {
    expect(input('ecs run-task --task-definition web --network-configuration awsvpcConfiguration={subnets=[subnet-1,subnet-2],securityGroups=[sg-1],assignPublicIp=ENABLED}').networkConfiguration).toEqual({
      awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'], assignPublicIp: 'ENABLED' },
    });
    expect(input('ecs run-task --task-definition web --overrides containerOverrides=[{name=web,cpu=256,command=[sh,-c,true]}]').overrides).toEqual({
      containerOverrides: [{ name: 'web', cpu: 256, command: ['sh', '-c', 'true'] }],
    });
  });

  it('reads a structure from JSON, keeping its types', () => {
    const json = `{"containerOverrides": [{"name": "web", "memory": 512, "environment": [{"name": "MODE", "value": "blue"}]}]}`;
    expect(input(`ecs run-task --task-definition web --overrides '${json}'`).overrides).toEqual(JSON.parse(json));
  });

  it('makes a lone shorthand value a list where the shape wants a list', () => {
    expect(input('ec2 describe-instances --filters Name=vpc-id,Values=vpc-1').Filters).toEqual([{ Name: 'vpc-id', Values: ['vpc-1'] }]);
  });

  it('reads timestamps as ISO 8601 or epoch seconds; a time without a zone is UTC', () => {
    const at = '2024-05-01T12:00:00.000Z';
    expect((input('ec2 describe-spot-price-history --start-time 2024-05-01T12:00:00Z').StartTime as Date).toISOString()).toBe(at);
    expect((input('ec2 describe-spot-price-history --start-time 2024-05-01T12:00:00').StartTime as Date).toISOString()).toBe(at);
    expect((input('ec2 describe-spot-price-history --start-time 2024-05-01T14:00:00+02:00').StartTime as Date).toISOString()).toBe(at);
    expect((input('ec2 describe-spot-price-history --start-time 1714564800').StartTime as Date).toISOString()).toBe(at);
    expect((input('ec2 describe-spot-price-history --start-time 2024-05-01').StartTime as Date).toISOString()).toBe('2024-05-01T00:00:00.000Z');
  });

  it('reads a blob from base64 text or from the bytes of fileb://', () => {
    const key = input('ec2 import-key-pair --key-name k --public-key-material c3NoLXJzYSBBQUFB').PublicKeyMaterial as Uint8Array;
    expect(Buffer.from(key).toString()).toBe('ssh-rsa AAAA');
    writeFileSync(join(dir, 'key.pub'), Buffer.from([0, 1, 2, 255]));
    const bytes = input('ec2 import-key-pair --key-name k --public-key-material fileb://key.pub').PublicKeyMaterial as Uint8Array;
    expect([...bytes]).toEqual([0, 1, 2, 255]);
  });

  it('reads a value from file://, relative to the working directory', () => {
    writeFileSync(join(dir, 'overrides.json'), '{"containerOverrides": [{"name": "web", "cpu": 128}]}\n');
    writeFileSync(join(dir, 'who.txt'), 'deploy-bot');
    expect(input('ecs run-task --task-definition web --overrides file://overrides.json --started-by file://who.txt')).toEqual({
      taskDefinition: 'web',
      overrides: { containerOverrides: [{ name: 'web', cpu: 128 }] },
      startedBy: 'deploy-bot',
    });
    expect(input(`ecs run-task --task-definition web --overrides file://${join(dir, 'overrides.json')}`).overrides).toBeDefined();
  });

  it('takes the whole input from --cli-input-json (inline or file://), with options on the line winning', () => {
    const doc = { cluster: 'from-json', taskDefinition: 'web:3', count: 2, launchType: 'FARGATE' };
    writeFileSync(join(dir, 'input.json'), JSON.stringify(doc));
    expect(input(`ecs run-task --cli-input-json '${JSON.stringify(doc)}'`)).toEqual(doc);
    expect(input('ecs run-task --cli-input-json file://input.json --count 5')).toEqual({ ...doc, count: 5 });
    const spot = input(`ec2 describe-spot-price-history --cli-input-json '{"StartTime": "2024-05-01T12:00:00Z", "MaxResults": 5}'`);
    expect((spot.StartTime as Date).toISOString()).toBe('2024-05-01T12:00:00.000Z');
  });

  it('takes the whole input from --cli-input-yaml', () => {
    expect(input(`ecs run-task --cli-input-yaml 'taskDefinition: web
count: 2
tags:
- key: team
  value: web'`)).toEqual({ taskDefinition: 'web', count: 2, tags: [{ key: 'team', value: 'web' }] });
  });

  it('prints a skeleton of the input with --generate-cli-skeleton instead of calling', () => {
    const parsed = parseCommand('ecs tag-resource --generate-cli-skeleton', { index: fixtureIndex });
    expect(parsed.kind).toBe('skeleton');
    expect(parsed.kind === 'skeleton' && JSON.parse(parsed.text)).toEqual({ resourceArn: '', tags: [{ key: '', value: '' }] });
    const spot = parseCommand('ec2 describe-spot-price-history --generate-cli-skeleton input', { index: fixtureIndex });
    expect(spot.kind === 'skeleton' && JSON.parse(spot.text)).toMatchObject({ DryRun: true, StartTime: '1970-01-01T00:00:00', MaxResults: 0, InstanceTypes: ['a1.2xlarge'] });
    const yaml = parseCommand('ecs delete-cluster --generate-cli-skeleton yaml-input', { index: fixtureIndex });
    expect(yaml.kind === 'skeleton' && yaml.text).toBe("cluster: ''\n");
  });

  it('round-trips a skeleton through --cli-input-json', () => {
    const skeleton = parseCommand('ecs list-tasks --generate-cli-skeleton', { index: fixtureIndex });
    writeFileSync(join(dir, 'skeleton.json'), skeleton.kind === 'skeleton' ? skeleton.text : '');
    expect(input('ecs list-tasks --cli-input-json file://skeleton.json --no-paginate')).toMatchObject({ cluster: '', maxResults: 0, desiredStatus: 'PENDING', launchType: 'EC2' });
  });

  it("fills in the shell's default cluster for ECS operations that take one", () => {
    expect(call('ecs list-tasks', 'demo').input).toEqual({ cluster: 'demo' });
    expect(call('ecs list-tasks --cluster other', 'demo').input).toEqual({ cluster: 'other' });
    expect(call('ecs delete-cluster', 'demo').input).toEqual({ cluster: 'demo' });
    expect(call('ecs list-clusters', 'demo').input).toEqual({});
  });

  it("reads the CLI's own options apart from the operation's", () => {
    const parsed = call(`ecs list-clusters --output table --query 'clusterArns[0]' --max-items 5 --starting-token abc --page-size 2`);
    expect(parsed.input).toEqual({});
    expect(parsed.options).toEqual({ output: 'table', query: 'clusterArns[0]', paginate: true, maxItems: 5, startingToken: 'abc', pageSize: 2 });
    expect(call('ecs list-clusters --no-paginate').options.paginate).toBe(false);
    expect(call('ecs describe-clusters --output yaml').options).toEqual({ output: 'yaml', paginate: false });
    expect(call('ecs list-clusters --no-cli-pager').options.paginate).toBe(true);
  });

  it('makes one call when a page token or page size is given by hand, as the CLI does', () => {
    expect(call('ecs list-clusters --max-results 2').options.paginate).toBe(false);
    expect(call('ecs list-clusters --next-token abc').options.paginate).toBe(false);
  });

  it('takes tokens as well as a line', () => {
    expect(parseCommand(tokenize('ecs delete-cluster --cluster "a b"'), { index: fixtureIndex })).toMatchObject({ input: { cluster: 'a b' } });
    expect(parseCommand(['ecs', 'delete-cluster', '--cluster', 'x y'], { index: fixtureIndex })).toMatchObject({ input: { cluster: 'x y' } });
  });
});
