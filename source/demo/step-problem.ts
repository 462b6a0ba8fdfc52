import type { DemoStep, StepOutcome } from './script-types.js';
import { runStateCheck } from './state-check.js';
import { outcomeText } from './step-line.js';

/**
 * Why a step's outcome is not what its script expects (its exit, its `# wait-for`s, its
 * `# check`s), naming the directive and its line; undefined when it is. The verifier fails on
 * it, the screen says it and goes on.
 */
export async function stepProblem(step: DemoStep, outcome: StepOutcome, runLine: (line: string) => Promise<StepOutcome>): Promise<string | undefined> {
  if (step.expectExit === 0 && !outcome.ok) return `it failed: ${outcome.error ?? 'exit status 1'}`;
  if (step.expectExit === 1 && outcome.ok) return 'it succeeded, but # expect exit 1 says it must fail';
  const text = outcomeText(outcome);
  for (const wait of step.waitFor) {
    wait.pattern.lastIndex = 0;
    if (!wait.pattern.test(text)) return `its output does not match ${wait.source} (# wait-for at line ${wait.line})`;
  }
  for (const check of step.checks) {
    const result = await runStateCheck(check, runLine);
    if (!result.ok) return `# check at line ${check.line} did not pass: ${result.detail}`;
  }
  return undefined;
}

/** How long (in the sandbox's time) a step may be run again until its `# wait-for`s match. */
export function retryTimeoutMs(step: DemoStep): number {
  return Math.max(0, ...step.waitFor.map((wait) => wait.timeoutMs));
}
