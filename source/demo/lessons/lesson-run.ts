import type { LessonFeedback, LessonRun } from '../lesson-types.js';
import type { DemoScript, DemoStep, StateCheck, StepOutcome } from '../script-types.js';
import { runStateCheck } from '../state-check.js';
import { loadLesson } from './lesson-files.js';
import { progressOf, saveProgress } from './lesson-progress.js';
import { isLookingLine } from './looking-line.js';
import { runSetUpSteps } from './set-up-steps.js';

export interface OpenLessonOptions {
  /** Runs a line on the lesson's sandbox, as the shell does (the learner's session). */
  runLine(line: string): Promise<StepOutcome>;
  /** Where progress is kept (default: lessons.json in ecsh's config dir). */
  progressFile?: string;
}

/**
 * Opens a lesson on a fresh sandbox (started with the lesson's seed and speed: lessonSandbox):
 * runs its set-up, and, when the learner had got somewhere before, re-runs the answers of
 * the steps done, off screen, so that the sandbox is where they left it. A lesson finished
 * before starts again from the top.
 */
export async function openLesson(nameOrFile: string, options: OpenLessonOptions): Promise<LessonRun> {
  const lesson = new Lesson(loadLesson(nameOrFile), options);
  await lesson.begin();
  return lesson;
}

/** How a failing check reads to a learner: what the lesson asked, and what it got. */
interface Failure {
  check: StateCheck;
  detail: string;
}

class Lesson implements LessonRun {
  readonly name: string;
  readonly title: string;
  /** Index in script.steps of the step the learner is on; steps.length once done. */
  private position = 0;
  /** Learner steps done. */
  private completed = 0;
  /** Wrong tries at the current step. */
  private tries = 0;
  /** Said once, with the next narration: what happened while setting up. */
  private notes: LessonFeedback[] = [];
  private readonly learnerIndexes: number[];

  constructor(
    private readonly script: DemoScript,
    private readonly options: OpenLessonOptions,
  ) {
    this.name = script.name;
    this.title = script.title ?? script.name;
    this.learnerIndexes = script.steps.flatMap((step, index) => (step.hidden ? [] : [index]));
  }

  get done(): boolean {
    return this.position >= this.script.steps.length;
  }

  get progress(): { step: number; steps: number } {
    return { step: this.completed + 1, steps: this.learnerIndexes.length };
  }

  async begin(): Promise<void> {
    const saved = progressOf(this.name, this.options.progressFile);
    const resumeAt = saved.done || saved.completed >= this.learnerIndexes.length ? 0 : saved.completed;
    const target = this.learnerIndexes[resumeAt]!;
    const rebuilt = await this.runOffScreen(this.script.steps.slice(0, target));
    if (rebuilt.ok) {
      this.moveTo(target);
      if (resumeAt > 0) this.notes.push({ kind: 'say', text: `Welcome back: ${plural(resumeAt, 'step')} done, rebuilt on a fresh sandbox. On with step ${resumeAt + 1}.` });
      return;
    }
    // Resume at the first step the learner takes from where the rebuild stopped: theirs to redo.
    const failedAt = this.script.steps.indexOf(rebuilt.step);
    this.moveTo(this.learnerIndexes.find((index) => index >= failedAt) ?? this.script.steps.length);
    this.notes.push({ kind: 'error', text: `could not rebuild the sandbox past line ${rebuilt.step.line} (${rebuilt.reason}); you go on from there` });
  }

  current(): LessonFeedback[] {
    const notes = this.notes;
    this.notes = [];
    if (this.done) return [...notes, this.finished()];
    const say = this.narrationBefore(this.position).map((text): LessonFeedback => ({ kind: 'say', text }));
    return [...notes, { kind: 'say', text: `Step ${this.completed + 1} of ${this.learnerIndexes.length}` }, ...say];
  }

  async afterLine(line: string, _outcome: StepOutcome): Promise<LessonFeedback[]> {
    if (this.done) return [{ kind: 'done', text: `This lesson is done. ecsh learn lists the others; ecsh learn ${this.name} --restart takes it again.` }];
    const step = this.script.steps[this.position]!;
    const failure = await this.firstFailure(step);
    if (!failure) return this.stepDone();
    if (isLookingLine(line)) {
      // Looking is never wrong. Only where looking at the sandbox is the step itself does the learner need a word.
      const looked = !/^[.#]/.test(line.trim()) && isLookingLine(step.command);
      return looked ? [{ kind: 'say', text: 'Not yet: the sandbox is still on its way there. Give it a moment, then look again.' }] : [];
    }
    this.tries++;
    if (this.tries === 1) return [{ kind: 'hint', text: hintFor(step, failure) }];
    return [{ kind: 'answer', text: `Type this: ${step.command}` }];
  }

  private async stepDone(): Promise<LessonFeedback[]> {
    this.completed++;
    const feedback: LessonFeedback[] = [{ kind: 'success', text: `Well done: step ${this.completed} of ${this.learnerIndexes.length} is done.` }];
    const next = this.learnerIndexes[this.completed] ?? this.script.steps.length;
    const setUp = await this.runOffScreen(this.script.steps.slice(this.position + 1, next));
    if (!setUp.ok) feedback.push({ kind: 'error', text: `the set-up at line ${setUp.step.line} did not work (${setUp.reason})` });
    this.moveTo(next);
    try {
      saveProgress(this.name, { completed: this.completed, done: this.done || progressOf(this.name, this.options.progressFile).done }, this.options.progressFile);
    } catch (error) {
      feedback.push({ kind: 'error', text: (error as Error).message });
    }
    if (!this.done) return [...feedback, ...this.current()];
    const closing = this.script.closing.map((text): LessonFeedback => ({ kind: 'say', text }));
    return [...feedback, ...closing, this.finished()];
  }

  private finished(): LessonFeedback {
    return { kind: 'done', text: `You have finished ${this.title}. ecsh learn lists the other lessons.` };
  }

  private moveTo(index: number): void {
    this.position = index;
    this.completed = this.learnerIndexes.filter((learner) => learner < index).length;
    this.tries = 0;
  }

  /** The narration of a step, with that of the hidden set-up steps just before it. */
  private narrationBefore(index: number): string[] {
    const previous = this.learnerIndexes.filter((learner) => learner < index).at(-1) ?? -1;
    return this.script.steps.slice(previous + 1, index + 1).flatMap((step) => step.say);
  }

  private async firstFailure(step: DemoStep): Promise<Failure | undefined> {
    for (const check of step.checks) {
      const result = await runStateCheck(check, this.options.runLine);
      if (!result.ok) return { check, detail: result.detail ?? 'it did not pass' };
    }
    return undefined;
  }

  private runOffScreen(steps: DemoStep[]) {
    return runSetUpSteps(this.script, steps, this.options.runLine, this.script.sandbox!.speed);
  }
}

/** The step's own hint, or else what its check looks for. */
function hintFor(step: DemoStep, failure: Failure): string {
  if (step.hints.length > 0) return step.hints.join(' ');
  return `Not yet: the lesson asks ${failure.check.command}, and ${failure.detail}.`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
