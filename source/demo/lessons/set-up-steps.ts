import type { DemoScript, DemoStep, StepOutcome } from '../script-types.js';
import { verifyDemo } from '../verify.js';
import { lessonLine } from './lesson-answer.js';

export type SetUpResult = { ok: true } | { ok: false; step: DemoStep; reason: string };

/**
 * Runs steps off screen as the verifier does (every wait-for and check an assertion, a step
 * run again until its wait-for matches): a lesson's hidden set-up, and, when a learner comes
 * back, the answers of the steps already done (from where the sandbox is: a task id is this
 * sandbox's), which rebuild the fresh sandbox's state. The sandbox's clock runs `speed` times
 * real time, so `advance(ms)` of its time is ms / speed of ours.
 */
export async function runSetUpSteps(
  script: DemoScript,
  steps: DemoStep[],
  runLine: (line: string) => Promise<StepOutcome>,
  speed: number,
): Promise<SetUpResult> {
  if (steps.length === 0) return { ok: true };
  const advance = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / speed));
  const result = await verifyDemo({ ...script, steps, closing: [] }, { runLine, advance, lineFor: (step) => lessonLine(step, runLine) });
  return result.ok ? { ok: true } : { ok: false, step: result.failed!.step, reason: result.failed!.reason };
}
