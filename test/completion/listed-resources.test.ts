import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { CreateKeyPairCommand, DescribeImagesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiIndex } from '../../source/commands/index.js';
import { ResourceCache, completeLine, createSdkResourceProvider, type CompletionResult, type ResourceProvider } from '../../source/completion/index.js';
import { resourceDoc } from '../../source/completion/resource-docs.js';
import { docLineText } from '../../source/shell/doc-line-text.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/**
 * Live names the menu offers with a line each, against the sandbox over real HTTP: what each
 * name is (task definitions belong to the region, instances to a zone), AMIs for --image-id and
 * the ARNs of taggable resources for --resource-arn.
 */
let t: TestSandbox;
let provider: ResourceProvider;
let cache: ResourceCache;
let instanceId: string;
let taskArn: string;
let ecsImages: string[];
const catalog = loadApiIndex();

beforeAll(async () => {
  t = await startTestSandbox();
  provider = createSdkResourceProvider({ ecs: t.ecs, ec2: t.ec2 });
  cache = new ResourceCache({ provider });
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'other' }));
  const container = { name: 'web', image: 'nginx', memory: 128 };
  for (const family of ['web', 'web', 'api']) await t.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: [container] }));
  await t.ecs.send(new CreateServiceCommand({ cluster: 'demo', serviceName: 'front', taskDefinition: 'web', desiredCount: 0 }));
  await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'laptop' }));
  const images = (await t.ec2.send(new DescribeImagesCommand({}))).Images!;
  ecsImages = images.filter((image) => image.Name!.includes('-ecs-')).map((image) => image.ImageId!);
  const userData = Buffer.from('#!/bin/bash\necho ECS_CLUSTER=demo >> /etc/ecs/ecs.config\n').toString('base64');
  const run = await t.ec2.send(
    new RunInstancesCommand({ ImageId: ecsImages[0], InstanceType: 't3.small', MinCount: 1, MaxCount: 1, UserData: userData, Placement: { AvailabilityZone: 'us-east-1b' } }),
  );
  instanceId = run.Instances![0]!.InstanceId!;
  t.advance(120_000);
  taskArn = (await t.ecs.send(new RunTaskCommand({ cluster: 'demo', taskDefinition: 'web' }))).tasks![0]!.taskArn!;
});
afterAll(() => t.close());

/** Completes once to start the fetch, waits for the names, and completes again. */
async function completeWithNames(line: string, defaultCluster?: string): Promise<CompletionResult> {
  const options = { catalog, resources: cache, ...(defaultCluster ? { defaultCluster } : {}) };
  const first = completeLine(line, line.length, options);
  if (first.context.kind === 'value' && first.context.resource) await cache.get(first.context.resource, first.context.cluster ?? defaultCluster);
  return completeLine(line, line.length, options);
}

const docLine = (result: CompletionResult, selected = 0) => docLineText({ searching: false, completion: result, menuVisible: true, selected, emptyLine: false }).text;

describe('what each name is', () => {
  it('task definitions: a family names its latest ACTIVE revision; revisions say which is the latest', async () => {
    const names = await provider('task-definition', {});
    expect(names).toEqual(['api', 'web', 'api:1', 'web:2', 'web:1']);
    expect(resourceDoc(names, 'web')).toBe('task definition family: its latest ACTIVE revision is web:2');
    expect(resourceDoc(names, 'web:2')).toBe('task definition, ACTIVE, the latest revision of web');
    expect(resourceDoc(names, 'web:1')).toBe('task definition, ACTIVE');
  });

  it('the doc line does not place task definitions, instances or key pairs "in" the shell\'s cluster', async () => {
    const definitions = await completeWithNames('ecs run-task --task-definition ', 'demo');
    expect(definitions.context).not.toHaveProperty('cluster');
    expect(docLine(definitions, 1)).toBe('[2/5] web: task definition family: its latest ACTIVE revision is web:2');

    const instances = await completeWithNames('ec2 describe-instances --instance-ids ', 'demo');
    expect(docLine(instances)).toBe(`[1/1] ${instanceId}: t3.small, us-east-1b, running`);

    const keys = await completeWithNames('ec2 delete-key-pair --key-name ', 'demo');
    expect(docLine(keys)).toMatch(/^\[1\/1\] laptop: rsa key pair key-[0-9a-f]+$/);

    // A cluster's own services are still said to be in it.
    const services = await completeWithNames('ecs update-service --service ', 'demo');
    expect(services.context).toMatchObject({ cluster: 'demo' });
  });
});

describe('--image-id', () => {
  it('offers the AMIs, the ECS-optimized ones first, each with its name, architecture and date', async () => {
    const result = await completeWithNames('ec2 run-instances --image-id ');
    expect(result.context).toMatchObject({ kind: 'value', resource: 'image' });
    const ecsFirst = result.candidates.slice(0, ecsImages.length);
    expect(ecsFirst.map((c) => c.label).sort()).toEqual([...ecsImages].sort());
    // The newest first: Amazon Linux 2023's ECS-optimized image is newer than Amazon Linux 2's.
    expect(result.candidates[0]!.doc).toMatch(/^ECS-optimized, (x86_64|arm64), \d{4}-\d\d-\d\d: al2023-ami-ecs-hvm-/);
    for (const candidate of ecsFirst) expect(candidate.doc).toMatch(/^ECS-optimized, /);
    const plain = result.candidates.slice(ecsImages.length);
    expect(plain.length).toBeGreaterThan(0);
    for (const candidate of plain) expect(candidate.doc).toMatch(/^Amazon Linux, (x86_64|arm64), \d{4}-\d\d-\d\d: al2023-ami-2023/);
    const some = await completeWithNames(`ec2 describe-images --image-ids ${ecsImages[0]} `);
    expect(some.candidates.map((c) => c.label)).not.toContain(ecsImages[0]);
  });
});

describe('--resource-arn', () => {
  it('offers the ARNs of clusters, task definitions, and the services, tasks and instances of the shell\'s cluster', async () => {
    const result = await completeWithNames('ecs tag-resource --resource-arn ', 'demo');
    expect(result.context).toMatchObject({ kind: 'value', resource: 'resource-arn', cluster: 'demo' });
    const labels = result.candidates.map((c) => c.label);
    const arn = (rest: string) => `arn:aws:ecs:us-east-1:123456789012:${rest}`;
    expect(labels).toEqual(expect.arrayContaining([arn('cluster/demo'), arn('cluster/other'), arn('service/demo/front'), taskArn, arn('task-definition/web:2')]));
    expect(labels.filter((label) => label.includes(':container-instance/demo/'))).toHaveLength(1);
    expect(labels).toEqual([...labels].sort());
    const doc = (label: string) => result.candidates.find((c) => c.label === label)?.doc;
    expect(doc(arn('cluster/other'))).toBe('cluster');
    expect(doc(arn('service/demo/front'))).toBe('service in cluster demo');
    expect(doc(taskArn)).toBe('task in cluster demo');
    expect(doc(arn('task-definition/api:1'))).toBe('task definition');
  });

  it('fuzzy: "front" finds the service by the end of its ARN', async () => {
    const result = await completeWithNames('ecs list-tags-for-resource --resource-arn front', 'demo');
    expect(result.candidates[0]).toMatchObject({ label: 'arn:aws:ecs:us-east-1:123456789012:service/demo/front' });
  });
});
