import { missingRequirement, requirementNote } from './requirements.js';
import type { DemoScript, DemoStep, StepOutcome } from './script-types.js';
import { lineToRun, outcomeText } from './step-line.js';
import { retryTimeoutMs, stepProblem } from './step-problem.js';

/** Simulated time between two runs of a step whose `# wait-for` has not matched yet. */
export const RETRY_INTERVAL_MS = 1000;

/** What the verifier does, in order, for a transcript. */
export type VerifyEvent =
  | { type: 'say'; text: string }
  /** A step is about to run. */
  | { type: 'step'; step: DemoStep }
  /** A step's last run: the one that passed, or the one that failed. */
  | { type: 'outcome'; step: DemoStep; outcome: StepOutcome; attempts: number }
  | { type: 'skipped'; step: DemoStep; note: string };

export interface VerifyOptions {
  /** Runs one line as the shell does (on the demo's sandbox). */
  runLine(line: string): Promise<StepOutcome>;
  /**
   * Moves the sandbox's time on before a step runs again: a manual clock, so that verifying
   * never waits on the wall clock. Without it, the verifier waits that long for real.
   */
  advance?(ms: number): Promise<void>;
  onEvent?(event: VerifyEvent): void;
  /** Variables for `!` steps besides the script's `# env` (ECSH_ENDPOINT: the sandbox's URL). */
  env?: Readonly<Record<string, string>>;
  /** Whether a step's `# requires` is here (default: programs on the PATH, a Docker engine that answers). */
  missing?(names: readonly string[]): Promise<string | undefined>;
  /**
   * The line a step runs, found just before it runs (default: its command, with `env` for a
   * `!` step): a lesson runs a step's answer from where the sandbox is, its ids read from it.
   */
  lineFor?(step: DemoStep): Promise<string>;
}

export interface VerifyResult {
  ok: boolean;
  failed?: { step: DemoStep; reason: string; output: string };
  /** Steps run and passed. */
  verified: number;
  /** Steps skipped for what they require. */
  skipped: number;
}

/**
 * Runs every step of a script, hidden ones too, with no delays, and treats every directive as
 * an assertion: the exit status must be the expected one, each wait-for must match the output
 * and each check must pass. Steps that `# requires screen` (a live pane) are skipped: verifying
 * draws no screen. A step with a wait-for timeout runs again, after the sandbox's time
 * moves on, until it passes or the timeout is used up. Stops at the first step that fails.
 */
export async function verifyDemo(script: DemoScript, options: VerifyOptions): Promise<VerifyResult> {
  const emit = options.onEvent ?? (() => undefined);
  const missing = options.missing ?? missingRequirement;
  const advance = options.advance ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let verified = 0;
  let skipped = 0;
  for (const step of script.steps) {
    for (const text of step.say) emit({ type: 'say', text });
    const absent = step.requires?.includes('screen') ? 'screen' : await missing(step.requires ?? []);
    if (absent !== undefined) {
      emit({ type: 'skipped', step, note: requirementNote(absent) });
      skipped++;
      continue;
    }
    emit({ type: 'step', step });
    const line = options.lineFor ? await options.lineFor(step) : lineToRun(step, options.env);
    const timeoutMs = retryTimeoutMs(step);
    let waitedMs = 0;
    for (let attempts = 1; ; attempts++) {
      const outcome = await options.runLine(line);
      const reason = await stepProblem(step, outcome, options.runLine);
      if (reason === undefined || waitedMs >= timeoutMs) {
        emit({ type: 'outcome', step, outcome, attempts });
        if (reason !== undefined) {
          const waited = timeoutMs > 0 ? ` (still, after ${seconds(waitedMs)} of sandbox time)` : '';
          return { ok: false, failed: { step, reason: `${reason}${waited}`, output: outcomeText(outcome) }, verified, skipped };
        }
        break;
      }
      const ms = Math.min(RETRY_INTERVAL_MS, timeoutMs - waitedMs);
      await advance(ms);
      waitedMs += ms;
    }
    verified++;
  }
  for (const text of script.closing) emit({ type: 'say', text });
  return { ok: true, verified, skipped };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
