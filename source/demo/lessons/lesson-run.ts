import type { LessonFeedback, LessonRun } from '../lesson-types.js';
import type { DemoScript, DemoStep, StepOutcome } from '../script-types.js';
import { runStateCheck } from '../state-check.js';
import { outcomeText } from '../step-line.js';
import { answerFor } from './lesson-answer.js';
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

/**
 * Why a step is not done yet: the sandbox is not in the state its checks ask for, or what the
 * learner ran did not show what its `# wait-for` looks for (a step that is about looking).
 */
interface Shortfall {
  kind: 'state' | 'output';
  /** What the lesson looked for and what it found, in words a learner reads after "Not yet: ". */
  text: string;
}

const STILL_ON_ITS_WAY = 'Not yet: the sandbox is still on its way there. Give it a moment, then look again.';

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

  async afterLine(line: string, outcome: StepOutcome): Promise<LessonFeedback[]> {
    if (this.done) return [{ kind: 'done', text: `This lesson is done. ecsh learn lists the others; ecsh learn ${this.name} --restart takes it again.` }];
    const step = this.script.steps[this.position]!;
    const shortfall = await this.shortfall(step, outcome);
    if (!shortfall) return this.stepDone();
    const trimmed = line.trim();
    if (isLookingLine(trimmed)) {
      // Looking is never wrong, unless looking is the step and what was looked at is there.
      if (/^[.#]/.test(trimmed) || !isLookingLine(step.command)) return [];
      if (shortfall.kind === 'state') return [{ kind: 'say', text: STILL_ON_ITS_WAY }];
    }
    this.tries++;
    const wrong: LessonFeedback = { kind: 'wrong', text: outcome.ok ? `Not yet: ${shortfall.text}` : `Not yet: that failed, so step ${this.completed + 1} is not done.` };
    if (this.tries === 1) return [wrong, { kind: 'hint', text: `Hint: ${hintFor(step)}` }];
    return [wrong, { kind: 'answer', text: `Answer: ${await answerFor(step, this.options.runLine)}` }];
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

  /**
   * What keeps the step from being done, if anything: its checks on the sandbox, then its
   * `# wait-for`s on what the learner's line printed (as a demo's are on the step's output).
   */
  private async shortfall(step: DemoStep, outcome: StepOutcome): Promise<Shortfall | undefined> {
    for (const check of step.checks) {
      const result = await runStateCheck(check, this.options.runLine);
      if (!result.ok) return { kind: 'state', text: `the lesson asks ${check.command}, and ${result.detail ?? 'it did not pass'}.` };
    }
    const printed = outcomeText(outcome);
    for (const wait of step.waitFor) {
      wait.pattern.lastIndex = 0;
      if (!wait.pattern.test(printed)) return { kind: 'output', text: `the lesson looks for ${wait.source} in what you run, and that did not show it.` };
    }
    return undefined;
  }

  private runOffScreen(steps: DemoStep[]) {
    return runSetUpSteps(this.script, steps, this.options.runLine, this.script.sandbox!.speed);
  }
}

/** The step's own hint (a nudge: which command, which option), or else the command to use. */
function hintFor(step: DemoStep): string {
  if (step.hints.length > 0) return step.hints.join(' ');
  // The command's words before its first option: `ecs delete-cluster`, `ecs-cli ps`, `!curl`.
  const words = step.command.split(/\s+/);
  const options = words.findIndex((word) => word.startsWith('-'));
  return `try ${words.slice(0, options < 0 ? 2 : Math.min(options, 3)).join(' ')}.`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
