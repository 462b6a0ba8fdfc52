import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxBackend, type Backend } from '../../source/api/index.js';
import { executeLine, loadApiIndex } from '../../source/commands/index.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/** EC2 through the command language: the query protocol, XML answers and UTC times, on the real index. */
const index = loadApiIndex();
let t: TestSandbox;
let backend: Backend;
beforeAll(async () => {
  t = await startTestSandbox();
  backend = await startSandboxBackend({ endpointUrl: t.running.url });
});
afterAll(async () => {
  await backend.close();
  await t.close();
});

const run = async (line: string) => {
  const outcome = await executeLine(line, { backend, index });
  if (!outcome.ok) throw new Error(outcome.text);
  return outcome.text;
};

describe('EC2 commands', () => {
  it('launches instances and shows them with times in UTC, as the CLI does for EC2', async () => {
    const image = (await run(`ec2 describe-images --owners amazon --query 'Images[0].ImageId' --output text`)).trim();
    expect(image).toMatch(/^ami-/);
    const launched = JSON.parse(await run(`ec2 run-instances --image-id ${image} --min-count 2 --max-count 2 --instance-type t3.micro`));
    expect(launched.Instances).toHaveLength(2);
    const times = JSON.parse(await run(`ec2 describe-instances --query 'Reservations[].Instances[].LaunchTime'`)) as string[];
    expect(times).toHaveLength(2);
    for (const time of times) expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/);
  });

  it('filters with shorthand and prints text rows', async () => {
    const text = await run(`ec2 describe-instances --filters Name=instance-type,Values=t3.micro --query 'Reservations[].Instances[].[InstanceType]' --output text`);
    expect(text).toBe('t3.micro\nt3.micro\n');
  });

  it('answers --dry-run with the error the CLI shows', async () => {
    const outcome = await executeLine('ec2 describe-vpcs --dry-run', { backend, index });
    expect(outcome).toMatchObject({
      ok: false,
      text: 'An error occurred (DryRunOperation) when calling the DescribeVpcs operation: Request would have succeeded, but DryRun flag is set.',
    });
  });
});
