import { useCallback, useRef, useState } from 'react';
import { functionKeyNumber, useKeyPress } from '../../terminal/index.js';
import { applyFunctionKey, type PaneKeyState } from '../function-keys.js';
import { runPaneCommand, type PaneCommandResult } from '../pane-commands.js';
import type { PaneSettings } from '../pane-settings.js';

export interface PaneControl {
  settings: PaneSettings;
  /** The user gave the pane the keys (its F-key again); the screen decides whether it can take them. */
  focused: boolean;
  /** Esc in the pane: the keys go back to the prompt. */
  focusPrompt(): void;
  /** `.pane ...` and `.layout ...`: the result to print, or undefined for any other line. */
  runCommand(line: string): PaneCommandResult | undefined;
}

/**
 * The shell's pane settings and where the keys go: changed by the F-keys (bound here) and by
 * the dot commands. `canFocus` says whether the pane is on screen now (it is hidden when the
 * terminal has no room for it).
 */
export function usePaneControl(initial: PaneSettings, canFocus: () => boolean = () => true): PaneControl {
  const [state, setState] = useState<PaneKeyState>({ settings: initial, focused: false });
  const current = useRef(state);
  current.current = state;
  const change = useCallback((next: PaneKeyState) => {
    current.current = next;
    setState(next);
  }, []);
  useKeyPress((key) => {
    const number = functionKeyNumber(key);
    const next = number === undefined ? undefined : applyFunctionKey(number, current.current, canFocus());
    if (next) change(next);
  });
  const focusPrompt = useCallback(() => change({ ...current.current, focused: false }), [change]);
  const runCommand = useCallback(
    (line: string) => {
      const result = runPaneCommand(line, current.current.settings);
      // A pane turned off gives the keys back; the next one shown waits for its F-key.
      if (result?.ok) change({ settings: result.settings, focused: current.current.focused && result.settings.kind !== 'off' });
      return result;
    },
    [change],
  );
  return { settings: state.settings, focused: state.focused, focusPrompt, runCommand };
}
