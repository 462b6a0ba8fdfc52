import type { LessonFeedback, LessonRun, StepOutcome } from '../../demo/index.js';
import type { LineOutcome } from '../shell-context.js';
import type { DrivenScreen, NarrationKind, ShellDriver } from './shell-driver.js';

/** The shell's own commands, which are not a learner's try at a step. */
const NOT_A_TRY = /^\.(learn|demo|record|help|history|clear|pane|layout|exit)(\s|$)/;

const TONES: Record<LessonFeedback['kind'], NarrationKind> = { say: 'say', wrong: 'hint', hint: 'hint', answer: 'answer', success: 'success', done: 'success', error: 'note' };

/**
 * A lesson taken in the shell: its narration in the log, then after each line the learner
 * runs (typed with completion, as anywhere in the shell) what the lesson says of it: the
 * next step, a hint, the answer. The lesson checks the sandbox's state, not the text typed.
 */
export class LessonDriver implements ShellDriver {
  readonly kind = 'lesson';
  private screen: DrivenScreen | undefined;
  /** The lesson hears lines one at a time, in the order they ran. */
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(readonly lesson: LessonRun) {}

  start(screen: DrivenScreen): void {
    this.screen = screen;
    screen.setStatus(this.status());
    setImmediate(() => this.show(this.lesson.current()));
  }

  lineDone(line: string, outcome: LineOutcome): void {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || NOT_A_TRY.test(trimmed)) return;
    const tried: StepOutcome = { ok: outcome.ok, output: outcome.output, ...(outcome.error !== undefined ? { error: outcome.error } : {}) };
    this.queue = this.queue.then(async () => {
      if (this.stopped || this.lesson.done) return;
      try {
        this.show(await this.lesson.afterLine(trimmed, tried));
      } catch (error) {
        this.show([{ kind: 'error', text: `the lesson could not check that: ${(error as Error).message}` }]);
      }
      if (this.lesson.done) this.leave();
      else this.screen?.setStatus(this.status());
    });
  }

  /** `.learn` alone: the current step's narration again. */
  repeat(): void {
    this.show(this.lesson.current());
  }

  /** `.learn stop`, or the lesson done. */
  leave(): void {
    this.stop();
    this.screen?.finish();
  }

  stop(): void {
    this.stopped = true;
  }

  private show(feedback: readonly LessonFeedback[]): void {
    // A try that was being checked when the learner left the lesson is not worth a word.
    if (this.stopped) return;
    for (const item of feedback) this.screen?.narrate(TONES[item.kind], item.text);
  }

  private status(): string {
    const { step, steps } = this.lesson.progress;
    return this.lesson.done ? `lesson ${this.lesson.name}: done` : `lesson ${this.lesson.name}: step ${step}/${steps}`;
  }
}
