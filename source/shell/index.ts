// The shell's public surface. Nothing here loads Ink: `ecsh -c` and scripts never draw a
// screen, and the interactive shell loads it through startInteractiveShell.
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

/** The interactive shell on the terminal until the user leaves; resolves to the exit status. */
export async function startInteractiveShell(options: InteractiveOptions): Promise<number> {
  const { runInteractiveShell } = await import('./render-shell.js');
  return runInteractiveShell(options);
}
