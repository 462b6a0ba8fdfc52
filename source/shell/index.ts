// The shell's public surface. Nothing here loads Ink: `ecsh -c` and scripts never draw a
// screen, and the interactive shell loads it through startInteractiveShell.
import type { PlayOnScreenOptions } from './demo/play-on-screen.js';
import type { InteractiveOptions } from './render-shell.js';

export { runOneShot, runScript, type BatchOptions } from './batch-run.js';
export { runLine } from './run-line.js';
export { Session, type BackendKind, type BackendStarters, type SessionOptions, type SessionState } from './session.js';
export { History, HISTORY_LIMIT, defaultHistoryPath } from './history.js';
export { redactSecrets } from './redact-secrets.js';
export { DEFAULT_SETTINGS, memorySettings, openSettings, type Settings, type SettingsStore } from './settings.js';
export { paintFirstFrame, type FirstFrame } from './first-frame.js';
export { loadCompletionEngine, type CompletionEngine, type CompletionEngineOptions } from './completion-engine.js';
export type { LineOutcome, ShellContext } from './shell-context.js';
export type { InteractiveOptions } from './render-shell.js';
export type { PaneSlot } from './App.js';
export type { PlayOnScreenOptions } from './demo/play-on-screen.js';

/** The interactive shell on the terminal until the user leaves; resolves to the exit status. */
export async function startInteractiveShell(options: InteractiveOptions): Promise<number> {
  const { runInteractiveShell } = await import('./render-shell.js');
  return runInteractiveShell(options);
}

/**
 * A demo played on the shell's own screen (present: a key types, Enter runs; auto: typed and
 * run unattended), optionally saved as an asciicast, on a terminal or off screen.
 */
export async function playDemoOnScreen(options: PlayOnScreenOptions): Promise<number> {
  const { playDemoOnScreen: play } = await import('./demo/play-on-screen.js');
  return play(options);
}

/** The interactive shell with a lesson running, on a fresh seeded sandbox (`ecsh learn NAME`). */
export async function startLessonShell(options: { lesson: string; progressFile?: string }): Promise<number> {
  const { startLessonShell: start } = await import('./demo/lesson-shell.js');
  return start(options);
}
