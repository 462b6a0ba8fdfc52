import { randomUUID } from 'node:crypto';
import type { Sandbox } from '../../sandbox.js';

/**
 * Timers on the sandbox clock, for what the network's services do on their own (Consul's
 * check intervals, TTLs, Registrator's resync): they fire when simulated time reaches them,
 * so `--speed` compresses them and a test's manual clock drives them. Each is one job on the
 * sandbox's agenda; the callbacks live here, not in the saved state, so a job left over from
 * an earlier process finds no callback and does nothing.
 */
const JOB_KIND = 'network-timer';

interface TimerTable {
  /** Distinguishes this process's keys from those of jobs saved by an earlier one. */
  prefix: string;
  next: number;
  callbacks: Map<string, () => void>;
}

const tables = new WeakMap<Sandbox, TimerTable>();

function tableFor(sb: Sandbox): TimerTable {
  let table = tables.get(sb);
  if (!table) {
    const created: TimerTable = { prefix: randomUUID().slice(0, 8), next: 0, callbacks: new Map() };
    table = created;
    tables.set(sb, created);
    sb.onJob(JOB_KIND, (_sb, key) => {
      const callback = created.callbacks.get(key);
      created.callbacks.delete(key);
      callback?.();
    });
  }
  return table;
}

/** Runs `callback` once `delayMs` of simulated time has passed. Returns a cancel function. */
export function afterSimulated(sb: Sandbox, delayMs: number, callback: () => void): () => void {
  const table = tableFor(sb);
  const key = `${table.prefix}-${table.next++}`;
  table.callbacks.set(key, callback);
  sb.schedule(delayMs, JOB_KIND, key);
  return () => {
    table.callbacks.delete(key);
  };
}

/** Runs `callback` every `intervalMs` of simulated time, the first time after `firstDelayMs`. */
export function everySimulated(sb: Sandbox, firstDelayMs: number, intervalMs: number, callback: () => void): () => void {
  let cancelNext = () => {};
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    cancelNext = afterSimulated(sb, intervalMs, tick);
    callback();
  };
  cancelNext = afterSimulated(sb, firstDelayMs, tick);
  return () => {
    stopped = true;
    cancelNext();
  };
}
