import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../support/cli.js';

/** `node dist/cli.js learn ARGS` with lines piped on stdin and a config dir of its own. */
function ecshLearn(args: string[], lines: string[], config: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'learn', ...args], { env: { ...process.env, ECSH_CONFIG_DIR: config }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}

describe.skipIf(!existsSync(CLI))('ecsh learn through the built CLI, without a terminal', () => {
  it('hints after a wrong try, passes the right one, and saves the progress in the config dir', async () => {
    const config = mkdtempSync(join(tmpdir(), 'ecsh-learn-cli-'));
    const run = await ecshLearn(
      ['services'],
      ['ecs create-service --cluster learn --service-name web --task-definition web --desired-count 1', 'ecs update-service --cluster learn --service web --desired-count 2'],
      config,
    );
    expect(run.stdout).toMatch(/^Step 1 of 6\nYour sandbox has cluster learn with two instances/);
    expect(run.stdout).toContain('\nHint: ecs create-service needs --cluster, --service-name, --task-definition and --desired-count.\n');
    expect(run.stdout).toContain('\n✓ Well done: step 1 of 6 is done.\nStep 2 of 6\n');
    // stdin ended before the lesson did.
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('ecsh: the lesson services is not finished; ecsh learn services goes on where you are\n');
    expect(JSON.parse(readFileSync(join(config, 'lessons.json'), 'utf8')).lessons).toEqual({ services: { completed: 1, done: false } });

    const listed = await ecshLearn([], [], config);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/\nservices +1\/6 steps +Services: /);
  });

  it('names the lessons when asked for one that is not', async () => {
    const run = await ecshLearn(['servcies'], [], mkdtempSync(join(tmpdir(), 'ecsh-learn-cli-')));
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: 'ecsh: no lesson servcies; the lessons are deployments, first-cluster, load-balancers, placement, service-discovery, services\n',
    });
  });
});
