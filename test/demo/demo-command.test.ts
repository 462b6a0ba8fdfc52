import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCommand } from '../../source/demo-command.js';

/** `ecsh demo` in-process, its output kept. */
async function demo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await demoCommand(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

let dir: string;
let configDir: string;
const savedConfigDir = process.env.ECSH_CONFIG_DIR;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecsh-demo-command-'));
  configDir = join(dir, 'config');
  process.env.ECSH_CONFIG_DIR = configDir;
});
afterEach(() => {
  if (savedConfigDir === undefined) delete process.env.ECSH_CONFIG_DIR;
  else process.env.ECSH_CONFIG_DIR = savedConfigDir;
});

function scriptFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('ecsh demo list and help', () => {
  it('lists each shipped demo with its title, lessons left out', async () => {
    const { code, stdout } = await demo('list');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(['consul-discovery', 'docker-basics', 'php-app']);
    expect(stdout).toContain('php-app           The PHP sample app behind a classic load balancer');
  });

  it('prints its usage for --help, and for nothing at all with status 2', async () => {
    expect(await demo('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('ecsh demo play NAME|FILE [--mode present|auto|verify]') });
    expect((await demo()).code).toBe(2);
  });

  it('answers a bad verb or flag with one line and the usage, status 2', async () => {
    for (const [args, message] of [
      [['frobnicate'], "ecsh demo: no demo command 'frobnicate': list, play or cast"],
      [['play', 'php-app', '--mode', 'fast'], "ecsh demo: --mode must be present, auto or verify, got 'fast'"],
      [['play', 'php-app', '--speed', '0'], "ecsh demo: --speed must be a positive number, got '0'"],
      [['play', 'php-app', '--mode', 'verify', '--cast', 'x.cast'], 'ecsh demo: --cast is for present and auto: verify draws no screen (ecsh demo cast renders one)'],
      [['play'], 'ecsh demo: demo play needs a demo: a NAME from ecsh demo list, or a FILE'],
      // Node's own wording follows.
      [['play', 'php-app', '--colour'], "ecsh demo: Unknown option '--colour'."],
      [['cast', 'a', 'b'], "ecsh demo: demo cast takes one demo, got 'a b'"],
      [['list', 'all'], "ecsh demo: demo list takes nothing after it, got 'all'"],
    ] as const) {
      const { code, stderr } = await demo(...args);
      expect(code).toBe(2);
      const [first, second] = stderr.split('\n');
      expect(first!.startsWith(message)).toBe(true);
      expect(second).toMatch(/^usage: ecsh demo list/);
    }
  });

  it('names a demo that does not exist, and the line of a broken one, before anything runs', async () => {
    expect(await demo('play', 'no-such-demo', '--mode', 'verify')).toMatchObject({ code: 1, stderr: 'ecsh: no demo no-such-demo; ecsh demo list shows them\n' });
    const broken = scriptFile('broken.demo', '## broken\necs list-clusters\n# wiat-for /x/\n');
    expect(await demo('play', broken, '--mode', 'verify')).toMatchObject({ code: 1, stderr: `ecsh: ${broken}:3: unknown directive '# wiat-for'; did you mean # wait-for?\n` });
  });
});

describe('ecsh demo play --mode verify', () => {
  it('prints the transcript and the count of steps verified, on a seeded sandbox, writing nothing to the config dir', async () => {
    const file = scriptFile(
      'small.demo',
      [
        '## a small demo',
        '# sandbox seed=99 speed=5',
        '# say a cluster with one instance',
        'ecs-cli configure --cluster small --region us-east-1 --config-name small',
        'ecs-cli up --capability-iam --size 1',
        '# wait-for /registered=1 size=1/',
        '# hidden',
        '!echo "hidden, and run with ECSH_ENDPOINT=${ECSH_ENDPOINT%%:*}"',
        '# shown',
        'ecs list-container-instances --query "length(containerInstanceArns)"',
        '# wait-for /^1$/m',
        '# requires screen',
        '.pane placement',
        '# say that is all',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await demo('play', file, '--mode', 'verify');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('# a cluster with one instance\n$ ecs-cli configure --cluster small --region us-east-1 --config-name small\nINFO[0000] Saved ECS CLI cluster configuration small.\n');
    expect(stdout).toMatch(/\nINFO\[0010\] Container instances registered\s+registered=1 size=1\nCluster creation succeeded\.\n/);
    expect(stdout).toContain('$ !echo "hidden, and run with ECSH_ENDPOINT=${ECSH_ENDPOINT%%:*}"    ## hidden\nhidden, and run with ECSH_ENDPOINT=http\n');
    expect(stdout).toContain('$ ecs list-container-instances --query "length(containerInstanceArns)"\n1\n');
    expect(stdout).toContain("$ .pane placement\n# skipped: this step needs the shell's screen (ecsh demo play --mode present or auto)\n");
    expect(stdout.endsWith('# that is all\nverified: 4 steps (1 skipped, as noted)\n')).toBe(true);
    expect(existsSync(configDir) ? readdirSync(configDir) : []).toEqual([]);
  });

  it('stops at the first failing step, naming FILE:LINE and the reason, with its output, status 1', async () => {
    const file = scriptFile('failing.demo', ['# sandbox seed=5', 'ecs create-cluster --cluster-name f --query cluster.status --output text', '# wait-for /INACTIVE/', 'ecs list-clusters'].join('\n'));
    const { code, stdout, stderr } = await demo('play', file, '--mode', 'verify');
    expect(code).toBe(1);
    expect(stdout).toBe('$ ecs create-cluster --cluster-name f --query cluster.status --output text\nACTIVE\n');
    expect(stderr).toBe(`step at ${file}:2 failed: its output does not match /INACTIVE/ (# wait-for at line 3)\nACTIVE\n`);
  });

  it('gives the same ids on every run of the same seed', async () => {
    const file = scriptFile('seeded.demo', ['# sandbox seed=31', 'ec2 create-vpc --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text', '# wait-for /^vpc-[0-9a-f]{17}$/m'].join('\n'));
    const first = await demo('play', file, '--mode', 'verify');
    const second = await demo('play', file, '--mode', 'verify');
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });
});
