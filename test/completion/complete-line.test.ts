import { describe, expect, it } from 'vitest';
import { loadApiIndex, type ResourceKind } from '../../source/commands/index.js';
import {
  ResourceCache,
  completeLine,
  type CompletionOptions,
  type CompletionResult,
  type DotCommandSpec,
} from '../../source/completion/index.js';

const catalog = loadApiIndex();

const DOT_COMMANDS: DotCommandSpec[] = [
  { name: '.cluster', doc: 'Set the default cluster.', resource: 'cluster' },
  { name: '.backend', doc: 'Switch between the sandbox and AWS.', values: ['sandbox', 'aws'] },
  { name: '.exit', doc: 'Leave the shell.' },
];

/** Names the "backend" knows: services and tasks per cluster. */
const NAMES: Partial<Record<ResourceKind, (cluster?: string) => string[]>> = {
  cluster: () => ['demo', 'default', 'prod-east'],
  service: (cluster) => (cluster === 'demo' ? ['web', 'api', 'worker'] : cluster === 'prod-east' ? ['checkout'] : []),
  task: () => ['0f6b2a6c5e2d4d7e9a1b3c4d5e6f7a8b'],
};

function resources() {
  const asked: [ResourceKind, string | undefined][] = [];
  const cache = new ResourceCache({
    provider: async (kind, { cluster }) => {
      asked.push([kind, cluster]);
      return NAMES[kind]?.(cluster) ?? [];
    },
  });
  return { cache, asked };
}

function complete(line: string, options: Partial<CompletionOptions> = {}, cursor = line.length): CompletionResult {
  return completeLine(line, cursor, { catalog, dotCommands: DOT_COMMANDS, ...options });
}

const labels = (result: CompletionResult) => result.candidates.map((c) => c.label);

/** Completes once to start the fetch, waits for it, and completes again. */
async function completeWithNames(line: string, options: Partial<CompletionOptions> & { resources: ResourceCache }, cursor?: number) {
  const first = complete(line, options, cursor);
  if (first.context.kind === 'value' && first.context.resource) await options.resources.get(first.context.resource, first.context.cluster);
  if (first.context.kind === 'dot-argument' && first.context.command.resource) await options.resources.get(first.context.command.resource);
  return complete(line, options, cursor);
}

