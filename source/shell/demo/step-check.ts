import { outcomeText, runStateCheck, type DemoStep, type StepOutcome } from '../../demo/index.js';

/**
 * Why a step's outcome is not what the script expects (its exit, its `# wait-for`s, its
 * `# check`s), or undefined when it is. On screen this is said, not fatal: the show goes on.
 */
export async function stepProblem(step: DemoStep, outcome: StepOutcome, runLine: (line: string) => Promise<StepOutcome>): Promise<string | undefined> {
  if (step.expectExit === 0 && !outcome.ok) return `it failed: ${outcome.error ?? 'exit status 1'}`;
  if (step.expectExit === 1 && outcome.ok) return 'it succeeded, but the script expects it to fail';
  const text = outcomeText(outcome);
  for (const wait of step.waitFor) {
    wait.pattern.lastIndex = 0;
    if (!wait.pattern.test(text)) return `its output does not show ${wait.source}`;
  }
  for (const check of step.checks) {
    const result = await runStateCheck(check, runLine);
    if (!result.ok) return `the check at line ${check.line} did not pass: ${result.detail}`;
  }
  return undefined;
}

/** How long (in the sandbox's time) a step may be run again until its `# wait-for`s match. */
export function retryTimeoutMs(step: DemoStep): number {
  return Math.max(0, ...step.waitFor.map((wait) => wait.timeoutMs));
}
