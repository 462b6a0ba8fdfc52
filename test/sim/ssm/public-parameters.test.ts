import { DescribeImagesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../../support/aws-cli.js';
import { errorOf, startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';

const ROOT = '/aws/service/ecs/optimized-ami';

let t: TestSandbox;
let ssm: SSMClient;
beforeAll(async () => {
  t = await startTestSandbox();
  ssm = new SSMClient({ endpoint: t.running.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
});
const { aws, json, home } = awsCli(() => t.running.url);
afterAll(async () => {
  ssm.destroy();
  await t.close();
  rmSync(home, { recursive: true, force: true });
});

async function allUnder(path: string, recursive: boolean): Promise<Parameter[]> {
  const all: Parameter[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ssm.send(new GetParametersByPathCommand({ Path: path, Recursive: recursive, NextToken }));
    all.push(...page.Parameters!);
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

describe("the ECS-optimized AMIs' public parameters", () => {
  it('name an image the sandbox runs, as the ECS developer guide finds it', async () => {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: `${ROOT}/amazon-linux-2023/recommended/image_id` }));
    expect(Parameter).toMatchObject({ Type: 'String', Version: 1, DataType: 'text', ARN: `arn:aws:ssm:us-east-1::parameter${ROOT}/amazon-linux-2023/recommended/image_id` });
    expect(Parameter!.LastModifiedDate).toBeInstanceOf(Date);
    const images = await t.ec2.send(new DescribeImagesCommand({ ImageIds: [Parameter!.Value!] }));
    expect(images.Images![0]).toMatchObject({ Architecture: 'x86_64', OwnerId: '591542846629' });
    expect(images.Images![0]!.Name).toMatch(/^al2023-ami-ecs-hvm-/);
    const run = await t.ec2.send(new RunInstancesCommand({ ImageId: Parameter!.Value!, InstanceType: 't3.small', MinCount: 1, MaxCount: 1 }));
    expect(run.Instances![0]!.ImageId).toBe(Parameter!.Value);
  });

  it('publish Amazon Linux 2 and arm64 images too, with the metadata as JSON', async () => {
    const out = await ssm.send(
      new GetParametersCommand({ Names: [`${ROOT}/amazon-linux-2/recommended`, `${ROOT}/amazon-linux-2/arm64/recommended/image_id`, `${ROOT}/no-such/recommended`] }),
    );
    expect(out.InvalidParameters).toEqual([`${ROOT}/no-such/recommended`]);
    const [al2, arm] = out.Parameters!;
    const metadata = JSON.parse(al2!.Value!);
    expect(Object.keys(metadata)).toEqual(['ecs_agent_version', 'ecs_runtime_version', 'image_id', 'image_name', 'image_version', 'os', 'schema_version', 'source_image_name']);
    expect(metadata).toMatchObject({ os: 'Amazon Linux 2', schema_version: 1 });
    expect(metadata.image_name).toMatch(/^amzn2-ami-ecs-hvm-2\.0\.\d{8}-x86_64-ebs$/);
    expect(metadata.ecs_runtime_version).toMatch(/^Docker version \d+\.\d+\.\d+$/);
    const images = await t.ec2.send(new DescribeImagesCommand({ ImageIds: [metadata.image_id, arm!.Value!] }));
    expect(images.Images!.map((i) => [i.ImageId, i.Architecture]).sort()).toEqual(
      [[metadata.image_id, 'x86_64'], [arm!.Value!, 'arm64']].sort(),
    );
  });

  it('list one level of a path, or all of it recursively, a page of ten at a time', async () => {
    const level = (await allUnder(`${ROOT}/amazon-linux-2023`, false)).map((p) => p.Name);
    expect(level).toContain(`${ROOT}/amazon-linux-2023/recommended`);
    expect(level.some((name) => name!.startsWith(`${ROOT}/amazon-linux-2023/al2023-ami-ecs-hvm-`))).toBe(true);
    expect(level.every((name) => name!.split('/').length === 7)).toBe(true);
    const children = (await allUnder(`${ROOT}/amazon-linux-2023/recommended/`, false)).map((p) => p.Name!.split('/').pop());
    expect(children).toEqual(['ecs_agent_version', 'ecs_runtime_version', 'image_id', 'image_name', 'image_version', 'os', 'schema_version', 'source_image_name']);
    const everything = await allUnder(`${ROOT}/`, true);
    expect(everything.length).toBeGreaterThan(MAX_PAGE);
    expect(new Set(everything.map((p) => p.Name)).size).toBe(everything.length);
    expect(everything.map((p) => p.Name)).toContain(`${ROOT}/amazon-linux-2/arm64/recommended/image_id`);
  });

  it('answer the region asked: its own image ids', async () => {
    const west = new SSMClient({ endpoint: t.running.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      const name = `${ROOT}/amazon-linux-2023/recommended/image_id`;
      const here = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!;
      const there = (await west.send(new GetParameterCommand({ Name: name }))).Parameter!;
      expect(there.Value).not.toBe(here.Value);
      expect(there.ARN).toBe(`arn:aws:ssm:eu-west-1::parameter${name}`);
    } finally {
      west.destroy();
    }
  });

  it('refuses what SSM refuses, with its codes', async () => {
    const missing = await errorOf(ssm.send(new GetParameterCommand({ Name: `${ROOT}/amazon-linux-2023/recommended/nope` })));
    expect(missing.name).toBe('ParameterNotFound');
    expect(missing.message).toContain('GetParametersByPath');
    const tooMany = await errorOf(ssm.send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/p${i}`) })));
    expect(tooMany.name).toBe('ValidationException');
    const page = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: ROOT, MaxResults: 11 })));
    expect(page.name).toBe('ValidationException');
    const token = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: ROOT, NextToken: 'bad' })));
    expect(token.name).toBe('InvalidNextToken');
    const filter = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: ROOT, ParameterFilters: [{ Key: 'Label', Values: ['x'] }] })));
    expect(filter.name).toBe('InvalidFilterKey');
    const put = await errorOf(ssm.send(new PutParameterCommand({ Name: '/mine', Value: 'x', Type: 'String' })));
    expect(put.name).toBe('UnsupportedOperationException');
    expect(put.message).toMatch(/^PutParameter is not supported by the ecsh sandbox/);
  });
});

describe.skipIf(!hasAwsCli)('the public parameters through the AWS CLI', { timeout: 60_000 }, () => {
  it("finds the ECS-optimized AMI as the ECS developer guide does, and launches it", async () => {
    const out = await json('ssm', 'get-parameters', '--names', `${ROOT}/amazon-linux-2/recommended/image_id`, '--query', 'Parameters[0].Value', '--output', 'json');
    expect(out).toMatch(/^ami-[0-9a-f]{17}$/);
    const launched = await json('ec2', 'run-instances', '--image-id', out, '--instance-type', 't3.small');
    expect(launched.Instances[0].ImageId).toBe(out);
    const byPath = await json('ssm', 'get-parameters-by-path', '--path', `${ROOT}/amazon-linux-2023/`, '--query', 'Parameters[].Name');
    expect(byPath).toContain(`${ROOT}/amazon-linux-2023/recommended`);
    const missing = await aws('ssm', 'get-parameter', '--name', `${ROOT}/amazon-linux-2023/nope`);
    expect(missing.code).toBe(255);
    expect(missing.stderr).toContain('(ParameterNotFound) when calling the GetParameter operation');
  });
});

const MAX_PAGE = 10;
