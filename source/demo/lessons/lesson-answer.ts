import { ANSWER_VALUE } from '../directive-values.js';
import type { DemoStep, StepOutcome } from '../script-types.js';
import { queryState, runStateCheck } from '../state-check.js';
import { lineToRun } from '../step-line.js';

/**
 * The answer to a step from where the learner is: the first `# answer` whose `# when` holds
 * now (or that has none), its `{{LINE => JMESPATH}}` values read from the sandbox; else the
 * step's own command. A learner whose wrong try left something behind (a service, a set-up
 * of ecs-cli up) needs another line than one starting afresh.
 */
export async function answerFor(step: DemoStep, runLine: (line: string) => Promise<StepOutcome>): Promise<string> {
  for (const answer of step.answers) {
    if (answer.when && !(await runStateCheck(answer.when, runLine)).ok) continue;
    const filled = await fillValues(answer.command, runLine);
    if (filled !== undefined) return filled;
  }
  return step.command;
}

/** The line with each `{{LINE => JMESPATH}}` replaced by the text it gives; undefined when one gives none. */
async function fillValues(command: string, runLine: (line: string) => Promise<StepOutcome>): Promise<string | undefined> {
  let filled = '';
  let from = 0;
  for (const match of command.matchAll(ANSWER_VALUE)) {
    const inside = match[1]!;
    const at = inside.indexOf('=>');
    const answer = await queryState(inside.slice(0, at).trim(), inside.slice(at + 2).trim(), runLine);
    if (!answer.ok || !(typeof answer.value === 'string' || typeof answer.value === 'number') || answer.value === '') return undefined;
    filled += command.slice(from, match.index) + String(answer.value);
    from = match.index! + match[0].length;
  }
  return filled + command.slice(from);
}

/**
 * The line a lesson runs for a step itself (its set-up, a rebuild, its verification): the
 * answer from where the sandbox is when the step has `# answer`s, else the step as written.
 * A lesson's sandbox runs on the wall clock, so the ids it gives (a task's) vary from run to
 * run: the step's own command only shows what such a line looks like.
 */
export function lessonLine(step: DemoStep, runLine: (line: string) => Promise<StepOutcome>): Promise<string> {
  return step.answers.length > 0 ? answerFor(step, runLine) : Promise.resolve(lineToRun(step));
}
