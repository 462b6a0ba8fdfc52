import { join } from 'node:path';
import { CreateKeyPairCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS } from '../../support/sandbox.js';
import { startEcsCliHarness, succeeded, type EcsCliHarness } from './support.js';

/**
 * Which cluster and region a verb works on, as ecs-cli decides (--cluster, --cluster-config,
 * else the default configuration), and messages that name them and suggest lines that work
 * as given.
 */
let h: EcsCliHarness;
let euEcs: ECSClient;
let euEc2: EC2Client;

beforeAll(async () => {
  h = await startEcsCliHarness(7781);
  const config = { endpoint: h.t.running.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  euEcs = new ECSClient(config);
  euEc2 = new EC2Client(config);
});
afterAll(async () => {
  euEcs?.destroy();
  euEc2?.destroy();
  await h?.close();
});

async function status(client: ECSClient, cluster: string) {
  return (await client.send(new DescribeClustersCommand({ clusters: [cluster] }))).clusters?.[0]?.status;
}

describe('the cluster a verb works on', { timeout: 120_000 }, () => {
  it('is the default configuration\'s, which alone the shell shows as its cluster', async () => {
    succeeded(await h.run('ecs-cli configure --cluster myCluster --region us-east-1'));
    expect(h.session.cluster).toBe('myCluster');
    succeeded(await h.run('ecs-cli configure --cluster consul --region us-east-1 --config-name consul'));
    expect(h.session.cluster).toBe('myCluster');

    // `.cluster other` in the shell does not move ecs-cli off its configuration.
    h.session.setCluster('other');
    expect(succeeded(await h.run('ecs-cli up --empty')).stdout).toEqual(['INFO[0000] Created cluster                               cluster=myCluster region=us-east-1']);
    expect(await status(h.t.ecs, 'other')).toBeUndefined();
    expect(succeeded(await h.run('ecs-cli up --empty --cluster-config consul')).stdout[0]).toMatch(/cluster=consul region=us-east-1$/);

    succeeded(await h.run('ecs-cli configure default --config-name consul'));
    expect(h.session.cluster).toBe('consul');
    succeeded(await h.run('ecs-cli configure default --config-name default'));
    expect(h.session.cluster).toBe('myCluster');
  });

  it('may be named by one word as the talk typed it, when that word is the cluster the verb works on', async () => {
    const run = succeeded(await h.run('ecs-cli down myCluster --force'));
    expect(run.stdout[run.stdout.length - 1]).toMatch(/Deleted cluster +cluster=myCluster$/);
    expect(await status(h.t.ecs, 'myCluster')).toBe('INACTIVE');
  });

  it('is never another cluster than the word names: the line that names it is suggested', async () => {
    expect((await h.run('ecs-cli down consul --force')).stderr).toEqual([
      "ecs-cli down takes its cluster from --cluster or the cluster configuration, not from an argument, and 'consul' is not the cluster it works on (myCluster): run ecs-cli down --cluster consul --force",
    ]);
    expect(await status(h.t.ecs, 'consul')).toBe('ACTIVE');
    expect((await h.run('ecs-cli ps consul --desired-status RUNNING')).stderr).toEqual([
      "ecs-cli ps takes its cluster from --cluster or the cluster configuration, not from an argument, and 'consul' is not the cluster it works on (myCluster): run ecs-cli ps --cluster consul --desired-status RUNNING",
    ]);
    expect((await h.run('ecs-cli down consul --cluster consul --force')).stderr).toEqual(["ecs-cli down takes no argument 'consul': its cluster is the one --cluster names"]);
    expect((await h.run('ecs-cli down a b --force')).stderr).toEqual(["ecs-cli down takes no argument 'a'"]);
  });
});

describe('messages about another region than the shell\'s', { timeout: 120_000 }, () => {
  it('name the region, and suggest the API command with --region', async () => {
    succeeded(await h.run('ecs-cli configure --cluster far --region eu-west-1 --config-name far'));
    succeeded(await h.run('ecs-cli configure default --config-name far'));
    const refused = await h.run('ecs-cli up --keypair KEY_PAIR_ID --capability-iam');
    expect(refused.stderr).toEqual([
      `the key pair 'KEY_PAIR_ID' does not exist in eu-west-1: create it with "ec2 create-key-pair --key-name KEY_PAIR_ID --region eu-west-1", or leave --keypair out`,
    ]);
    expect(await status(euEcs, 'far')).toBeUndefined();

    // What the suggested command does: the key pair in eu-west-1, after which up goes through there.
    await euEc2.send(new CreateKeyPairCommand({ KeyName: 'KEY_PAIR_ID' }));
    const run = succeeded(await h.run('ecs-cli up --keypair KEY_PAIR_ID --capability-iam'));
    expect(run.stdout[0]).toBe('INFO[0000] Created cluster                               cluster=far region=eu-west-1');
    expect(await status(euEcs, 'far')).toBe('ACTIVE');
    expect(await status(h.t.ecs, 'far')).toBeUndefined();
  });

  it('a cluster that is not there: named with its region, and where to look', async () => {
    expect((await h.run('ecs-cli ps --cluster nope')).stderr).toEqual([
      "Cluster 'nope' is not active in eu-west-1. Ensure that it exists: ecs list-clusters --region eu-west-1 lists those there",
    ]);
    expect((await h.run('ecs-cli compose --project-name x service ps --cluster nope --region us-east-1')).stderr).toEqual([
      "Cluster 'nope' is not active in us-east-1. Ensure that it exists: ecs list-clusters lists those there",
    ]);
  });

  it('compose service start on a missing service: ecs-cli\'s words, the cluster and region, and a create line with the files given', async () => {
    h.write('php/docker-compose.yml', 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n    mem_limit: 64m\n');
    const run = await h.run('ecs-cli compose -f php/docker-compose.yml --project-name php-app service start');
    expect(run.stderr).toEqual([
      "Please use 'create' command to create the service 'php-app' in cluster far (eu-west-1) first: ecs-cli compose --file php/docker-compose.yml --project-name php-app service create",
    ]);
    const scaled = await h.run('ecs-cli compose --file php/docker-compose.yml --project-name php-app service scale 2 --cluster-config far');
    expect(scaled.stderr).toEqual([
      'there is no service php-app in cluster far (eu-west-1): create it with ecs-cli compose --file php/docker-compose.yml --project-name php-app --cluster-config far service up',
    ]);
    // The suggested line works as given.
    succeeded(await h.run('ecs-cli compose --file php/docker-compose.yml --project-name php-app service create', { cwd: h.home }));
    succeeded(await h.run('ecs-cli compose --file php/docker-compose.yml --project-name php-app service start --timeout 0', { cwd: join(h.home) }));
  });
});
