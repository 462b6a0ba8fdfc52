import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandboxBackend, type Backend } from '../../../source/api/index.js';
import { runEcsCli, type ConfigLocations } from '../../../source/commands/ecs-cli/index.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';

export interface VerbRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

export interface EcsCliHarness {
  t: TestSandbox;
  backend: Backend;
  config: ConfigLocations;
  /** A directory of its own for compose projects. */
  home: string;
  session: { cluster?: string; setCluster(cluster: string): void };
  /** Runs an ecs-cli line's words; waits advance the sandbox's manual clock, not real time. */
  run(line: string | string[], options?: { cwd?: string; confirm?: (question: string) => Promise<boolean>; env?: Record<string, string> }): Promise<VerbRun>;
  /** Writes a file under the harness's home and returns its path. */
  write(path: string, text: string): string;
  close(): Promise<void>;
}

/**
 * ecs-cli's verbs against a sandbox on a manual clock, through a backend that reaches it over
 * HTTP as `ecsh serve` is reached: every wait of a verb moves simulated time instead of real time.
 */
export async function startEcsCliHarness(seed: number): Promise<EcsCliHarness> {
  const t = await startTestSandbox({ seed, network: { notify: () => undefined } });
  const backend = await startSandboxBackend({ endpointUrl: t.running.url });
  const home = mkdtempSync(join(tmpdir(), 'ecsh-ecs-cli-'));
  const config = { ecshDir: join(home, 'ecsh'), ecsCliDir: join(home, '.ecs') };
  const session = {
    cluster: undefined as string | undefined,
    setCluster(cluster: string) {
      session.cluster = cluster;
    },
  };
  const clock = { now: () => t.clock.now(), sleep: async (ms: number) => t.advance(ms) };
  return {
    t,
    backend,
    config,
    home,
    session,
    async run(line, options = {}) {
      const words = Array.isArray(line) ? line : line.split(/\s+/).filter((w) => w !== '');
      const stdout: string[] = [];
      const stderr: string[] = [];
      const code = await runEcsCli(words, {
        backend,
        config,
        session,
        clock,
        cwd: options.cwd ?? home,
        env: options.env ?? {},
        confirm: options.confirm,
        print: (text, stream) => (stream === 'stderr' ? stderr : stdout).push(text),
      });
      return { code, stdout, stderr };
    },
    write(path, text) {
      const full = join(home, path);
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, text);
      return full;
    },
    async close() {
      await backend.close();
      await t.close();
    },
  };
}

/** Fails with what the verb printed when it did not succeed. */
export function succeeded(run: VerbRun): VerbRun {
  if (run.code !== 0) throw new Error(`the verb failed (${run.code}): ${run.stderr.join(' ')}\n${run.stdout.join('\n')}`);
  return run;
}
