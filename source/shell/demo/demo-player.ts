import { lineToRun, missingRequirement, requirementNote, retryTimeoutMs, stepProblem, type DemoScript, type DemoStep, type StepOutcome } from '../../demo/index.js';
import type { KeyPress } from '../../terminal/index.js';
import type { LineOutcome } from '../shell-context.js';
import { realClock, type PlayClock } from './play-clock.js';
import type { DrivenScreen, ShellDriver } from './shell-driver.js';
import { charactersPerPress, keyDelays, seededRandom } from './typing-rhythm.js';

export type PlayMode = 'present' | 'auto';

export interface DemoPlayerOptions {
  script: DemoScript;
  mode: PlayMode;
  /** Multiplies the typing speed (`--speed N`). */
  speed?: number;
  /** How fast the sandbox's time runs (simulated ms per real ms): a `# wait-for` timeout is in its time. */
  sandboxSpeed?: number;
  /** Variables for `!` steps besides the script's own (ECSH_ENDPOINT, the sandbox's URL). */
  env?: Readonly<Record<string, string>>;
  clock?: PlayClock;
  /** A `# marker`: a chapter of a cast. */
  onMarker?(name: string): void;
  /** The demo ended (played to the end, or stopped): whether every step did what the script says. */
  onEnd?(result: { ok: boolean; stopped: boolean }): void;
  /** Leave the shell when the demo ends: the shell was opened for it. */
  exitAtEnd?: boolean;
  /** Where the demo's lines run (its folder, for its `file://` paths), while it plays. */
  directory?: string;
}

// Pauses in auto mode (ms): the audience reads, looks at a chapter, takes in an output.
const MARKER_PAUSE_MS = 2000;
const PAUSE_MS = 2000;
const BEFORE_ENTER_MS = 400;
const AFTER_STEP_MS = 1500;
const READING_MS_PER_CHARACTER = 30;
/** Real time between two runs of a step whose `# wait-for` has not matched yet, at least. */
const RETRY_MS = 500;

const CLEAR_PROMPT = '\u0005\u0015';

/** What the presenter pressed: Enter, or keys that type (as many as were sent together). */
interface Press {
  enter: boolean;
  count: number;
}
const STOPPED = Symbol('stopped');

/**
 * A demo script played on the shell's own screen: narration in the log, each step typed into
 * the prompt key by key (so that the completion menu pops up as for a person), then run, its
 * outcome checked against the script. In present mode a key press types the next few
 * characters and Enter runs the step; Esc leaves the script for the live shell until
 * `.demo resume`. In auto mode it types at the step's speed and runs unattended.
 */
export class DemoPlayer implements ShellDriver {
  readonly kind = 'demo';
  readonly script: DemoScript;
  readonly mode: PlayMode;
  private screen: DrivenScreen | undefined;
  private readonly clock: PlayClock;
  private readonly random: () => number;
  private index = 0;
  /** What of the current step is at the prompt. */
  private typed = '';
  private detour = false;
  private stopped = false;
  private problems = 0;
  private waitingKey: ((press: Press) => void) | undefined;
  private waitingLine: { line: string; resolve(outcome: LineOutcome): void } | undefined;
  private cancelWait: (() => void) | undefined;

  constructor(private readonly options: DemoPlayerOptions) {
    this.script = options.script;
    this.mode = options.mode;
    this.clock = options.clock ?? realClock;
    this.random = seededRandom(options.script.sandbox?.seed ?? 1);
  }

  start(screen: DrivenScreen): void {
    this.screen = screen;
    if (this.options.directory !== undefined) screen.workIn(this.options.directory);
    // After the command that started it has shown its own output.
    setImmediate(() => void this.play());
  }

  takeKey(key: KeyPress): boolean {
    if (this.detour || this.stopped || passesThrough(key)) return false;
    if (this.mode === 'auto') return true;
    if (key.name === 'escape' && !key.meta) {
      this.leaveScript();
      return true;
    }
    const waiting = this.waitingKey;
    this.waitingKey = undefined;
    // Keys sent together (a held key, a fast sender) arrive as one text: each counts.
    waiting?.(key.name === 'return' ? { enter: true, count: 1 } : { enter: false, count: key.name === 'text' ? [...key.text].length : 1 });
    return true;
  }

  lineDone(line: string, outcome: LineOutcome): void {
    if (this.waitingLine?.line !== line) return;
    const { resolve } = this.waitingLine;
    this.waitingLine = undefined;
    resolve(outcome);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelWait?.();
  }

