import type { Backend } from '../../api/index.js';
import type { ConfigLocations } from './config-files.js';

/** How a verb waits: real time by default; a test's simulated clock, so that waits take no real time. */
export interface VerbClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Where a verb runs: the shell, `ecsh -c`, a script or a test each give what they have. */
export interface EcsCliContext {
  backend: Backend;
  /** One line of output; `stderr` for a failure. */
  print(line: string, stream?: 'stdout' | 'stderr'): void;
  /** Asks a yes/no question; absent where nobody can answer (a script), which makes `down` need --force. */
  confirm?(question: string): Promise<boolean>;
  /** Where the ecs-cli configuration files are. */
  config: ConfigLocations;
  /** The shell's `.cluster`, which `configure` sets and verbs default to. */
  session?: { cluster?: string; setCluster(cluster: string): void };
  clock?: VerbClock;
  signal?: AbortSignal;
  /** Where relative paths (compose files) start. */
  cwd?: string;
  /** The environment ecs-cli's variables are read from (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * ecs-cli's [y/N] over a question answered with a line: `y` or `yes` (in any case) goes on;
 * anything else, an empty line included, does not.
 */
export function confirmWith(ask: (question: string) => Promise<string>): (question: string) => Promise<boolean> {
  return async (question) => /^y(es)?$/i.test((await ask(question)).trim());
}

/** A verb: the words after it, and where it runs; resolves to the exit status. */
export type Verb = (args: readonly string[], context: EcsCliContext) => Promise<number>;

export const REAL_CLOCK: VerbClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

function abortError(): Error {
  return Object.assign(new Error('cancelled'), { name: 'AbortError' });
}
