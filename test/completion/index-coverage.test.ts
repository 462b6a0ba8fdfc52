import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadApiIndex, SERVICE_WORDS, type ServiceIndex } from '../../source/commands/index.js';

const require = createRequire(import.meta.url);
const catalog = loadApiIndex();
const index = (service: string): ServiceIndex => catalog.service(service)!;

const PACKAGES: Record<string, string> = {
  ecs: '@aws-sdk/client-ecs',
  ec2: '@aws-sdk/client-ec2',
  elb: '@aws-sdk/client-elastic-load-balancing',
  elbv2: '@aws-sdk/client-elastic-load-balancing-v2',
};

/** The installed SDK's operations: every `XxxCommand` export. */
function sdkOperations(service: string): string[] {
  const sdk = require(PACKAGES[service]!) as Record<string, unknown>;
  return Object.keys(sdk)
    .filter((key) => key.endsWith('Command') && key !== 'Command' && key !== '$Command' && typeof sdk[key] === 'function')
    .map((key) => key.slice(0, -'Command'.length))
    .sort();
}

/** An operation's input members from the SDK's runtime schema, and how many of them (first) are required. */
function sdkInput(service: string, operation: string): { members: string[]; required: string[] } {
  const sdk = require(PACKAGES[service]!) as Record<string, unknown[]>;
  const input = (sdk[`${operation}$`]![4] as () => unknown[])();
  const members = (input[4] as string[]) ?? [];
  return { members, required: members.slice(0, (input[6] as number | undefined) ?? 0) };
}

describe.each(SERVICE_WORDS)('the %s completion index', (service) => {
  it('has every operation of the installed SDK, and no other', () => {
    const indexed = Object.values(index(service).operations).map((op) => op.name).sort();
    expect(indexed).toEqual(sdkOperations(service));
  });

  it('was generated from the installed SDK version', () => {
    const version = (require(`${PACKAGES[service]}/package.json`) as { version: string }).version;
    expect(index(service).sdkVersion).toBe(version);
  });
});

describe.each(['ecs', 'ec2'])('%s parameters', (service) => {
  it('are the API input members of each operation, with the required ones marked', () => {
    for (const entry of Object.values(index(service).operations)) {
      const sdk = sdkInput(service, entry.name);
      const params = Object.values(entry.params);
      expect(params.map((p) => p.member).sort(), entry.name).toEqual([...sdk.members].sort());
      expect(params.filter((p) => p.required).map((p) => p.member).sort(), entry.name).toEqual([...sdk.required].sort());
    }
  });
});

