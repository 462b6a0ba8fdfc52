import { randomUUID } from 'node:crypto';
import { ManualClock } from '../clock.js';
import type { Sandbox } from '../sandbox.js';

/**
 * Timers on the sandbox clock, for what simulated hosts do on their own (a container's
 * `sleep`, a health check's interval), so that `--speed` and a test's manual clock move them.
 * On a scaled clock they are real timers of the scaled length; on a manual clock they are jobs,
 * which run when the test advances the clock. They are not part of the saved state: whatever
 * set them is gone after a restart too.
 */
const TIMER_JOB = 'sandbox-timer';

interface Timers {
  /** Unique to this process, so that jobs left in a reloaded state never fire a new timer. */
  prefix: string;
  next: number;
  pending: Map<string, () => void>;
  real: Set<NodeJS.Timeout>;
}

const timersBySandbox = new WeakMap<Sandbox, Timers>();

function timersOf(sb: Sandbox): Timers {
  let timers = timersBySandbox.get(sb);
  if (!timers) {
    const created: Timers = { prefix: randomUUID(), next: 0, pending: new Map(), real: new Set() };
    timers = created;
    timersBySandbox.set(sb, created);
    sb.onJob(TIMER_JOB, (_sb, key) => {
      const fire = created.pending.get(key);
      created.pending.delete(key);
      fire?.();
    });
    sb.events.once('close', () => {
      created.pending.clear();
      for (const timer of created.real) clearTimeout(timer);
      created.real.clear();
    });
  }
  return timers;
}

/** Calls `fire` after `delayMs` of sandbox time; the returned function cancels it. */
export function sandboxTimer(sb: Sandbox, delayMs: number, fire: () => void): () => void {
  const timers = timersOf(sb);
  if (sb.clock instanceof ManualClock) {
    const key = `${timers.prefix}:${timers.next++}`;
    timers.pending.set(key, fire);
    sb.schedule(delayMs, TIMER_JOB, key);
    return () => {
      timers.pending.delete(key);
    };
  }
  const timer = setTimeout(() => {
    timers.real.delete(timer);
    fire();
  }, Math.max(0, delayMs) / sb.clock.speed);
  timer.unref();
  timers.real.add(timer);
  return () => {
    clearTimeout(timer);
    timers.real.delete(timer);
  };
}

/** Resolves after `delayMs` of sandbox time, or never when `signal` aborts first. */
export function sandboxSleep(sb: Sandbox, delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return;
    const cancel = sandboxTimer(sb, delayMs, () => {
      signal?.removeEventListener('abort', cancel);
      resolve();
    });
    signal?.addEventListener('abort', cancel, { once: true });
  });
}