describe('what is being typed', () => {
  it('at the start: the services and the dot commands', () => {
    const result = complete('');
    expect(result.context).toEqual({ kind: 'command' });
    expect(labels(result)).toEqual(['ecs', 'ec2', 'elb', 'elbv2', '.cluster', '.backend', '.exit']);
    expect(result.candidates[0]).toMatchObject({ kind: 'service', insert: 'ecs', doc: expect.stringContaining('ECS') });
  });

  it('after a leading "aws": the services only', () => {
    expect(labels(complete('aws '))).toEqual(['ecs', 'ec2', 'elb', 'elbv2']);
  });

  it('after "ecs ": every ECS operation with its description, and wait', () => {
    const result = complete('ecs ');
    expect(result.context).toEqual({ kind: 'operation', service: 'ecs' });
    expect(result.total).toBe(Object.keys(catalog.service('ecs')!.operations).length + 1);
    expect(labels(result)).toContain('wait');
    expect(result.replace).toEqual({ start: 4, end: 4 });
    expect(result.candidates.find((c) => c.label === 'create-cluster')?.doc).toBe('Create a cluster for your tasks and services.');
  });

  it('"ecs list-cl": list-clusters first, its typed letters highlighted, the word replaced', () => {
    const result = complete('ecs list-cl');
    expect(result.candidates[0]).toMatchObject({ kind: 'operation', label: 'list-clusters', insert: 'list-clusters', positions: [0, 1, 2, 3, 4, 5, 6] });
    expect(result.replace).toEqual({ start: 4, end: 11 });
    expect(labels(result)).toContain('list-gateway-cluster-associations');
  });

  it('with the cursor inside a word: matches what is before it, replaces the whole word', () => {
    const line = 'ecs list-clusters --max-items 5';
    const result = complete(line, {}, 11);
    expect(result.query).toBe('list-cl');
    expect(result.replace).toEqual({ start: 4, end: 17 });
  });

  it('"ecs describe-services --cluster ": the cluster names, fetched in the background', async () => {
    const { cache } = resources();
    const line = 'ecs describe-services --cluster ';
    const first = complete(line, { resources: cache });
    expect(first.context).toMatchObject({ kind: 'value', parameter: 'cluster', resource: 'cluster' });
    expect(first.pending).toBe(true);
    expect(first.candidates).toEqual([]);
    await cache.get('cluster');
    const second = complete(line, { resources: cache });
    expect(second.pending).toBe(false);
    expect(labels(second)).toEqual(['demo', 'default', 'prod-east']);
    expect(second.candidates[0]).toMatchObject({ kind: 'resource', insert: 'demo' });
  });

  it('"--cluster demo --services ": the services of that cluster, leaving out those already typed', async () => {
    const { cache, asked } = resources();
    const result = await completeWithNames('ecs describe-services --cluster demo --services ', { resources: cache });
    expect(result.context).toMatchObject({ kind: 'value', parameter: 'services', resource: 'service', cluster: 'demo' });
    expect(labels(result)).toEqual(['web', 'api', 'worker']);
    expect(asked).toContainEqual(['service', 'demo']);
    const more = complete('ecs describe-services --cluster demo --services web wo', { resources: cache });
    expect(labels(more)).toEqual(['worker']);
    expect(complete('ecs describe-services --cluster demo --services web ', { resources: cache }).total).toBe(2);
  });

  it('lists services of the default cluster (.cluster) when the line names none', async () => {
    const { cache } = resources();
    const result = await completeWithNames('ecs update-service --service ', { resources: cache, defaultCluster: 'prod-east' });
    expect(result.context).toMatchObject({ cluster: 'prod-east' });
    expect(labels(result)).toEqual(['checkout']);
  });

  it('inside a quoted value: matches the text after the quote and closes the quote', async () => {
    const { cache } = resources();
    const result = await completeWithNames('ecs describe-services --cluster "de', { resources: cache });
    expect(result.query).toBe('de');
    // Both start with "de": alphabetical, before the fuzzy match.
    expect(result.candidates.map((c) => c.insert)).toEqual(['"default"', '"demo"', '"prod-east"']);
    expect(result.candidates[1]).toMatchObject({ label: 'demo', positions: [0, 1] });
    expect(result.replace).toEqual({ start: 32, end: 35 });
    const single = complete("ecs describe-services --cluster 'prod", { resources: cache });
    expect(single.candidates[0]).toMatchObject({ label: 'prod-east', insert: "'prod-east'" });
  });

  it('--name=value: the value is matched and replaced after the "="', async () => {
    const { cache } = resources();
    const result = await completeWithNames('ecs list-services --cluster=pro', { resources: cache });
    expect(result.context).toMatchObject({ kind: 'value', parameter: 'cluster' });
    expect(labels(result)).toEqual(['prod-east']);
    expect(result.replace).toEqual({ start: 28, end: 31 });
  });

  it('after "--launch-type ": the enum values; typing narrows them', () => {
    const result = complete('ecs run-task --launch-type ');
    expect(result.context).toMatchObject({ kind: 'value', parameter: 'launch-type' });
    expect(labels(result)).toEqual(['EC2', 'EXTERNAL', 'FARGATE', 'MANAGED_INSTANCES']);
    expect(labels(complete('ecs run-task --launch-type far'))).toEqual(['FARGATE']);
    expect(labels(complete('ecs describe-clusters --include TAGS '))).toEqual(['ATTACHMENTS', 'CONFIGURATIONS', 'SETTINGS', 'STATISTICS']);
  });

  it('in prefix mode, only values that start with what was typed', () => {
    expect(labels(complete('ecs run-task --launch-type e', { mode: 'prefix' }))).toEqual(['EC2', 'EXTERNAL']);
    expect(labels(complete('ecs run-task --launch-type ar', { mode: 'prefix' }))).toEqual([]);
    expect(labels(complete('ecs run-task --launch-type ar'))).toEqual(['FARGATE']);
  });

  it('--output and other global options complete too', () => {
    expect(labels(complete('ecs list-clusters --output '))).toEqual(['json', 'table', 'text', 'yaml']);
  });
});