  /** `.demo resume`: back to the script, the step typed as far as it was. */
  resume(): string {
    if (!this.detour) return `${this.script.name} is on script already`;
    this.detour = false;
    this.screen!.press(CLEAR_PROMPT);
    if (this.typed !== '') this.screen!.press(this.typed);
    this.showStatus();
    const { at, of } = this.position();
    return `back to ${this.script.name}, step ${at} of ${of}`;
  }

  /** What `.demo` alone says. */
  describe(): string {
    const step = this.currentStep();
    const { at, of } = this.position();
    const where = step ? `step ${at} of ${of} (line ${step.line}: ${step.command})` : 'the closing words';
    const detour = this.detour ? '; off script: .demo resume goes back to it, .demo stop ends it' : '';
    return `playing ${this.script.name} (${this.mode}), at ${where}${detour}`;
  }

  private async play(): Promise<void> {
    const screen = this.screen!;
    try {
      if (this.mode === 'present') {
        screen.narrate('note', `${this.script.title ?? this.script.name}: a key types the next characters, Enter runs the step, Esc leaves the script (.demo resume comes back, .demo stop ends it)`);
      }
      for (const [index, step] of this.script.steps.entries()) {
        this.index = index;
        this.showStatus();
        await this.playStep(step);
      }
      this.index = this.script.steps.length;
      for (const text of this.script.closing) screen.narrate('say', text);
      if (this.mode === 'auto') await this.sleep(AFTER_STEP_MS);
      this.finish(false);
    } catch (error) {
      if (error !== STOPPED) throw error;
      this.finish(true);
    }
  }

  private finish(stopped: boolean): void {
    const screen = this.screen!;
    this.stopped = true;
    if (this.options.directory !== undefined) screen.workIn(undefined);
    screen.finish();
    this.options.onEnd?.({ ok: this.problems === 0, stopped });
    if (this.options.exitAtEnd && (stopped || this.mode === 'auto')) screen.exit();
    else if (!stopped) screen.narrate('note', `end of ${this.script.name}: the shell is yours`);
  }

  private async playStep(step: DemoStep): Promise<void> {
    const screen = this.screen!;
    if (step.marker !== undefined) {
      this.options.onMarker?.(step.marker);
      if (this.mode === 'auto') await this.sleep(MARKER_PAUSE_MS);
    }
    for (const text of step.say) screen.narrate('say', text);
    if (this.mode === 'auto' && step.say.length > 0) await this.sleep(step.say.join(' ').length * READING_MS_PER_CHARACTER);
    const absent = await missingRequirement(step.requires ?? []);
    if (absent !== undefined) {
      screen.narrate('note', `${step.command}: ${requirementNote(absent)}`);
      return;
    }
    if (step.pause) {
      if (this.mode === 'present') await this.nextKey();
      else await this.sleep(PAUSE_MS);
    }
    const line = lineToRun(step, this.options.env);
    if (step.hidden) {
      const problem = await this.check(step, stepOutcome(await screen.runQuietly(line)), () => screen.runQuietly(line).then(stepOutcome));
      if (problem !== undefined) this.report(`hidden step at line ${step.line} (${step.command}): ${problem}`);
      return;
    }
    await this.type(step.command);
    const problem = await this.check(step, await this.run(step.command, line), () => this.run(step.command, line));
    if (problem !== undefined) this.report(`line ${step.line}: ${problem}`);
    if (this.mode === 'auto') await this.sleep(AFTER_STEP_MS);
  }

  /** Types the command: in present mode a few characters a key, then waits for Enter. */
  private async type(command: string): Promise<void> {
    const chars = [...command];
    this.typed = '';
    if (this.mode === 'auto') {
      const delays = keyDelays(command, this.currentStep()!.speed, this.options.speed ?? 1, this.random);
      for (const [i, char] of chars.entries()) {
        await this.sleep(delays[i]!);
        this.typeMore(char);
      }
      await this.sleep(BEFORE_ENTER_MS);
      return;
    }
    const perPress = charactersPerPress(this.options.speed ?? 1);
    while (this.typed.length < command.length) {
      const { count } = await this.nextKey();
      const from = [...this.typed].length;
      for (const char of chars.slice(from, from + perPress * count)) this.typeMore(char);
    }
    while (!(await this.nextKey()).enter);
  }

  /** One more character at the prompt; what was typed before is put back first if the line lost it. */
  private typeMore(char: string): void {
    const screen = this.screen!;
    if (screen.promptText() !== this.typed) {
      screen.press(CLEAR_PROMPT);
      if (this.typed !== '') screen.press(this.typed);
    }
    screen.press(char);
    this.typed += char;
  }

