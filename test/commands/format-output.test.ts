import { afterEach, describe, expect, it } from 'vitest';
import { formatResult, renderTable, type CommandResult } from '../../source/commands/index.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster';
const describeClusters: CommandResult = {
  service: 'ecs',
  operation: 'DescribeClusters',
  output: {
    clusters: [
      { clusterArn: `${ARN}/web`, clusterName: 'web', status: 'ACTIVE', runningTasksCount: 2, settings: [{ name: 'containerInsights', value: 'disabled' }], tags: [] },
      { clusterArn: `${ARN}/api`, clusterName: 'api', status: 'ACTIVE', runningTasksCount: 0, settings: [], tags: [] },
    ],
    failures: [{ arn: `${ARN}/ghost`, reason: 'MISSING' }],
  },
};
const listClusters: CommandResult = { service: 'ecs', operation: 'ListClusters', output: { clusterArns: [`${ARN}/web`, `${ARN}/api`] } };
const result = (output: Record<string, unknown>, service = 'ecs'): CommandResult => ({ service, operation: 'Op', output });

describe('--output json', () => {
  it('indents by four spaces, as the CLI does', () => {
    expect(formatResult(listClusters)).toBe(`{
    "clusterArns": [
        "${ARN}/web",
        "${ARN}/api"
    ]
}
`);
  });

  it('prints nothing for an empty response, but prints [] and null', () => {
    expect(formatResult(result({}))).toBe('');
    expect(formatResult(result({ a: [] }), { query: 'a' })).toBe('[]\n');
    expect(formatResult(result({ a: 1 }), { query: 'missing' })).toBe('null\n');
  });

  it('leaves out the SDK metadata and undefined members', () => {
    expect(formatResult(result({ $metadata: { httpStatusCode: 200 }, cluster: undefined, ok: true }))).toBe('{\n    "ok": true\n}\n');
  });

  it('shows blobs as base64', () => {
    expect(formatResult(result({ data: new Uint8Array([104, 105]) }))).toBe('{\n    "data": "aGk="\n}\n');
  });
});

describe('timestamps', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('shows ECS times (epoch seconds on the wire) in the local zone with its offset', () => {
    process.env.TZ = 'America/New_York';
    const out = formatResult(result({ createdAt: new Date('2024-01-15T17:30:00.250Z'), stoppedAt: new Date('2024-07-01T12:00:00Z') }));
    expect(JSON.parse(out)).toEqual({ createdAt: '2024-01-15T12:30:00.250000-05:00', stoppedAt: '2024-07-01T08:00:00-04:00' });
  });

  it('shows EC2 times (ISO 8601 on the wire) in UTC', () => {
    process.env.TZ = 'Asia/Kolkata';
    const out = formatResult(result({ LaunchTime: new Date('2024-01-15T17:30:00Z') }, 'ec2'));
    expect(JSON.parse(out)).toEqual({ LaunchTime: '2024-01-15T17:30:00+00:00' });
  });
});

describe('--query', () => {
  it('applies JMESPath to the whole result', () => {
    expect(formatResult(describeClusters, { query: 'clusters[?runningTasksCount > `0`].clusterName' })).toBe('[\n    "web"\n]\n');
    expect(formatResult(describeClusters, { query: 'length(clusters)', output: 'text' })).toBe('2\n');
    expect(formatResult(describeClusters, { query: 'clusters[].{Name: clusterName, Tasks: runningTasksCount}', output: 'text' })).toBe('web\t2\napi\t0\n');
  });

  it('refuses an expression that fails on the data with a one-line error', () => {
    expect(() => formatResult(describeClusters, { query: 'abs(clusters)' })).toThrow(/^Bad value for --query abs\(clusters\): /);
  });
});

describe('--output text', () => {
  it('writes tab-separated scalars, sorted by key, with nested lists under their key in capitals', () => {
    expect(formatResult(describeClusters, { output: 'text' })).toBe(
      [
        `CLUSTERS\t${ARN}/web\tweb\t2\tACTIVE`,
        'SETTINGS\tcontainerInsights\tdisabled',
        `CLUSTERS\t${ARN}/api\tapi\t0\tACTIVE`,
        `FAILURES\t${ARN}/ghost\tMISSING`,
        '',
      ].join('\n'),
    );
  });

  it("writes Python's True, False and None", () => {
    expect(formatResult(result({ a: true, b: false, c: null, d: 'x' }), { output: 'text' })).toBe('True\tFalse\tNone\tx\n');
    expect(formatResult(result({ a: 1 }), { output: 'text', query: 'missing' })).toBe('None\n');
  });

  it('writes a list of scalars on one line, or one per line under a key', () => {
    expect(formatResult(listClusters, { output: 'text' })).toBe(`CLUSTERARNS\t${ARN}/web\nCLUSTERARNS\t${ARN}/api\n`);
    expect(formatResult(listClusters, { output: 'text', query: 'clusterArns' })).toBe(`${ARN}/web\t${ARN}/api\n`);
  });

  it('gives every structure of a list the same columns, empty where one lacks a key', () => {
    const out = formatResult(result({ items: [{ a: '1', b: '2' }, { a: '3', c: '4' }] }), { output: 'text' });
    expect(out).toBe('ITEMS\t1\t2\t\nITEMS\t3\t\t4\n');
  });
});

