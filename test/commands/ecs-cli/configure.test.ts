import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcsCliHarness, succeeded, type EcsCliHarness } from './support.js';

let h: EcsCliHarness;
beforeAll(async () => {
  h = await startEcsCliHarness(7741);
});
afterAll(() => h?.close());

const ECS_CLI_CONFIG = `version: v1
default: prod
clusters:
  prod:
    cluster: production
    region: eu-west-1
    default_launch_type: EC2
`;
const ECS_CLI_CREDENTIALS = `version: v1
default: work
ecs_profiles:
  work:
    aws_access_key_id: AKIAEXAMPLEWORK
    aws_secret_access_key: work-secret
`;

describe('configure', () => {
  it("reads a real ecs-cli set-up from ~/.ecs, and never writes to it", async () => {
    mkdirSync(h.config.ecsCliDir, { recursive: true });
    writeFileSync(join(h.config.ecsCliDir, 'config'), ECS_CLI_CONFIG);
    writeFileSync(join(h.config.ecsCliDir, 'credentials'), ECS_CLI_CREDENTIALS);
    // The default configuration names the cluster and the region verbs work on.
    expect(succeeded(await h.run('ecs-cli up --empty')).stdout).toEqual(['INFO[0000] Created cluster                               cluster=production region=eu-west-1']);
    expect(succeeded(await h.run('ecs-cli ps')).stdout).toEqual([]);
    succeeded(await h.run('ecs-cli configure --cluster staging --region us-west-2 --config-name staging --default-launch-type FARGATE'));
    expect(readFileSync(join(h.config.ecsCliDir, 'config'), 'utf8')).toBe(ECS_CLI_CONFIG);
    const copy = readFileSync(join(h.config.ecshDir, 'config'), 'utf8');
    expect(copy).toBe(`${ECS_CLI_CONFIG}  staging:\n    cluster: staging\n    region: us-west-2\n    default_launch_type: FARGATE\n`);
    expect(statSync(join(h.config.ecshDir, 'config')).mode & 0o777).toBe(0o600);
    expect(statSync(h.config.ecshDir).mode & 0o777).toBe(0o700);
    // Saved but not the default: later verbs still work on production, and the shell shows no other cluster.
    expect(h.session.cluster).toBeUndefined();
    expect(succeeded(await h.run('ecs-cli ps --desired-status RUNNING')).code).toBe(0);
  });

  it('switches the default configuration, and the shell\'s cluster with it', async () => {
    const run = succeeded(await h.run('ecs-cli configure default --config-name prod'));
    expect(run.stdout).toEqual(['INFO[0000] Set the default ECS CLI cluster configuration to prod.']);
    expect(readFileSync(join(h.config.ecshDir, 'config'), 'utf8')).toMatch(/^version: v1\ndefault: prod\n/);
    expect(h.session.cluster).toBe('production');
    const missing = await h.run('ecs-cli configure default --config-name nope');
    expect(missing.stderr).toEqual(["there is no cluster configuration 'nope' (saved: prod, staging)"]);
  });

  it('saves ECS profiles with ecs-cli\'s schema, printing no key', async () => {
    const run = succeeded(await h.run('ecs-cli configure profile --profile-name demo --access-key AKIAEXAMPLEDEMO --secret-key demo-secret'));
    expect(run.stdout).toEqual(['INFO[0000] Saved ECS CLI profile configuration demo.']);
    expect(run.stdout.join('\n')).not.toContain('demo-secret');
    const file = join(h.config.ecshDir, 'credentials');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(
      `${ECS_CLI_CREDENTIALS}  demo:\n    aws_access_key_id: AKIAEXAMPLEDEMO\n    aws_secret_access_key: demo-secret\n`,
    );
    succeeded(await h.run('ecs-cli configure profile default --profile-name demo'));
    expect(readFileSync(file, 'utf8')).toMatch(/^version: v1\ndefault: demo\n/);
    expect(readFileSync(join(h.config.ecsCliDir, 'credentials'), 'utf8')).toBe(ECS_CLI_CREDENTIALS);
  });

  it('takes the keys from the environment, as ecs-cli does', async () => {
    succeeded(await h.run('ecs-cli configure profile --profile-name env', { env: { AWS_ACCESS_KEY_ID: 'AKIAFROMENV', AWS_SECRET_ACCESS_KEY: 'env-secret' } }));
    expect(readFileSync(join(h.config.ecshDir, 'credentials'), 'utf8')).toContain('  env:\n    aws_access_key_id: AKIAFROMENV\n');
    const none = await h.run('ecs-cli configure profile --profile-name empty');
    expect(none.stderr).toEqual(['ecs-cli configure profile needs --access-key and --secret-key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)']);
  });

  it('names a missing configuration or profile in one line', async () => {
    expect((await h.run('ecs-cli ps --cluster-config nope')).stderr).toEqual([
      "there is no cluster configuration 'nope': save one with ecs-cli configure --config-name nope --cluster NAME --region REGION",
    ]);
    expect((await h.run('ecs-cli ps --ecs-profile nope')).stderr).toEqual([
      "there is no ECS profile 'nope': save one with ecs-cli configure profile --profile-name nope --access-key KEY --secret-key SECRET",
    ]);
  });

  it("refuses ecs-cli's pre-2017 INI files with what to do", async () => {
    writeFileSync(join(h.config.ecshDir, 'config'), '[ecs]\ncluster = old\nregion = us-east-1\n');
    const run = await h.run('ecs-cli ps');
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([`${join(h.config.ecshDir, 'config')} is not in ecs-cli's YAML format (version: v1); a pre-2017 INI file needs 'ecs-cli configure migrate' first`]);
  });
});
