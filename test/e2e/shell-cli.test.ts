import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../support/cli.js';

/** The built CLI, without a terminal, with its own config dir. */
function ecsh(args: string[], input?: string, config = mkdtempSync(join(tmpdir(), 'ecsh-cli-'))) {
  const run = spawnSync(process.execPath, [requireBuiltCli(), ...args], {
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ECSH_CONFIG_DIR: config },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('ecsh -c', () => {
  it('runs one line and exits 0 when it worked', () => {
    const run = ecsh(['--ephemeral', '-c', 'ecs create-cluster --cluster-name demo --query cluster.clusterArn --output text']);
    expect(run).toMatchObject({ status: 0, stdout: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo\n', stderr: '' });
  });

  it('exits 1 with the error in one line when it did not', () => {
    const run = ecsh(['--ephemeral', '-c', 'ecs list-cluster']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("ecsh: unknown operation 'list-cluster'; did you mean list-clusters?\n");
  });

  it('keeps the sandbox in the config dir between runs, unless --ephemeral', () => {
    const config = mkdtempSync(join(tmpdir(), 'ecsh-cli-'));
    expect(ecsh(['-c', 'ecs create-cluster --cluster-name kept'], undefined, config).status).toBe(0);
    expect(ecsh(['-c', 'ecs list-clusters --output text'], undefined, config).stdout).toContain('cluster/kept');
    expect(ecsh(['--ephemeral', '-c', 'ecs list-clusters --output text'], undefined, config).stdout).not.toContain('cluster/kept');
  });

  it('takes the default cluster from --cluster', () => {
    const config = mkdtempSync(join(tmpdir(), 'ecsh-cli-'));
    ecsh(['-c', 'ecs create-cluster --cluster-name web'], undefined, config);
    expect(ecsh(['--cluster', 'web', '-c', 'ecs list-services'], undefined, config).status).toBe(0);
    expect(ecsh(['-c', 'ecs list-services'], undefined, config).stderr).toContain('ClusterNotFoundException');
  });
});

describe('a script on stdin', () => {
  const script = ['# set up', 'ecs create-cluster --cluster-name one --query cluster.clusterName --output text', 'ecs nope', 'ecs create-cluster --cluster-name two --query cluster.clusterName --output text', ''].join('\n');

  it('runs line by line and stops at the first error, with status 1', () => {
    const run = ecsh(['--ephemeral'], script);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('one\n');
    expect(run.stderr).toBe("ecsh: line 3: unknown operation 'nope' for ecs\n");
  });

  it('goes on after errors with --continue-on-error, still ending with status 1', () => {
    const run = ecsh(['--ephemeral', '--continue-on-error'], script);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('one\ntwo\n');
  });

  it('ends with status 0 when every line worked, dot commands included', () => {
    const run = ecsh(['--ephemeral'], 'ecs create-cluster --cluster-name demo\n.cluster demo\necs list-services --output text\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('default cluster: demo');
  });
});

describe('flags', () => {
  it('--help and --version answer and exit 0', () => {
    expect(ecsh(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('-c, --command LINE') });
    expect(ecsh(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('refuses unknown and contradictory flags with status 2', () => {
    expect(ecsh(['--bogus'])).toMatchObject({ status: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
    expect(ecsh(['--backend', 'mainframe'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--backend must be sandbox or aws') });
    expect(ecsh(['--ephemeral', '--backend', 'aws'])).toMatchObject({ status: 2 });
    expect(ecsh(['--ephemeral', '--endpoint-url', 'http://127.0.0.1:1'])).toMatchObject({ status: 2 });
  });

  it('says in one line when the endpoint is not there', () => {
    const run = ecsh(['--endpoint-url', 'http://127.0.0.1:9', '-c', 'ecs list-clusters']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('ecsh: Could not connect to the endpoint URL: "http://127.0.0.1:9"\n');
  });
});