describe('the parameter menu', () => {
  it('shows type, required mark and description, required parameters first', () => {
    const result = complete('ecs run-task ');
    expect(result.context).toMatchObject({ kind: 'parameter', operation: 'run-task' });
    expect(result.candidates[0]).toMatchObject({
      kind: 'parameter',
      label: '--task-definition',
      insert: '--task-definition',
      type: 'string',
      required: true,
      doc: 'Task definition: family (latest ACTIVE revision), family:revision or ARN.',
    });
    expect(result.candidates.find((c) => c.label === '--count')).toMatchObject({ type: 'integer', required: false });
  });

  it('leaves out parameters already given (either form of a boolean)', () => {
    const menu = labels(complete('ecs run-task --task-definition web:3 --cluster demo --disable-execute-command --', { limit: 500 }));
    expect(menu).not.toContain('--task-definition');
    expect(menu).not.toContain('--cluster');
    expect(menu).not.toContain('--enable-execute-command');
    expect(menu).not.toContain('--disable-execute-command');
    expect(menu).toContain('--count');
  });

  it('offers the false form of booleans as the AWS CLI names it', () => {
    const menu = labels(complete('ecs run-task --', { limit: 500 }));
    expect(menu).toEqual(expect.arrayContaining(['--enable-ecs-managed-tags', '--no-enable-ecs-managed-tags', '--enable-execute-command', '--disable-execute-command']));
    expect(menu).not.toContain('--no-enable-execute-command');
    expect(labels(complete('ec2 describe-instances --no-dr'))[0]).toBe('--no-dry-run');
  });

  it('matches parameter names without their dashes and highlights within the label', () => {
    const result = complete('ecs run-task --lt');
    expect(result.query).toBe('lt');
    expect(result.candidates[0]).toMatchObject({ label: '--launch-type', positions: [2, 9] });
    expect(result.replace).toEqual({ start: 13, end: 17 });
  });

  it('pages like the CLI: no raw token parameters, --max-items and --starting-token instead', () => {
    const paged = labels(complete('ecs list-clusters '));
    expect(paged).toEqual(['--query', '--output', '--cli-input-json', '--generate-cli-skeleton', '--region', '--max-items', '--starting-token', '--page-size', '--no-paginate']);
    expect(labels(complete('ecs run-task --', { limit: 500 }))).not.toContain('--max-items');
  });

  it('after a complete scalar value, or a flag, the next word is a parameter again', () => {
    expect(complete('ecs run-task --count 2 ').context.kind).toBe('parameter');
    expect(complete('ecs run-task --enable-execute-command ').context.kind).toBe('parameter');
    expect(labels(complete('ecs run-task --count 2 clu'))[0]).toBe('--cluster');
  });
});

describe('shorthand structure values', () => {
  it('offers member names, then the enum values of the member being set', () => {
    const keys = complete('ecs run-task --placement-strategy ');
    expect(keys.candidates.map((c) => [c.label, c.noSpace])).toEqual([
      ['type=', true],
      ['field=', true],
    ]);
    const values = complete('ecs run-task --placement-strategy type=sp');
    expect(values.context).toMatchObject({ kind: 'value', parameter: 'placement-strategy', shorthandKey: 'type' });
    expect(labels(values)).toEqual(['spread']);
    expect(values.replace).toEqual({ start: 39, end: 41 });
    expect(labels(complete('ecs run-task --placement-strategy type=spread,'))).toEqual(['field=']);
  });

  it('offers true and false for a boolean member, and closes a quote opened before the key', () => {
    expect(labels(complete('ecs create-service --service-connect-configuration enabled='))).toEqual(['true', 'false']);
    const quoted = complete('ecs run-task --placement-strategy "type=bin');
    expect(quoted.candidates[0]).toMatchObject({ label: 'binpack', insert: 'binpack"' });
    expect(quoted.replace).toEqual({ start: 40, end: 43 });
  });
});

describe('dot commands and lines with nothing to complete', () => {
  it('completes a dot command\'s argument from its values or from live names', async () => {
    expect(labels(complete('.backend a'))).toEqual(['aws', 'sandbox']);
    const { cache } = resources();
    expect(labels(await completeWithNames('.cluster ', { resources: cache }))).toEqual(['demo', 'default', 'prod-east']);
    expect(complete('.exit ').context).toEqual({ kind: 'none', reason: '.exit takes no more arguments' });
  });

  it('says why when the line names no known service or operation', () => {
    expect(complete('s3 ls ').context).toEqual({ kind: 'none', reason: "'s3' is not a service (ecs, ec2, elb, elbv2)" });
    expect(complete('ecs list-cluster --').context).toEqual({ kind: 'none', reason: "'list-cluster' is not an operation of ecs" });
    expect(complete('!ls ').context).toEqual({ kind: 'none', reason: 'a system shell command' });
  });

  it('reports why live names could not be listed', async () => {
    const cache = new ResourceCache({ provider: async () => Promise.reject(new Error('AccessDeniedException: not allowed')) });
    await expect(cache.get('cluster')).rejects.toThrow();
    const result = complete('ecs describe-clusters --clusters ', { resources: cache });
    expect(result.error).toBe('AccessDeniedException: not allowed');
    expect(result.candidates).toEqual([]);
  });
});
