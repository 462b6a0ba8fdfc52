import type { Backend } from '../api/index.js';
import type { WaiterSpec } from './api-index.js';

/** How a waiter spaces its checks on a backend, in the terms the SDK's waitUntil functions take. */
export interface WaiterPace {
  /** Real seconds between checks. */
  delay: number;
  /** Real seconds after which the SDK gives up (a timeout: "Max attempts exceeded"). */
  maxWaitTime: number;
  /** Runs before every check but the first: on a manual clock, the waiter's delay passes there. */
  beforeCheck?: () => Promise<void>;
  /** Where time does not pass on its own, the checks are counted instead: the CLI's number of them. */
  maxChecks?: number;
}

/** At most this many real seconds between checks on a sandbox: asking it is cheap, and nobody should wait for a poll. */
const SANDBOX_POLL_SECONDS = 1;
/** On a manual clock, the real pause after the clock moved, for what it started (ports, health checks) to settle. */
const MANUAL_CLOCK_SETTLE_SECONDS = 0.04;

/**
 * The AWS CLI checks every `delay` seconds, `maxAttempts` times. On AWS so does ecsh. A sandbox
 * runs on its own clock, which it tells at `/_ecsh/clock`: the waiter gives up after the same
 * simulated time (delay x checks), but checks at least every second of real time, so that a
 * wait ends as soon as what it waits for happened. A manual clock (tests, a demo being
 * verified) moves only when told: there the waiter moves it by its delay before each check,
 * as the CLI's sleep would have let it pass, and stops after the CLI's number of checks.
 */
export async function waiterPace(backend: Backend, waiter: WaiterSpec, signal?: AbortSignal): Promise<WaiterPace> {
  const cliTime = waiter.delay * waiter.maxAttempts;
  const speed = backend.kind === 'sandbox' && backend.endpoints !== undefined ? await sandboxSpeed(backend.endpoints, signal) : undefined;
  if (speed === undefined) return { delay: waiter.delay, maxWaitTime: cliTime };
  if (speed > 0) {
    const delay = Math.min(waiter.delay / speed, SANDBOX_POLL_SECONDS);
    return { delay, maxWaitTime: Math.max(cliTime / speed, delay * 2) };
  }
  const endpoint = backend.endpoints!;
  return {
    delay: MANUAL_CLOCK_SETTLE_SECONDS,
    // Only a safety net: the checks are counted.
    maxWaitTime: waiter.maxAttempts * 60,
    maxChecks: waiter.maxAttempts,
    beforeCheck: () => advanceClock(endpoint, waiter.delay * 1000, signal),
  };
}

/** The sandbox clock's speed (0 for a manual clock), or undefined for an endpoint that is not ecsh's sandbox. */
async function sandboxSpeed(endpoint: string, signal?: AbortSignal): Promise<number | undefined> {
  try {
    const response = await fetch(`${endpoint}/_ecsh/clock`, { signal: withTimeout(signal) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { speed?: unknown };
    return typeof body.speed === 'number' && body.speed >= 0 ? body.speed : undefined;
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

async function advanceClock(endpoint: string, ms: number, signal?: AbortSignal): Promise<void> {
  const response = await fetch(`${endpoint}/_ecsh/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }), signal: withTimeout(signal) });
  if (!response.ok) throw new Error(`the sandbox's clock did not move: ${((await response.json()) as { message?: string }).message ?? response.status}`);
}

function withTimeout(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(5_000);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
