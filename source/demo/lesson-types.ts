import type { StepOutcome } from './script-types.js';

/**
 * What a lesson says to the learner, in order. A wrong try gets `wrong` ("Not yet: ..."), then
 * the first time a `hint` ("Hint: ..."), from the second on the `answer` ("Answer: ...").
 */
export interface LessonFeedback {
  kind: 'say' | 'wrong' | 'hint' | 'answer' | 'success' | 'done' | 'error';
  /** The words as shown, labelled where the kind has a label. */
  text: string;
}

/**
 * A lesson being taken: it narrates the current step, and after each line the learner runs
 * (in the shell, with completion) it checks the sandbox's state, not the text typed.
 */
export interface LessonRun {
  readonly name: string;
  readonly title: string;
  /** The narration of the current step (at the start, and again on request). */
  current(): LessonFeedback[];
  /** After the learner ran a line: success and the next step's narration, or why not yet with a hint or the answer. */
  afterLine(line: string, outcome: StepOutcome): Promise<LessonFeedback[]>;
  readonly done: boolean;
  /** Where the learner is: the step being taken (1-based; steps + 1 once done) of the steps they type. */
  readonly progress: { step: number; steps: number };
}