describe('index entries', () => {
  it('ecs run-task: task-definition required, launch-type an enum, cluster a live resource', () => {
    const runTask = index('ecs').operations['run-task']!;
    expect(runTask.name).toBe('RunTask');
    expect(runTask.doc).toBe('Start tasks from a task definition, placed by the scheduler.');
    expect(runTask.params['task-definition']).toMatchObject({ member: 'taskDefinition', type: 'string', required: true, resource: 'task-definition' });
    expect(runTask.params['launch-type']).toMatchObject({ member: 'launchType', type: 'string', required: false });
    expect(runTask.params['launch-type']!.enum).toEqual(['EC2', 'EXTERNAL', 'FARGATE', 'MANAGED_INSTANCES']);
    expect(runTask.params.cluster).toMatchObject({ member: 'cluster', required: false, resource: 'cluster' });
    expect(runTask.params.count).toMatchObject({ member: 'count', type: 'integer' });
    expect(runTask.params['enable-execute-command']).toMatchObject({ type: 'boolean', negation: 'disable-execute-command' });
    expect(runTask.params['client-token']).toMatchObject({ member: 'clientToken', required: false });
    expect(runTask.pagination).toBeUndefined();
  });

  it('nests shapes: structures with required members and enums, lists of structures', () => {
    const runTask = index('ecs').operations['run-task']!;
    const awsvpc = runTask.params['network-configuration']!.shape!.members!.awsvpcConfiguration!;
    expect(awsvpc.members!.subnets).toEqual({ type: 'list', member: { type: 'string' }, required: true });
    expect(awsvpc.members!.assignPublicIp).toEqual({ type: 'string', enum: ['DISABLED', 'ENABLED'] });
    const strategy = runTask.params['placement-strategy']!.shape!;
    expect(strategy.type).toBe('list');
    expect(strategy.member!.members!.type!.enum).toEqual(['binpack', 'random', 'spread']);
  });

  it('ecs list-clusters pages with nextToken and maxResults over clusterArns', () => {
    expect(index('ecs').operations['list-clusters']!.pagination).toEqual({
      inputToken: 'nextToken',
      outputToken: 'nextToken',
      limitKey: 'maxResults',
      resultKeys: ['clusterArns'],
    });
  });

  it('ecs describe-clusters --include is a list of enum values', () => {
    expect(index('ecs').operations['describe-clusters']!.params.include).toMatchObject({
      type: 'list',
      shape: { type: 'list', member: { type: 'string', enum: ['ATTACHMENTS', 'CONFIGURATIONS', 'SETTINGS', 'STATISTICS', 'TAGS'] } },
    });
  });

  it('marks live resources only where an existing one is named', () => {
    const ops = index('ecs').operations;
    expect(ops['create-cluster']!.params['cluster-name']!.resource).toBeUndefined();
    expect(ops['create-service']!.params['service-name']!.resource).toBeUndefined();
    expect(ops['list-tasks']!.params['service-name']!.resource).toBe('service');
    expect(ops['describe-services']!.params.services!.resource).toBe('service');
    expect(ops['stop-task']!.params.task!.resource).toBe('task');
    expect(ops['list-tasks']!.params.family!.resource).toBe('task-definition-family');
    expect(ops['put-cluster-capacity-providers']!.params['capacity-providers']!.resource).toBe('capacity-provider');
    expect(ops['update-container-instances-state']!.params['container-instances']!.resource).toBe('container-instance');
  });

  it('ec2 describe-instances: instance-ids complete from instances, dry-run is a boolean', () => {
    const describeInstances = index('ec2').operations['describe-instances']!;
    expect(describeInstances.params['instance-ids']).toMatchObject({ member: 'InstanceIds', type: 'list', resource: 'ec2-instance' });
    expect(describeInstances.params['dry-run']).toMatchObject({ member: 'DryRun', type: 'boolean', required: false });
    expect(describeInstances.pagination).toMatchObject({ inputToken: 'NextToken', outputToken: 'NextToken', resultKeys: ['Reservations'] });
    const runInstances = index('ec2').operations['run-instances']!;
    expect(runInstances.params['min-count']).toMatchObject({ type: 'integer', required: true });
    expect(runInstances.params['security-group-ids']!.resource).toBe('security-group');
    expect(runInstances.params['subnet-id']!.resource).toBe('subnet');
    expect(runInstances.params['disable-api-termination']!.negation).toBe('enable-api-termination');
  });

  it('tells doubles and longs from integers where the API does', () => {
    const overrides = index('ec2').operations['create-fleet']!.params['launch-template-configs']!.shape!.member!.members!.Overrides!;
    expect(overrides.member!.members!.WeightedCapacity!.type).toBe('double');
    expect(index('ec2').operations['create-vpn-gateway']!.params['amazon-side-asn']!.type).toBe('long');
  });

  it('describes every ECS operation in one short line of our own', () => {
    for (const [name, entry] of Object.entries(index('ecs').operations)) {
      expect(entry.doc, name).toMatch(/^[A-Z].{8,108}\.$/);
    }
    const ops = index('ecs').operations;
    expect(ops['describe-services']!.params.cluster!.doc).toBe('Cluster name or ARN (default: the cluster named "default").');
    expect(ops['update-cluster']!.params.cluster!.doc).toBe('Cluster name or ARN.');
    expect(ops['update-service']!.params['desired-count']!.doc).toBe('New number of copies of the task to keep running.');
  });

  it('gives every parameter a one-line description', () => {
    for (const service of SERVICE_WORDS) {
      for (const [name, entry] of Object.entries(index(service).operations)) {
        for (const [param, spec] of Object.entries(entry.params)) {
          expect(spec.doc, `${service} ${name} --${param}`).toMatch(/^\S.{0,109}$/);
        }
      }
    }
  });
});
