import type { KeyPress } from '../../terminal/index.js';
import type { LogEntry } from '../output-lines.js';
import type { LineOutcome } from '../shell-context.js';

/**
 * Something that drives the shell's screen besides the person at the keyboard: a demo being
 * played, a lesson, a recording. The screen gives each driver the same few handles (keys
 * into the prompt, narration into the log, the terminal's output) and tells it what was run.
 */
export interface ShellDriver {
  /** What it is, so that `.demo`, `.learn` and `.record` find their own. */
  readonly kind: 'demo' | 'lesson' | 'recording';
  /** Once on the screen: the handles it drives the screen with. */
  start(screen: DrivenScreen): void;
  /** A key the person pressed, offered to the driver first: true when the driver took it. */
  takeKey?(key: KeyPress): boolean;
  /** A line run from the prompt (typed by the person or by a driver) finished. */
  lineDone?(line: string, outcome: LineOutcome): void;
  /** The shell is leaving: stop timers, keep what must be kept. */
  stop?(): void;
}

/** How narration is styled in the output log. */
export type NarrationKind = NonNullable<LogEntry['tone']>;

export interface DrivenScreen {
  /** Keys as a terminal sends them ("ecs", "\r", "\u001B"), through the prompt's own key handling. */
  press(input: string): void;
  /** Runs `line` as Enter at the prompt does, showing `shown` in its place (a step without the variables it is run with). */
  submit(line: string, shown: string): void;
  /** The text at the prompt now. */
  promptText(): string;
  /** Lines shown in the output log, styled as narration. */
  narrate(kind: NarrationKind, text: string): void;
  /** Runs a line off screen (not typed, not echoed, not in the history): a set-up step. */
  runQuietly(line: string): Promise<LineOutcome>;
  /** Where lines run from now on (a demo's own folder, for its `file://` paths); undefined: where the shell started. */
  workIn(directory: string | undefined): void;
  /** What the driver is doing, shown in the toolbar ("demo php-app 3/12"); undefined clears it. */
  setStatus(text: string | undefined): void;
  /** Everything written to the terminal from now on, until the returned function is called. */
  tapOutput(listener: (data: string) => void): () => void;
  /** The terminal's size. */
  size(): { columns: number; rows: number };
  /** The driver is done: it hears nothing more, and its status goes. */
  finish(): void;
  /** Leaves the shell. */
  exit(): void;
}

/** The drivers on the screen, as the shell's commands reach them. */
export interface ScreenDrivers {
  add(driver: ShellDriver): void;
  find(kind: ShellDriver['kind']): ShellDriver | undefined;
}