describe('--output yaml', () => {
  it('lays out lists at their parent key, as the CLI does', () => {
    expect(formatResult(describeClusters, { output: 'yaml' })).toBe(`clusters:
- clusterArn: ${ARN}/web
  clusterName: web
  status: ACTIVE
  runningTasksCount: 2
  settings:
  - name: containerInsights
    value: disabled
  tags: []
- clusterArn: ${ARN}/api
  clusterName: api
  status: ACTIVE
  runningTasksCount: 0
  settings: []
  tags: []
failures:
- arn: ${ARN}/ghost
  reason: MISSING
`);
  });

  it('quotes timestamps and strings that would read as other types, with single quotes', () => {
    const out = formatResult(result({ LaunchTime: new Date('2024-01-15T17:30:00Z'), Value: 'true', Count: '5', Empty: '' }, 'ec2'), { output: 'yaml' });
    expect(out).toBe("LaunchTime: '2024-01-15T17:30:00+00:00'\nValue: 'true'\nCount: '5'\nEmpty: ''\n");
  });

  it('prints nothing for {}, and a bare scalar as JSON', () => {
    expect(formatResult(result({}), { output: 'yaml' })).toBe('');
    expect(formatResult(result({ a: [] }), { output: 'yaml', query: 'a' })).toBe('[]\n');
    expect(formatResult(listClusters, { output: 'yaml', query: 'clusterArns[0]' })).toBe(`"${ARN}/web"\n`);
    expect(formatResult(describeClusters, { output: 'yaml', query: 'clusters[0].runningTasksCount' })).toBe('2\n');
    expect(formatResult(result({ a: false }), { output: 'yaml', query: 'a' })).toBe('false\n');
    expect(formatResult(result({ a: 1 }), { output: 'yaml', query: 'missing' })).toBe('null\n');
  });
});

describe('--output table', () => {
  it("draws the title row with the operation's name and a section per list, in the CLI's box characters", () => {
    expect(formatResult(listClusters, { output: 'table' })).toBe(`------------------------------------------------------
|                    ListClusters                    |
+----------------------------------------------------+
||                    clusterArns                   ||
|+--------------------------------------------------+|
||  arn:aws:ecs:us-east-1:123456789012:cluster/web  ||
||  arn:aws:ecs:us-east-1:123456789012:cluster/api  ||
|+--------------------------------------------------+|
`);
  });

  it('gives scalar members a header row and nests lists one level deeper', () => {
    const out = formatResult(describeClusters, { output: 'table', terminalWidth: 200 });
    expect(out).toBe(`----------------------------------------------------------------------------------------------------
|                                         DescribeClusters                                         |
+--------------------------------------------------------------------------------------------------+
||                                            clusters                                            ||
|+-------------------------------------------------+--------------+--------------------+----------+|
||                   clusterArn                    | clusterName  | runningTasksCount  | status   ||
|+-------------------------------------------------+--------------+--------------------+----------+|
||  arn:aws:ecs:us-east-1:123456789012:cluster/web |  web         |  2                 |  ACTIVE  ||
|+-------------------------------------------------+--------------+--------------------+----------+|
|||                                           settings                                           |||
||+-----------------------------------------------------------+----------------------------------+||
|||                           name                            |              value               |||
||+-----------------------------------------------------------+----------------------------------+||
|||  containerInsights                                        |  disabled                        |||
||+-----------------------------------------------------------+----------------------------------+||
||                                            clusters                                            ||
|+-------------------------------------------------+--------------+--------------------+----------+|
||                   clusterArn                    | clusterName  | runningTasksCount  | status   ||
|+-------------------------------------------------+--------------+--------------------+----------+|
||  arn:aws:ecs:us-east-1:123456789012:cluster/api |  api         |  0                 |  ACTIVE  ||
|+-------------------------------------------------+--------------+--------------------+----------+|
||                                            failures                                            ||
|+-------------------------------------------------------------------------------+----------------+|
||                                      arn                                      |    reason      ||
|+-------------------------------------------------------------------------------+----------------+|
||  arn:aws:ecs:us-east-1:123456789012:cluster/ghost                             |  MISSING       ||
|+-------------------------------------------------------------------------------+----------------+|
`);
  });

  it('turns single-row sections vertical when the table is wider than the terminal', () => {
    const out = formatResult(describeClusters, { output: 'table' });
    expect(out.split('\n').every((line) => line.length <= 80)).toBe(true);
    expect(out).toContain('||  clusterName       |  web                                             ||\n');
    expect(out).toContain('||  runningTasksCount |  2                                               ||\n');
  });

  it('shows a structure with one scalar member as a key | value row', () => {
    expect(renderTable('DeleteCluster', { cluster: { clusterName: 'web' } })).toBe(`--------------------------
|      DeleteCluster     |
+------------------------+
||        cluster       ||
|+--------------+-------+|
||  clusterName |  web  ||
|+--------------+-------+|
`);
  });

  it("writes Python's True and False in cells, and counts wide characters as two columns", () => {
    expect(renderTable('Op', { rows: [{ name: '日本', ok: true }] }, 200)).toBe(`--------------------
|        Op        |
+------------------+
||      rows      ||
|+-------+--------+|
|| name  |  ok    ||
|+-------+--------+|
||  日本 |  True  ||
|+-------+--------+|
`);
  });

  it('prints nothing for an empty result, and only a title for a bare scalar', () => {
    expect(formatResult(result({}), { output: 'table' })).toBe('');
    expect(formatResult(listClusters, { output: 'table', query: 'length(clusterArns)' })).toBe('--------------\n|ListClusters|\n+------------+\n');
  });
});
