import type { ConfigLocations, VerbClock } from '../commands/ecs-cli/index.js';
import type { ScreenDrivers } from './demo/shell-driver.js';
import type { EditResult } from './editor.js';
import type { History } from './history.js';
import type { Session } from './session.js';
import type { SettingsStore } from './settings.js';

/** What running a line may use and change, in the interactive shell and in scripts alike. */
export interface ShellContext {
  session: Session;
  history: History;
  /** Remembers the choices made with dot commands; absent in scripts and one-shot runs. */
  settings?: SettingsStore;
  /** Completion's resource names, to mark out of date after a command that changed them. */
  resources?: { invalidateAfter(service: string, operation: string): unknown; invalidate(): void };
  /** Opens the editor for `.edit`; absent without a terminal. */
  edit?: (text: string) => EditResult;
  /** Asks a question; the next line the user enters is the answer. Absent where nobody can answer (`-c`, scripts). */
  ask?: (question: string) => Promise<string>;
  cwd?: string;
  /** Where ecs-cli's configuration files are (default: ecsh's config dir and ~/.ecs); a demo keeps its own. */
  ecsCliConfig?: ConfigLocations;
  /** How ecs-cli's verbs wait (default: real time); a demo being verified moves the sandbox's clock instead. */
  ecsCliClock?: VerbClock;
  /** The screen's demo players, lessons and recordings (`.demo`, `.learn`, `.record`); absent without a terminal. */
  screen?: ScreenDrivers;
}

/** How output is coloured: JSON and the CLI's tables get colours; info lines are quiet. */
export type OutputFormat = 'json' | 'table' | 'plain' | 'info';

export interface LineOutcome {
  ok: boolean;
  /** What to show (may be empty). */
  output: string;
  format: OutputFormat;
  /** What went wrong, in one line. */
  error?: string;
  /** The exit status of a line that failed, where it is not 1 (a waiter that failed: 255, as in the AWS CLI). */
  status?: number;
  /** Leave the shell. */
  exit?: boolean;
  /** Clear the output log. */
  clear?: boolean;
  /** Lines to run next, in order (what `.edit` saved). */
  then?: string[];
}

export interface RunLineOptions {
  signal?: AbortSignal;
  terminalWidth?: number;
  /** Takes the lines a command prints while it runs (ecs-cli's progress) as they come, instead of with the outcome. */
  progress?: (line: string) => void;
}

export const NOTHING: LineOutcome = { ok: true, output: '', format: 'plain' };

export function failure(error: string, output = ''): LineOutcome {
  return { ok: false, output, format: 'plain', error };
}

export function info(text: string): LineOutcome {
  return { ok: true, output: text.endsWith('\n') ? text : `${text}\n`, format: 'info' };
}
