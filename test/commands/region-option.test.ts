import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLine } from '../../source/shell/run-line.js';
import { testShell, type TestShell } from '../shell/support.js';

/** The AWS CLI's --region on one command: it runs in that region; the session's region stays. */
let shell: TestShell;
const line = (text: string) => runLine(text, shell.context);
const clusterNames = async (text: string) => {
  const outcome = await line(text);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.output.trim().split(/\s+/).filter(Boolean);
};

beforeAll(() => {
  shell = testShell();
});
afterAll(() => shell.close());

describe('--region on an API command', () => {
  it('creates and lists in the region given, leaving the session in its own', async () => {
    expect(await line('ecs create-cluster --cluster-name west --region eu-west-1')).toMatchObject({ ok: true });
    expect(JSON.parse((await line('ecs describe-clusters --clusters west --region eu-west-1')).output).clusters[0].clusterArn).toBe(
      'arn:aws:ecs:eu-west-1:123456789012:cluster/west',
    );
    expect(await clusterNames('ecs list-clusters --query clusterArns[] --output text')).toEqual([]);
    expect(await clusterNames('ecs list-clusters --region eu-west-1 --query clusterArns[] --output text')).toEqual(['arn:aws:ecs:eu-west-1:123456789012:cluster/west']);
    expect(shell.session.state.region).toBe('us-east-1');
  });

  it('makes the key pair a command such as ecs-cli up asks for in the region it names', async () => {
    expect((await line('ec2 create-key-pair --key-name KEY_PAIR_ID --region eu-west-1')).ok).toBe(true);
    expect((await line('ec2 describe-key-pairs --key-names KEY_PAIR_ID --region eu-west-1')).ok).toBe(true);
    expect((await line('ec2 describe-key-pairs --key-names KEY_PAIR_ID')).error).toMatch(/InvalidKeyPair\.NotFound/);
  });

  it('waits in the region given', async () => {
    expect(await line('ecs wait services-inactive --cluster west --services nope --region eu-west-1')).toMatchObject({
      ok: false,
      status: 255,
      error: 'Waiter ServicesInactive failed: Waiter encountered a terminal failure state: For expression "failures[].reason" we matched expected path: "MISSING" at least once',
    });
  });
});