  /** Runs the typed command (with Enter, as a person does) and waits for its outcome. */
  private run(command: string, line: string): Promise<StepOutcome> {
    const screen = this.screen!;
    const done = this.nextLine(command);
    if (line === command && screen.promptText() === command) screen.press('\r');
    else screen.submit(line, command);
    this.typed = '';
    return done.then(stepOutcome);
  }

  /**
   * The step's problem, if any, after running it again while a `# wait-for` may still come
   * true (a task still PENDING): quietly, then once more on screen when it would pass.
   */
  private async check(step: DemoStep, first: StepOutcome, again: () => Promise<StepOutcome>): Promise<string | undefined> {
    const screen = this.screen!;
    const quietly = (line: string) => screen.runQuietly(line).then(stepOutcome);
    let problem = await stepProblem(step, first, quietly);
    const timeoutMs = retryTimeoutMs(step);
    if (problem === undefined || timeoutMs === 0) return problem;
    const realTimeoutMs = timeoutMs / (this.options.sandboxSpeed ?? 1);
    const interval = Math.max(RETRY_MS, realTimeoutMs / 20);
    // The sandbox moves in real time whatever the play's clock: these waits are real.
    const deadline = realClock.now() + realTimeoutMs;
    const line = lineToRun(step, this.options.env);
    screen.setStatus(`${this.status()} · waiting for ${step.waitFor.map((wait) => wait.source).join(' ')}`);
    while (problem !== undefined && realClock.now() < deadline) {
      await this.sleep(interval, realClock);
      if ((await stepProblem(step, await quietly(line), quietly)) === undefined) problem = await stepProblem(step, await again(), quietly);
    }
    this.showStatus();
    return problem;
  }

  /** A step that did not do what the script says: said on screen, and the play is not ok. */
  private report(problem: string): void {
    this.problems++;
    this.screen!.narrate('note', problem);
  }

  private leaveScript(): void {
    this.detour = true;
    this.screen!.press(CLEAR_PROMPT);
    this.screen!.narrate('note', `off script: the shell is yours. .demo resume goes back to ${this.script.name}, .demo stop ends it`);
    this.showStatus();
  }

  private currentStep(): DemoStep | undefined {
    return this.script.steps[this.index];
  }

  private status(): string {
    const { at, of } = this.position();
    return `demo ${this.script.name} ${at}/${of}${this.detour ? ' (off script)' : ''}`;
  }

  /** Where the demo is, counting only the steps the audience sees typed (a set-up step counts as the one after it). */
  private position(): { at: number; of: number } {
    const of = this.script.steps.filter((step) => !step.hidden).length;
    const before = this.script.steps.slice(0, this.index).filter((step) => !step.hidden).length;
    return { at: Math.max(1, Math.min(of, before + 1)), of };
  }

  private showStatus(): void {
    this.screen?.setStatus(this.status());
  }

  private nextKey(): Promise<Press> {
    return this.waitFor<Press>((resolve) => {
      this.waitingKey = resolve;
      return () => (this.waitingKey = undefined);
    });
  }

  private nextLine(line: string): Promise<LineOutcome> {
    return this.waitFor<LineOutcome>((resolve) => {
      this.waitingLine = { line, resolve };
      return () => (this.waitingLine = undefined);
    });
  }

  private async sleep(ms: number, clock = this.clock): Promise<void> {
    this.throwIfStopped();
    await clock.sleep(ms);
    this.throwIfStopped();
  }

  /** A wait that `.demo stop` (or the shell leaving) ends at once. */
  private waitFor<T>(arm: (resolve: (value: T) => void) => () => void): Promise<T> {
    this.throwIfStopped();
    return new Promise<T>((resolve, reject) => {
      const disarm = arm((value) => {
        this.cancelWait = undefined;
        resolve(value);
      });
      this.cancelWait = () => {
        disarm();
        reject(STOPPED);
      };
    });
  }

  private throwIfStopped(): void {
    if (this.stopped) throw STOPPED;
  }
}

/**
 * Keys that keep their meaning while a demo plays: help, the panes, scrolling, cancelling a
 * command, clearing the screen, leaving. Every other key belongs to the demo (it must not
 * edit the line being typed, or pick from the menu instead of running it).
 */
function passesThrough(key: KeyPress): boolean {
  if (/^f\d+$/.test(key.name) || key.name === 'pageup' || key.name === 'pagedown') return true;
  return key.ctrl && (key.name === 'c' || key.name === 'l' || key.name === 'd');
}

function stepOutcome(outcome: LineOutcome): StepOutcome {
  return { ok: outcome.ok, output: outcome.output, ...(outcome.error !== undefined ? { error: outcome.error } : {}) };
}
