import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';

/** Every answer carries one request id, a UUID, in the x-amzn-requestid header and wherever its body repeats it. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(t.running.url, { method: 'POST', headers, body });
  return { status: res.status, id: res.headers.get('x-amzn-requestid') ?? '', text: await res.text() };
}

const json = (target: string) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function bodyId(text: string, element: string): string | undefined {
  return new RegExp(`<${element}>([^<]*)</${element}>`).exec(text)?.[1];
}

describe('request ids', () => {
  it('are UUIDs on ECS and SSM answers, successes and errors alike, a new one each time', async () => {
    const ok = await post('{}', json('AmazonEC2ContainerServiceV20141113.ListClusters'));
    const failed = await post('{"cluster":"nowhere"}', json('AmazonEC2ContainerServiceV20141113.DescribeServices'));
    const ssm = await post('{"Name":"/nope"}', json('AmazonSSM.GetParameter'));
    expect([ok.status, failed.status, ssm.status]).toEqual([200, 400, 400]);
    for (const answer of [ok, failed, ssm]) expect(answer.id).toMatch(UUID);
    expect(new Set([ok.id, failed.id, ssm.id]).size).toBe(3);
  });

  it('are the same in the header and the body of EC2 answers and errors', async () => {
    const ok = await post('Action=DescribeVpcs&Version=2016-11-15', form);
    expect(ok.status).toBe(200);
    expect(ok.id).toMatch(UUID);
    expect(bodyId(ok.text, 'requestId')).toBe(ok.id);
    const failed = await post('Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0123456789abcdef0', form);
    expect(failed.status).toBe(400);
    expect(failed.id).toMatch(UUID);
    expect(bodyId(failed.text, 'RequestID')).toBe(failed.id);
    const unknown = await post('Action=NoSuchAction&Version=2016-11-15', form);
    expect(bodyId(unknown.text, 'RequestID')).toBe(unknown.id);
  });

  it('are the same in the header and the body of ELB answers and errors', async () => {
    const ok = await post('Action=DescribeLoadBalancers&Version=2015-12-01', form);
    expect(ok.status).toBe(200);
    expect(bodyId(ok.text, 'RequestId')).toBe(ok.id);
    const failed = await post('Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=nope', form);
    expect(failed.status).toBe(400);
    expect(failed.id).toMatch(UUID);
    expect(bodyId(failed.text, 'RequestId')).toBe(failed.id);
  });

  it('come with a refused oversized body too', async () => {
    const big = await post(`Action=DescribeVpcs&Version=2016-11-15&Pad=${'x'.repeat(1024 * 1024 + 10)}`, form);
    expect(big.status).toBe(413);
    expect(bodyId(big.text, 'RequestID')).toBe(big.id);
  });
});
