import { REAL_CLOCK, type EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';

export interface PollOptions {
  /** Between two looks. */
  intervalMs: number;
  /** When to give up, counted on the verb's clock. */
  timeoutMs: number;
  /** What is awaited, for the message on timeout ("3 container instances to register"). */
  what: string;
  /** What to do about it, for the message on timeout. */
  hint?: string;
}

/** Looks until `probe` answers something, sleeping on the verb's clock in between. */
export async function pollUntil<T>(context: EcsCliContext, options: PollOptions, probe: () => Promise<T | undefined>): Promise<T> {
  const clock = context.clock ?? REAL_CLOCK;
  const start = clock.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (clock.now() - start >= options.timeoutMs) {
      throw new EcsCliError(`gave up after ${minutes(options.timeoutMs)} waiting for ${options.what}${options.hint ? `: ${options.hint}` : ''}`);
    }
    await clock.sleep(options.intervalMs, context.signal);
  }
}

/**
 * Deletes something EC2 may still see as in use for a while after what used it is gone (a
 * security group or subnet just after its instances terminated): DependencyViolation is retried.
 */
export async function retryWhileInUse(context: EcsCliContext, what: string, call: () => Promise<unknown>): Promise<void> {
  await pollUntil(context, { intervalMs: 5000, timeoutMs: 5 * 60_000, what: `${what} to be free` }, async () => {
    try {
      await call();
      return true;
    } catch (error) {
      if ((error as Error).name === 'DependencyViolation') return undefined;
      throw error;
    }
  });
}

function minutes(ms: number): string {
  const m = ms / 60_000;
  return `${Number.isInteger(m) ? m : m.toFixed(2)} minute${m === 1 ? '' : 's'}`;
}
