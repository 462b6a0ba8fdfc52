import { describe, expect, it } from 'vitest';
import { demoCommand } from '../../source/demo-command.js';
import { listDemos } from '../../source/demo/index.js';

/**
 * Every shipped demo still does what it says: `ecsh demo play NAME --mode verify` on a fresh
 * sandbox seeded from the script, each wait-for and expect an assertion. This is what CI runs.
 * Steps that need a Docker engine (or a program) that is not here are skipped, with a note.
 */
async function verify(name: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await demoCommand(['play', name, '--mode', 'verify'], { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

/**
 * A listener that cannot have its own address and port on this machine (port 80 without
 * privileges, outside Linux) falls back to 127.0.0.1 and an ephemeral port, which no seed fixes.
 */
function withoutFallbackPorts(transcript: string): string {
  return transcript.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
}

describe('the shipped demos pass verify mode', { timeout: 60_000 }, () => {
  it('ships the talk\'s two demos and docker-basics', () => {
    expect(listDemos().map((demo) => demo.name)).toEqual(['consul-discovery', 'docker-basics', 'php-app']);
  });

  it('php-app: a classic load balancer in front of the sample, curled, then a task ECS cannot place', async () => {
    const { code, stdout, stderr } = await verify('php-app');
    expect(stderr, stdout).not.toMatch(/failed:/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/<h2>Congratulations<\/h2>/);
    expect(stdout).toMatch(/was unable to place a task because no container instance met all of its requirements/);
    // What the closing narration says is on the screen: four wanted, three running, none pending.
    expect(stdout).toMatch(/\n# The service still wants four: desired 4, running 3, pending 0\. .*\n\$ ecs describe-services .*\n4\s+3\s+0\n/);
    expect(stdout).toMatch(/\nverified: \d+ steps/);
  });

  it('php-app gives the same transcript on every run', async () => {
    const first = await verify('php-app');
    const second = await verify('php-app');
    expect(first.code).toBe(0);
    expect(withoutFallbackPorts(second.stdout)).toBe(withoutFallbackPorts(first.stdout));
  });

  it('consul-discovery: Registrator registers dynamic ports in Consul, DNS and Fabio follow tasks as they come and go', async () => {
    const { code, stdout, stderr } = await verify('consul-discovery');
    expect(stderr, stdout).not.toMatch(/failed:/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nverified: \d+ steps/);
  });

  it('docker-basics: the Docker steps where an engine answers, then the task on the sandbox', async () => {
    const { code, stdout, stderr } = await verify('docker-basics');
    expect(stderr, stdout).not.toMatch(/failed:/);
    expect(code).toBe(0);
    expect(stdout).toContain('<h1>Hello World!</h1>');
  });
});
