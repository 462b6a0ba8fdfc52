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
  /** The error to fail with on timeout, instead of the one made of `what` and `hint`. */
  timeoutError?: () => Promise<Error>;
}

/** Looks until `probe` answers something, sleeping on the verb's clock in between. */
export async function pollUntil<T>(context: EcsCliContext, options: PollOptions, probe: () => Promise<T | undefined>): Promise<T> {
  const clock = context.clock ?? REAL_CLOCK;
  const start = clock.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (clock.now() - start >= options.timeoutMs) {
      if (options.timeoutError) throw await options.timeoutError();
      throw new EcsCliError(`gave up after ${minutes(options.timeoutMs)} waiting for ${options.what}${options.hint ? `: ${options.hint}` : ''}`);
    }
    await clock.sleep(options.intervalMs, context.signal);
  }
}

/** "5 minutes", "1 minute", "0.50 minutes". */
export function minutes(ms: number): string {
  const m = ms / 60_000;
  return `${Number.isInteger(m) ? m : m.toFixed(2)} minute${m === 1 ? '' : 's'}`;
}
