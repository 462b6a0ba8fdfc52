import type { HealthCheck } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import { isObject } from './merge.js';
import { seconds, wholeNumber } from './units.js';

/** ECS's limits on a health check, checked here so that the error points at the file. */
const LIMITS = { interval: [5, 300], timeout: [2, 120], retries: [1, 10], startPeriod: [0, 300] } as const;

/**
 * A compose `healthcheck:` (or an ecs-params one, which also calls the test `command`) as
 * ECS's: a test list (`CMD ...`, `CMD-SHELL ...`) or a string (run by a shell), durations in
 * seconds. `disable: true` or a test of `NONE` means no check.
 */
export function healthCheckOf(value: unknown, where: (...path: string[]) => string, what: string): HealthCheck | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail(where(), `${what} is a map with test:, interval:, timeout:, retries:`);
  if (value.disable === true) return undefined;
  const testKey = value.test !== undefined ? 'test' : 'command';
  const test = value[testKey];
  let command: string[];
  if (typeof test === 'string') command = ['CMD-SHELL', test];
  else if (Array.isArray(test) && test.length > 0) command = test.map(String);
  else fail(where(testKey), `${what} needs test: (["CMD", ...], ["CMD-SHELL", "..."] or a shell command)`);
  if (command[0] === 'NONE') return undefined;
  if (command[0] !== 'CMD' && command[0] !== 'CMD-SHELL') fail(where(testKey), `the test of ${what} starts with CMD, CMD-SHELL or NONE, not ${command[0]}`);
  const check: HealthCheck = { command };
  const duration = (key: string, field: 'interval' | 'timeout' | 'startPeriod') => {
    if (value[key] === undefined || value[key] === null) return;
    const n = seconds(value[key], where(key), `${key} of ${what}`);
    within(n, field, where(key), `${key} of ${what}`);
    check[field] = n;
  };
  duration('interval', 'interval');
  duration('timeout', 'timeout');
  duration('start_period', 'startPeriod');
  if (value.retries !== undefined && value.retries !== null) {
    const retries = wholeNumber(value.retries, where('retries'), `retries of ${what}`);
    within(retries, 'retries', where('retries'), `retries of ${what}`);
    check.retries = retries;
  }
  return check;
}

function within(n: number, field: keyof typeof LIMITS, where: string, what: string): void {
  const [min, max] = LIMITS[field];
  if (n < min || n > max) fail(where, `${what} is ${n}${field === 'retries' ? '' : 's'}; ECS takes ${min} to ${max}${field === 'retries' ? '' : ' seconds'}`);
}
