import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DescribeInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { startSandboxBackend, type Backend } from '../../source/api/index.js';
import { executeLine, loadApiIndex, parseCommand, type ParsedCall } from '../../source/commands/index.js';
import { completeLine } from '../../source/completion/index.js';
import { runLine } from '../../source/shell/run-line.js';
import { testShell } from '../shell/support.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { ecsAmi } from '../sim/ec2/fixtures.js';

/** `ec2 run-instances` with the AWS CLI's --count, and MinCount/MaxCount of 1 when no count is given. */
const index = loadApiIndex();
let t: TestSandbox;
let backend: Backend;
let image: string;
beforeAll(async () => {
  t = await startTestSandbox();
  backend = await startSandboxBackend({ endpointUrl: t.running.url });
  image = await ecsAmi(t);
});
afterAll(async () => {
  await backend.close();
  await t.close();
});

/** Every test starts with no live instances. */
beforeEach(async () => {
  const ids = await liveInstances();
  if (ids.length > 0) await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }));
});

async function liveInstances(): Promise<string[]> {
  const out = await t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] }));
  return (out.Reservations ?? []).flatMap((r) => r.Instances!.map((i) => i.InstanceId!));
}

const launch = (options: string) => `ec2 run-instances --image-id ${image} --instance-type t3.micro ${options}`.trim();

async function launched(options: string): Promise<number> {
  const outcome = await executeLine(`${launch(options)} --query 'length(Instances)' --output text`, { backend, index });
  if (!outcome.ok) throw new Error(outcome.text);
  return Number(outcome.text.trim());
}

function counts(options: string): unknown {
  const parsed = parseCommand(launch(options), { index }) as ParsedCall;
  return { MinCount: parsed.input.MinCount, MaxCount: parsed.input.MaxCount, count: parsed.input.count };
}

async function refusal(options: string): Promise<string> {
  const outcome = await executeLine(launch(options), { backend, index });
  expect(outcome.ok).toBe(false);
  return outcome.text;
}

describe('ec2 run-instances --count', () => {
  it('launches one instance when no count is given', async () => {
    expect(counts('')).toEqual({ MinCount: 1, MaxCount: 1, count: undefined });
    expect(await launched('')).toBe(1);
    expect(await liveInstances()).toHaveLength(1);
  });

  it('launches exactly N with --count N', async () => {
    expect(counts('--count 2')).toEqual({ MinCount: 2, MaxCount: 2, count: undefined });
    expect(await launched('--count 2')).toBe(2);
  });

  it('asks for a range with --count MIN:MAX, and the sandbox launches the maximum', async () => {
    expect(counts('--count 1:3')).toEqual({ MinCount: 1, MaxCount: 3, count: undefined });
    expect(await launched('--count=1:3')).toBe(3);
  });

  it('still takes --min-count and --max-count, one standing for both when alone', async () => {
    expect(counts('--min-count 2 --max-count 3')).toEqual({ MinCount: 2, MaxCount: 3, count: undefined });
    expect(counts('--min-count 2')).toEqual({ MinCount: 2, MaxCount: 2, count: undefined });
    expect(await launched('--max-count 2')).toBe(2);
  });

  it('lets --count win over counts from --cli-input-json, as options on the line do', () => {
    expect(counts(`--cli-input-json '{"MinCount": 5, "MaxCount": 5}' --count 2`)).toEqual({ MinCount: 2, MaxCount: 2, count: undefined });
    expect(counts(`--cli-input-json '{"MinCount": 3, "MaxCount": 4}'`)).toEqual({ MinCount: 3, MaxCount: 4, count: undefined });
  });

  it('refuses a count that is not N or MIN:MAX, in one line that says what to give, and launches nothing', async () => {
    expect(await refusal('--count x')).toBe("Error parsing parameter '--count': expected a number of instances or a range MIN:MAX, as in 2 or 1:3, but got 'x'");
    expect(await refusal('--count 3:1')).toBe("Error parsing parameter '--count': the minimum 3 is more than the maximum 1; give the smaller number first, as in 1:3");
    expect(await refusal('--count 0')).toBe("Error parsing parameter '--count': at least one instance must be launched, but got '0'");
    expect(await refusal('--count 1:2:3')).toMatch(/^Error parsing parameter '--count': expected a number of instances or a range MIN:MAX/);
    expect(await refusal('--count')).toBe('--count expects a value (string)');
    expect(await refusal('--count 2 --min-count 2')).toBe('--count cannot be given with --min-count; give the range as --count MIN:MAX');
    expect(await refusal('--max-count 3 --count 2 --min-count 1')).toBe('--count cannot be given with --min-count and --max-count; give the range as --count MIN:MAX');
    expect(await refusal('--count 2 --count 3')).toBe('--count was given more than once');
    expect(await liveInstances()).toEqual([]);
  });

  it('leaves --count out of the input skeleton, which keeps MinCount and MaxCount', async () => {
    const outcome = await executeLine(`ec2 run-instances --generate-cli-skeleton`, { backend, index });
    const skeleton = JSON.parse(outcome.text) as Record<string, unknown>;
    expect(skeleton).toMatchObject({ MinCount: 0, MaxCount: 0 });
    expect(Object.keys(skeleton)).not.toContain('count');
  });
});

describe('--count in completion and help', () => {
  it('is offered with its description, and --min-count and --max-count are no longer required', () => {
    const result = completeLine('ec2 run-instances --cou', 'ec2 run-instances --cou'.length, { catalog: index });
    expect(result.candidates[0]).toMatchObject({ label: '--count', doc: 'Number of instances to launch: N, or a range MIN:MAX (default 1).', required: false });
    const all = completeLine('ec2 run-instances --', 'ec2 run-instances --'.length, { catalog: index, limit: 1000 }).candidates;
    const required = all.filter((c) => c.required).map((c) => c.label);
    expect(required).not.toContain('--min-count');
    expect(required).not.toContain('--max-count');
    expect(all.map((c) => c.label)).toContain('--min-count');
  });

  it('.help lists --count, and the counts as optional', async () => {
    const shell = testShell();
    try {
      const help = (await runLine('.help ec2 run-instances', shell.context)).output!;
      expect(help).toContain('--count');
      expect(help).toContain('Number of instances to launch: N, or a range MIN:MAX (default 1).');
      expect(help).not.toContain('--min-count *');
      expect(help).not.toContain('--max-count *');
    } finally {
      await shell.close();
    }
  });
});
