/** The error codes AWS uses to say "slow down", across ECS, EC2 and the SDK's own retry layer. */
const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

export function isThrottling(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  return (typeof name === 'string' && THROTTLING_CODES.has(name)) || $metadata?.httpStatusCode === 429;
}

/** The longest a pane waits between polls however often it was throttled. */
const MAX_BACKOFF_MS = 60_000;

/** The delay after `throttledInARow` throttled polls: doubling from the interval, capped. */
export function backoffDelay(intervalMs: number, throttledInARow: number): number {
  if (throttledInARow <= 0) return intervalMs;
  return Math.min(Math.max(MAX_BACKOFF_MS, intervalMs), intervalMs * 2 ** throttledInARow);
}
