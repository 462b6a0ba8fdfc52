import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcsCliHarness, succeeded, type EcsCliHarness } from './support.js';

/**
 * What `compose service` logs while it waits, in ecs-cli's order (service_helper.go): each look
 * first says the status when the running count changed (counting from 0, so no "0 running"
 * line), then the service events that are new, then the stable state.
 */
let h: EcsCliHarness;
let cwd: string;

beforeAll(async () => {
  h = await startEcsCliHarness(7791);
  succeeded(await h.run('ecs-cli configure --cluster waiter --region us-east-1'));
  succeeded(await h.run('ecs-cli up --size 3 --capability-iam --instance-type t3.medium'));
  h.write('web/docker-compose.yml', 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n    mem_limit: 128m\n    ports:\n      - "80"\n');
  cwd = join(h.home, 'web');
});
afterAll(() => h?.close());

/** Each line as what it is: a status line with its running count, an event, the stable state, or another line. */
function shape(lines: string[]): string[] {
  return lines.map((line) => {
    const status = / Service status +desiredCount=(\d+) runningCount=(\d+) /.exec(line);
    if (status) return `status ${status[2]}/${status[1]}`;
    if (line.includes('reached a stable state')) return 'stable';
    const started = /\(service web\) has started (\d+) tasks/.exec(line);
    if (started) return `started ${started[1]}`;
    return line.includes('timestamp=') ? 'event' : 'other';
  });
}

describe('the service waiter\'s log', { timeout: 120_000 }, () => {
  it('up: no status line for 0 running, the status of 1 running before the stable state', async () => {
    const seen = shape(succeeded(await h.run('ecs-cli compose service up', { cwd })).stdout);
    expect(seen.filter((s) => s.startsWith('status'))).toEqual(['status 1/1']);
    expect(seen.indexOf('started 1')).toBeLessThan(seen.indexOf('status 1/1'));
    expect(seen[seen.length - 1]).toBe('stable');
  });

  it('scale 3: the status before the events of the same look, and every change of the running count up to 3 before the stable state', async () => {
    const seen = shape(succeeded(await h.run('ecs-cli compose service scale 3', { cwd })).stdout);
    const statuses = seen.filter((s) => s.startsWith('status'));
    // The first look counts the task already running as a change from 0, as ecs-cli does.
    expect(statuses[0]).toBe('status 1/3');
    expect(statuses[statuses.length - 1]).toBe('status 3/3');
    expect(new Set(statuses).size).toBe(statuses.length);
    expect(seen.indexOf('status 1/3')).toBeLessThan(seen.indexOf('started 2'));
    expect(seen.lastIndexOf('status 3/3')).toBeLessThan(seen.indexOf('stable'));
    expect(seen[seen.length - 1]).toBe('stable');
  });

  it('--timeout 0 does not wait, and says so as ecs-cli does', async () => {
    const run = succeeded(await h.run('ecs-cli compose service scale 1 --timeout 0', { cwd }));
    expect(run.stdout[run.stdout.length - 1]).toBe('WARN[0000] Timeout was specified as zero. Your service deployment may not have completed yet.');
  });
});
