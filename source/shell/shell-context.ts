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
  cwd?: string;
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
}

export const NOTHING: LineOutcome = { ok: true, output: '', format: 'plain' };

export function failure(error: string, output = ''): LineOutcome {
  return { ok: false, output, format: 'plain', error };
}

export function info(text: string): LineOutcome {
  return { ok: true, output: text.endsWith('\n') ? text : `${text}\n`, format: 'info' };
}
