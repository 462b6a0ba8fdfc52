import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendError, createAwsBackend } from '../../source/api/index.js';

const ENV = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION'];
const saved: Record<string, string | undefined> = {};

/** A ~/.aws of our own, so the test reads no real configuration. */
beforeEach(() => {
  for (const name of ENV) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  const dir = mkdtempSync(join(tmpdir(), 'ecsh-aws-'));
  writeFileSync(join(dir, 'config'), '[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\n\n[profile bare]\noutput = json\n');
  writeFileSync(join(dir, 'credentials'), '[dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = example-secret\n');
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
});
afterEach(() => {
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('the AWS backend', () => {
  it("takes the region from the profile, as the SDK finds it, and labels itself aws:PROFILE@REGION", async () => {
    const backend = await createAwsBackend({ profile: 'dev' });
    expect(backend).toMatchObject({ kind: 'aws', label: 'aws:dev@eu-west-1', region: 'eu-west-1', profile: 'dev' });
    expect(backend.endpoints).toBeUndefined();
    expect(await backend.ecs.config.region()).toBe('eu-west-1');
    await backend.close();
  });

  it('uses the default profile, then AWS_PROFILE, then an explicit region', async () => {
    expect((await createAwsBackend()).label).toBe('aws:default@us-west-2');
    process.env.AWS_PROFILE = 'dev';
    expect((await createAwsBackend()).label).toBe('aws:dev@eu-west-1');
    expect((await createAwsBackend({ region: 'ap-south-1' })).label).toBe('aws:dev@ap-south-1');
  });

  it('takes AWS_REGION over the profile, as the SDK does', async () => {
    process.env.AWS_REGION = 'ca-central-1';
    expect((await createAwsBackend({ profile: 'dev' })).region).toBe('ca-central-1');
  });

  it('says how to set a region when none is found', async () => {
    await expect(createAwsBackend({ profile: 'bare' })).rejects.toThrow(
      new BackendError("no AWS region is set: pass --region REGION, set AWS_REGION, or set region for profile 'bare' in ~/.aws/config"),
    );
  });

  it('passes the profile to the SDK clients, which resolve its credentials by the default chain', async () => {
    const backend = await createAwsBackend({ profile: 'dev' });
    const credentials = await backend.ec2.config.credentials();
    expect(credentials.accessKeyId).toBe('AKIDEXAMPLE');
  });
});
