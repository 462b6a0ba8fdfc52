import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

async function ecsRaw(target: string, body: string) {
  const res = await fetch(t.running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
  });
  return { status: res.status, json: (await res.json()) as { __type: string; message: string } };
}

describe('the wire', () => {
  it('answers malformed JSON with SerializationException', async () => {
    const out = await ecsRaw('AmazonEC2ContainerServiceV20141113.ListClusters', '{not json');
    expect(out.status).toBe(400);
    expect(out.json.__type).toBe('SerializationException');
  });

  it('answers an unknown target with UnknownOperationException', async () => {
    const out = await ecsRaw('AmazonEC2ContainerServiceV20141113.ListClustersPlease', '{}');
    expect(out.json.__type).toBe('UnknownOperationException');
  });

  it('names an ECS operation the sandbox lacks as unsupported', async () => {
    const out = await ecsRaw('AmazonEC2ContainerServiceV20141113.ExecuteCommand', '{}');
    expect(out.json.__type).toBe('UnsupportedFeatureException');
    expect(out.json.message).toContain('ExecuteCommand');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const out = await ecsRaw('AmazonEC2ContainerServiceV20141113.ListClusters', JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }));
    expect(out.status).toBe(413);
    expect(out.json.__type).toBe('RequestEntityTooLargeException');
  });

  it('answers EC2 query errors in EC2 XML', async () => {
    const res = await fetch(t.running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=NoSuchAction&Version=2016-11-15',
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).toContain('<Response><Errors><Error><Code>InvalidAction</Code>');
  });

  it('takes the region from the credential scope', async () => {
    const res = await fetch(t.running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.CreateCluster',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-south-1/ecs/aws4_request, SignedHeaders=host, Signature=abc',
      },
      body: '{"clusterName":"mumbai"}',
    });
    const json = (await res.json()) as { cluster: { clusterArn: string } };
    expect(json.cluster.clusterArn).toBe('arn:aws:ecs:ap-south-1:123456789012:cluster/mumbai');
  });
});
